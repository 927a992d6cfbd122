package dev.pollcheck.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CondExprTest {
    private static final Map<String, CondExpr.Macro> ENV = Map.ofEntries(
            Map.entry("ONE", new CondExpr.ObjLike("1")),
            Map.entry("TWO", new CondExpr.ObjLike("(ONE + ONE)")),
            Map.entry("SELF", new CondExpr.ObjLike("SELF + 1")),
            Map.entry("TEXT", new CondExpr.ObjLike("\"abc\"")),
            Map.entry("GONE", new CondExpr.Undefined()),
            Map.entry("FN", new CondExpr.FnLike(List.of("x"), "#x")),
            Map.entry("KV", new CondExpr.FnLike(List.of("a", "b", "c"), "(((a) << 16) + ((b) << 8) + (c))")),
            Map.entry("TWICE", new CondExpr.FnLike(List.of("x"), "KV(0, 0, x) * 2")),
            Map.entry("LOOP", new CondExpr.FnLike(List.of("x"), "LOOP(x)")),
            Map.entry("KERNEL_VERSION", new CondExpr.BuiltIn()),
            Map.entry("IS_ENABLED", new CondExpr.BuiltIn()),
            Map.entry("IS_MODULE", new CondExpr.BuiltIn()),
            Map.entry("CONFIG_M_MODULE", new CondExpr.ObjLike("1")));

    private static Long eval(String e) {
        return CondExpr.evaluate(e, ENV::get).value();
    }

    @Test
    void arithmeticAndPrecedence() {
        assertEquals(7L, eval("1 + 2 * 3"));
        assertEquals(1L, eval("(1 << 4) == 0x10 && 010 == 8 && 3UL > 2"));
        assertEquals(0L, eval("!1 || 2 - 2"));
        assertEquals(5L, eval("0 ? 4 : 5"));
        assertEquals(-1L, eval("~0"));
        assertEquals(65L, eval("'A'"));
        assertEquals((6L << 16) + (12L << 8), eval("KERNEL_VERSION(6, 12, 0)"));
    }

    @Test
    void macrosExpandAndUndefinedIsZero() {
        assertEquals(2L, eval("TWO"));
        assertEquals(1L, eval("defined(ONE) && defined FN && !defined(GONE)"));
        assertEquals(0L, eval("GONE"));
        assertNull(eval("SELF"), "a self-reference is not expanded twice and stays unknown");
        assertNull(eval("TEXT"), "a string body is no integer");
    }

    @Test
    void unknownsPropagateButShortCut() {
        assertNull(eval("defined(CONFIG_X)"));
        assertNull(eval("CONFIG_X + 1"));
        assertEquals(0L, eval("0 && CONFIG_X"));
        assertEquals(1L, eval("CONFIG_X || 1"));
        assertNull(eval("FN(3)"));
        assertNull(eval("__has_include(<linux/foo.h>)"));
        assertNull(CondExpr.evaluate("__has_include(\"errata/abi-1.h\") && 1", ENV::get).error());
        assertEquals(0L, eval("0 && __has_include_next(<x.h>)"));
        assertNull(eval("1 / 0"));
        assertNull(eval("1 << 99"));
        assertNull(eval("1 << CONFIG_X"));
    }

    @Test
    void functionLikeMacrosFromTheFileAreExpanded() {
        assertEquals((5L << 16) + (4L << 8), eval("KV(5, 4, 0)"));
        assertEquals(1L, eval("KERNEL_VERSION(6,12,0) > KV(6, (1 + 2), 0)"));
        assertEquals(14L, eval("TWICE(7)"));
        assertNull(eval("KV(1, 2)"), "wrong argument count");
        assertNull(eval("LOOP(1)"), "a macro is not expanded inside itself");
    }

    @Test
    void configHelpers() {
        assertEquals(1L, eval("IS_ENABLED(CONFIG_M)"), "a module counts as enabled");
        assertEquals(1L, eval("IS_MODULE(CONFIG_M)"));
        assertNull(eval("IS_ENABLED(CONFIG_UNKNOWN)"));
    }

    @Test
    void syntaxErrorsAreReportedNotThrown() {
        assertNotNull(CondExpr.evaluate("1 +", ENV::get).error());
        assertNotNull(CondExpr.evaluate("(1", ENV::get).error());
        assertNotNull(CondExpr.evaluate("1 @ 2", ENV::get).error());
        assertNotNull(CondExpr.evaluate("'a", ENV::get).error());
        assertNotNull(CondExpr.evaluate("99999999999999999999999", ENV::get).error());
        assertNotNull(CondExpr.evaluate("!".repeat(5000) + "1", ENV::get).error());
    }
}
