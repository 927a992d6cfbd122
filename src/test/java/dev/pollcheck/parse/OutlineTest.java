package dev.pollcheck.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutlineTest {
    private static final String SRC = """
            typedef struct ring { int head; } ring_t;
            static int helper(ring_t *r)
            {
            	return (ring_t *)r != 0;
            }
            static int reader(ring_t *r)
            {
            	return helper(r);
            }
            static const struct file_operations fops = { .read = reader, };
            MAKE_OPS(other);
            """;

    private final CParser parser = new CParser(ParseConfig.defaults());

    @Test
    void onlyTheWantedItemsAreParsedEachAskedOnce() {
        Outline outline = Outline.of(SRC);
        List<String> asked = new ArrayList<>();
        TranslationUnit tu = parser.parseWanted("t.c", SRC, List.of(), outline, t -> {
            asked.add(t);
            return t.contains("reader(");
        }, t -> false);
        assertEquals(2, asked.size(), "each body once");
        assertEquals(List.of("reader"), tu.functions().stream().map(TopLevel.Function::name).toList());
        assertEquals(ParseStatus.PARSED, tu.functions().get(0).status());
        assertEquals(6, tu.functions().get(0).nameSpan().line(), "positions as in the whole text");
    }

    @Test
    void theTextsTypedefsAreKnownThoughTheyAreNotRead() {
        // (ring_t *)r parses as a cast only when ring_t is known to be a type.
        TranslationUnit tu = parser.parseWanted("t.c", SRC, List.of(), Outline.of(SRC), t -> t.contains("helper(ring_t"),
                t -> false);
        assertEquals(ParseStatus.PARSED, tu.functions().get(0).status());
        assertTrue(tu.items().stream().noneMatch(i -> i instanceof TopLevel.Declaration), "the typedef is not read");
    }

    @Test
    void nothingWantedIsNothingRead() {
        TranslationUnit tu = parser.parseWanted("t.c", SRC, List.of(), Outline.of(SRC), t -> false, t -> false);
        assertTrue(tu.items().isEmpty());
        assertTrue(tu.problems().isEmpty());
    }

    @Test
    void aMacroInvocationIsAskedWithItsMacrosBody() {
        MacroDef ops = new MacroDef(null, "MAKE_OPS", List.of("n"), "int n##_open(void) { return helper(0); }");
        List<String> asked = new ArrayList<>();
        parser.parseWanted("t.c", SRC, List.of(ops), Outline.of(SRC), t -> false, t -> {
            asked.add(t);
            return false;
        });
        assertTrue(asked.stream().anyMatch(t -> t.startsWith("MAKE_OPS(other);") && t.contains("helper(0)")), asked.toString());
    }
}
