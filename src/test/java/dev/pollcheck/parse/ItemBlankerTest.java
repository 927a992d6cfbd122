package dev.pollcheck.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.TopLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemBlankerTest {
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
        ItemBlanker.Result r = ItemBlanker.blank(SRC, t -> t.contains("poll"));
        assertEquals(SRC.length(), r.text().length());
        assertEquals(SRC.lines().count(), r.text().lines().count());
        assertFalse(r.text().contains("return x"), r.text());
        assertTrue(r.text().contains("return helper(1);"), r.text());
        assertTrue(r.text().contains(".poll = a_poll"), "initializers are not bodies");
        assertEquals(List.of(false, true), r.decisions().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey()).map(java.util.Map.Entry::getValue).toList());
    }

    @Test
    void parserAsksOncePerFunctionAndKeepsSkippedNames() {
        List<String> asked = new java.util.ArrayList<>();
        var unit = new CParser(ParseConfig.defaults()).parse("t.c", SRC, List.of(), t -> {
            asked.add(t);
            return t.contains("poll");
        });
        assertEquals(2, asked.size(), asked.toString());
        List<TopLevel.Function> fns = unit.functions();
        assertEquals("helper", fns.get(0).name());
        assertEquals(ParseStatus.SKIPPED, fns.get(0).status());
        assertTrue(fns.get(0).isStatic());
        assertTrue(fns.get(0).params().isEmpty(), "a skipped header is not parsed");
        assertEquals(ParseStatus.PARSED, fns.get(1).status());
        assertEquals(10, fns.get(1).body().items().get(0).span().line(), "positions do not move");
    }

    private static final String DECLS = """
            typedef unsigned long cookie_t;
            static const int table[] = { 1, 2, 3 };
            struct foo { int a; } foo_inst = { .a = 1 };
            static DEFINE_MUTEX(lock);
            module_param(debug, int, 0644);
            static struct bar *b = &(struct bar) { .x = 1 };
            static const struct file_operations fops = { .poll = a_poll };
            """;

    @Test
    void unwantedDeclarationsAreBlankedButTypedefsAndMacroCallsStay() {
        String out = ItemBlanker.blank(DECLS, t -> false, t -> t.contains("poll")).text();
        assertEquals(DECLS.length(), out.length());
        assertEquals(DECLS.lines().count(), out.lines().count());
        assertTrue(out.contains("typedef unsigned long cookie_t;"), "the parser learns type names from typedefs");
        assertFalse(out.contains("table"), out);
        assertFalse(out.contains("foo_inst"), "a struct and its variable are one item");
        assertTrue(out.contains("static DEFINE_MUTEX(lock);"), "a macro may expand to anything");
        assertTrue(out.contains("module_param(debug, int, 0644);"));
        assertTrue(out.contains(".poll = a_poll"));
        // The braces of a compound literal after ')' look like a body; the ';' after them must stay,
        // or the declaration would run into the next one.
        assertTrue(out.lines().anyMatch(l -> l.startsWith("static struct bar *b = &(struct bar) {") && l.endsWith("};")), out);
    }

    @Test
    void blankedDeclarationsLeaveTheParseOfTheRestUnchanged() {
        CParser parser = new CParser(ParseConfig.defaults());
        var all = parser.parse("t.c", DECLS + SRC, List.of(), t -> true, t -> true);
        var some = parser.parse("t.c", DECLS + SRC, List.of(), t -> true, t -> t.contains("poll"));
        assertEquals(all.functions(), some.functions());
        assertEquals(all.problems(), some.problems());
        assertTrue(some.items().size() < all.items().size());
    }

    @Test
    void mayBeMacroInvocationReadsOnlyPlainWordsBeforeTheParenthesis() {
        assertTrue(ItemBlanker.mayBeMacroInvocation("static DEFINE_SPINLOCK(l);"));
        assertTrue(ItemBlanker.mayBeMacroInvocation("int f(void);"), "a prototype is read too; it is short");
        assertFalse(ItemBlanker.mayBeMacroInvocation("static int x = f(1);"));
        assertFalse(ItemBlanker.mayBeMacroInvocation("struct s *g(void);"));
    }

    @Test
    void plainUnwantedFunctionsAreBlankedWholeAndListedAsTheTokensWouldList() {
        String src = """
                asmlinkage long sys_thing(const char __user *name,
                			int flags)
                {
                	return 0;
                }
                static int __printf(2, 3) logit(int level, const char *fmt, ...)
                {
                	return level;
                }
                static __poll_t a_poll(struct file *f, poll_table *w)
                {
                	return 0;
                }
                """;
        ItemBlanker.Result r = ItemBlanker.blank(src, t -> t.contains("poll"), t -> true);
        assertEquals(1, r.skipped().size(), "only the plain header goes whole: " + r.skipped());
        assertEquals("sys_thing", r.skipped().get(0).name());
        assertFalse(r.text().contains("sys_thing"));
        assertTrue(r.text().contains("logit("), "a header with a second group stays for the lexer");

        var unit = new CParser(ParseConfig.defaults()).parse("t.c", src, List.of(), t -> t.contains("poll"));
        List<TopLevel.Function> fns = unit.functions();
        assertEquals(List.of("sys_thing", "logit", "a_poll"), fns.stream().map(TopLevel.Function::name).toList());
        TopLevel.Function sys = fns.get(0);
        assertEquals(ParseStatus.SKIPPED, sys.status());
        assertFalse(sys.isStatic());
        // Where the chunk of its tokens would start: after the attribute macro the lexer drops.
        assertEquals(new dev.pollcheck.model.Span("t.c", 1, 12, 5, 2), sys.span());
        assertEquals(new dev.pollcheck.model.Span("t.c", 1, 17, 1, 26), sys.nameSpan());
        assertEquals(new dev.pollcheck.model.Span("t.c", 3, 1, 5, 2), sys.body().span());
        assertTrue(fns.get(1).isStatic());
        assertEquals(ParseStatus.PARSED, fns.get(2).status());
    }
}
