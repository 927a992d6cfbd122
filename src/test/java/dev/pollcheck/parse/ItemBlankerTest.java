package dev.pollcheck.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.TopLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyBlankerTest {
    private static final String SRC = """
            static const struct file_operations fops = { .poll = a_poll, };
            /* a comment with a brace { */
            static int helper(int x)
            {
            	char *s = "}";
            	return x + '{';
            }
            static __poll_t a_poll(struct file *f, poll_table *w)
            {
            	return helper(1);
            }
            """;

    @Test
    void unwantedBodiesBecomeBlankInPlace() {
        BodyBlanker.Result r = BodyBlanker.blank(SRC, t -> t.contains("poll"));
        assertEquals(SRC.length(), r.text().length());
        assertEquals(SRC.lines().count(), r.text().lines().count());
        assertFalse(r.text().contains("return x"), r.text());
        assertTrue(r.text().contains("return helper(1);"), r.text());
        assertTrue(r.text().contains(".poll = a_poll"), "initializers are not bodies");
        assertEquals(List.of(false, true), r.decisions().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey()).map(java.util.Map.Entry::getValue).toList());
    }

    @Test
    void parserAsksOncePerFunctionAndKeepsSkippedHeaders() {
        List<String> asked = new java.util.ArrayList<>();
        var unit = new CParser(ParseConfig.defaults()).parse("t.c", SRC, List.of(), t -> {
            asked.add(t);
            return t.contains("poll");
        });
        assertEquals(2, asked.size(), asked.toString());
        List<TopLevel.Function> fns = unit.functions();
        assertEquals("helper", fns.get(0).name());
        assertEquals(ParseStatus.SKIPPED, fns.get(0).status());
        assertEquals(1, fns.get(0).params().size());
        assertEquals(ParseStatus.PARSED, fns.get(1).status());
        assertEquals(10, fns.get(1).body().items().get(0).span().line(), "positions do not move");
    }
}
