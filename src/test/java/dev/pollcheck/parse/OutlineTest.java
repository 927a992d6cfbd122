package dev.pollcheck.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
        TranslationUnit tu = parser.parseWanted("t.c", SRC, List.of(), outline, it -> {
            asked.add(it.text());
            return it.text().contains("reader(");
        }, it -> false);
        assertEquals(2, asked.size(), "each body once");
        assertEquals(List.of("reader"), tu.functions().stream().map(TopLevel.Function::name).toList());
        assertEquals(ParseStatus.PARSED, tu.functions().get(0).status());
        assertEquals(6, tu.functions().get(0).nameSpan().line(), "positions as in the whole text");
        assertEquals(12, tu.functions().get(0).nameSpan().column());
    }

    @Test
    void theTextsTypedefsAreKnownThoughTheyAreNotRead() {
        // (ring_t *)r parses as a cast only when ring_t is known to be a type.
        TranslationUnit tu = parser.parseWanted("t.c", SRC, List.of(), Outline.of(SRC),
                it -> it.text().contains("helper(ring_t"), it -> false);
        assertEquals(ParseStatus.PARSED, tu.functions().get(0).status());
        assertTrue(tu.items().stream().noneMatch(i -> i instanceof TopLevel.Declaration), "the typedef is not read");
    }

    @Test
    void nothingWantedIsNothingRead() {
        TranslationUnit tu = parser.parseWanted("t.c", SRC, List.of(), Outline.of(SRC), it -> false, it -> false);
        assertTrue(tu.items().isEmpty());
        assertTrue(tu.problems().isEmpty());
    }

    @Test
    void itemsNameWholeIdentifiers() {
        Outline outline = Outline.of(SRC);
        Outline.Item reader = outline.items().get(2);
        assertTrue(reader.isBody());
        assertTrue(reader.mentionsAny(Set.of("helper")));
        assertFalse(reader.mentionsAny(Set.of("help", "ring", "fops")), "whole identifiers of its own text only");
    }

    @Test
    void unterminatedInvocationsAreItemsOfTheirOwn() {
        String src = """
                DEFINE_SHOW_ATTRIBUTE(stats)

                static int __init foo_init(void)
                {
                	return 0;
                }
                module_init(foo_init)
                """;
        List<String> texts = Outline.of(src).items().stream().map(i -> i.text().strip()).toList();
        assertEquals(List.of("DEFINE_SHOW_ATTRIBUTE(stats)", "static int __init foo_init(void)\n{\n\treturn 0;\n}",
                "module_init(foo_init)"), texts);
        TranslationUnit tu = parser.parseWanted("t.c", src, List.of(), Outline.of(src), it -> false,
                it -> it.mentionsAny(Set.of("foo_init")));
        assertEquals(List.of("module_init"), tu.items().stream()
                .map(i -> i instanceof TopLevel.MacroInvocation m ? m.name() : i.toString()).toList());
    }

    @Test
    void aMacroInvocationIsAskedWithItsMacrosBody() {
        MacroDef ops = new MacroDef(null, "MAKE_OPS", List.of("n"), "int n##_open(void) { return helper(0); }");
        Outline outline = Outline.of(SRC, List.of(ops));
        Outline.Item invocation = outline.items().get(outline.items().size() - 1);
        assertTrue(invocation.text().startsWith("MAKE_OPS(other);") && invocation.text().contains("helper(0)"),
                invocation.text());
        assertTrue(invocation.mentionsAny(Set.of("helper")));
    }
}
