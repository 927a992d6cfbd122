package dev.pollcheck.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.ParseProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessorTest {

    static Preprocessed pp(String text) {
        return pp(text, Defines.defaults());
    }

    static Preprocessed pp(String text, Defines d) {
        return Preprocessor.run(SourceFile.of("t.c", text), d);
    }

    /** Same length, and newlines exactly where they were. */
    static void assertLayout(String in, String out) {
        assertEquals(in.length(), out.length());
        for (int i = 0; i < in.length(); i++) {
            if (in.charAt(i) == '\n' || out.charAt(i) == '\n') {
                assertEquals(in.charAt(i), out.charAt(i), "newline moved at " + i);
            }
        }
    }

    static String problems(Preprocessed p) {
        StringBuilder sb = new StringBuilder();
        for (ParseProblem x : p.problems()) sb.append(x).append('\n');
        return sb.toString();
    }

    @Test
    void commentsBecomeSpacesKeepingLines() {
        String in = "int a; /* one\n two */ int b; // tail\nint c;\n";
        Preprocessed p = pp(in);
        assertLayout(in, p.text());
        assertEquals("int a;       \n        int b;        \nint c;\n", p.text());
        assertTrue(p.problems().isEmpty());
    }

    @Test
    void commentMarkersInsideStringsAndCharsAreText() {
        String in = "char *s = \"/* not */ // x\"; char c = '\"'; char d = '/'; /* gone */\n";
        Preprocessed p = pp(in);
        assertEquals("char *s = \"/* not */ // x\"; char c = '\"'; char d = '/';           \n", p.text());
    }

    @Test
    void escapedQuoteDoesNotEndString() {
        String in = "s = \"a\\\"/*b\"; /* c */x\n";
        assertEquals("s = \"a\\\"/*b\";        x\n", pp(in).text());
    }

    @Test
    void directivesWithContinuationsAreBlankedAndDefinesRecorded() {
        String in = "#include <linux/poll.h>\n#define FOO(a, b) \\\n\t((a) + /* c */ (b))\nint x;\n";
        Preprocessed p = pp(in);
        assertLayout(in, p.text());
        assertEquals(" ".repeat(23) + "\n" + " ".repeat(19) + "\n" + " ".repeat(20) + "\nint x;\n", p.text());
        assertEquals(1, p.macros().size());
        MacroDef m = p.macros().get(0);
        assertEquals("FOO", m.name());
        assertEquals(List.of("a", "b"), m.params());
        assertEquals("((a) +   (b))", m.body());
        assertEquals(2, m.span().line());
        assertEquals(3, m.span().endLine());
    }

    @Test
    void objectLikeDefineHasNullParams() {
        Preprocessed p = pp("#define N 42\n#define E\n#define F (x)\n");
        assertNull(p.macros().get(0).params());
        assertEquals("42", p.macros().get(0).body());
        assertEquals("", p.macros().get(1).body());
        assertNull(p.macros().get(2).params(), "a space before ( makes it object-like");
        assertEquals("(x)", p.macros().get(2).body());
    }

    @Test
    void spliceInCodeKeepsNewline() {
        String in = "int a = 1 + \\\n 2;\n";
        Preprocessed p = pp(in);
        assertEquals("int a = 1 +  \n 2;\n", p.text());
    }

    @Test
    void ifZeroDroppedIfOneElseDropped() {
        String in = "a\n#if 0\nb\n#else\nc\n#endif\n#if 1\nd\n#else\ne\n#endif\n";
        Preprocessed p = pp(in);
        assertLayout(in, p.text());
        assertEquals(List.of("a", "", "", "", "c", "", "", "d", "", "", "", ""), List.of(p.text().split("\n", -1)).stream().map(String::trim).toList());
    }

    @Test
    void undecidedTakesFirstBranch() {
        String in = "#ifdef CONFIG_UNKNOWN\nfirst\n#elif defined(OTHER)\nsecond\n#else\nthird\n#endif\n";
        String t = pp(in).text();
        assertTrue(t.contains("first"));
        assertFalse(t.contains("second"));
        assertFalse(t.contains("third"));
    }

    @Test
    void minusUAndMinusDSteer() {
        String in = "#ifdef CONFIG_X\nfirst\n#else\nsecond\n#endif\n";
        Defines u = Defines.parse(List.of(), List.of("CONFIG_X"));
        assertTrue(pp(in, u).text().contains("second"));
        assertFalse(pp(in, u).text().contains("first"));
        String in2 = "#if CONFIG_Y > 3\nbig\n#elif CONFIG_Y == 2\ntwo\n#endif\n";
        assertTrue(pp(in2, Defines.parse(List.of("CONFIG_Y=2"), List.of())).text().contains("two"));
        assertFalse(pp(in2, Defines.parse(List.of("CONFIG_Y=2"), List.of())).text().contains("big"));
        assertTrue(pp(in2, Defines.parse(List.of("CONFIG_Y=7"), List.of())).text().contains("big"));
    }

    @Test
    void kernelVersionDefaultPicksModernBranch() {
        String in = "#include <linux/version.h>\n#if LINUX_VERSION_CODE < KERNEL_VERSION(4, 16, 0)\nold\n#else\nnew\n#endif\n"
                + "#if LINUX_VERSION_CODE >= KERNEL_VERSION(6,12,0)\nsix12\n#endif\n";
        String t = pp(in).text();
        assertFalse(t.contains("old"));
        assertTrue(t.contains("new"));
        assertTrue(t.contains("six12"));
        Defines d = Defines.parse(List.of("LINUX_VERSION_CODE=KERNEL_VERSION(4,9,0)"), List.of());
        assertTrue(pp(in, d).text().contains("old"));
        Preprocessed p = pp("#if LINUX_VERSION_CODE < KERNEL_VERSION(3, 0, 0)\nstatic int compat_open(void)\n{\n}\n#endif\n");
        assertTrue(p.problems().get(0).message().contains("-D LINUX_VERSION_CODE=KERNEL_VERSION(a,b,c) for a kernel where"),
                p.problems().toString());
    }

    @Test
    void isEnabledAndLocalDefines() {
        String in = "#define HAVE_X 1\n#define LEVEL (HAVE_X + 2)\n#if LEVEL == 3 && IS_ENABLED(CONFIG_A)\nyes\n#else\nno\n#endif\n";
        assertTrue(pp(in, Defines.parse(List.of("CONFIG_A"), List.of())).text().contains("yes"));
        assertTrue(pp(in, Defines.parse(List.of("CONFIG_A_MODULE"), List.of("CONFIG_A"))).text().contains("yes"));
        assertTrue(pp(in, Defines.parse(List.of(), List.of("CONFIG_A"))).text().contains("no"));
        assertFalse(pp(in, Defines.parse(List.of(), List.of("CONFIG_A"))).text().contains("yes"));
    }

    @Test
    void undefMakesNameKnownUndefined() {
        String in = "#define A 1\n#undef A\n#ifdef A\nx\n#else\ny\n#endif\n";
        String t = pp(in).text();
        assertFalse(t.contains("x"));
        assertTrue(t.contains("y"));
    }

    @Test
    void functionInInactiveBranchIsReported() {
        String in = "#ifdef CONFIG_FOO\nstatic __poll_t foo_poll(struct file *f,\n\t\tpoll_table *wait)\n{\n\treturn 0;\n}\n#endif\n";
        Preprocessed p = pp(in, Defines.parse(List.of(), List.of("CONFIG_FOO")));
        assertEquals(1, p.problems().size(), problems(p));
        ParseProblem x = p.problems().get(0);
        assertEquals(2, x.line());
        assertEquals(17, x.column());
        assertTrue(x.message().contains("foo_poll"), x.message());
        assertTrue(x.message().contains("-D CONFIG_FOO"), x.message());
        assertTrue(Preprocessor.isInactiveFunctionNotice(x));
        assertTrue(Preprocessor.isPollRelatedInactiveFunction(x), "its text mentions poll_table");
    }

    @Test
    void functionInElseBranchNamesMinusU() {
        String in = "#ifndef NO_POLL\nint a;\n#else\nint bar(void) { return 1; }\n#endif\n";
        Preprocessed p = pp(in);
        assertEquals(1, p.problems().size(), problems(p));
        assertTrue(p.problems().get(0).message().contains("bar"));
        assertTrue(p.problems().get(0).message().contains("-D NO_POLL"), p.problems().get(0).message());
        assertEquals(4, p.problems().get(0).line());
        assertTrue(Preprocessor.isInactiveFunctionNotice(p.problems().get(0)));
        assertFalse(Preprocessor.isPollRelatedInactiveFunction(p.problems().get(0)));
    }

    @Test
    void callsAndStatementsInInactiveBranchAreNotFunctions() {
        String in = "void f(void)\n{\n#if 0\n\tif (x) {\n\t\tfoo(a);\n\t}\n\tlist_for_each(p, h) {\n\t}\n#endif\n}\n";
        Preprocessed p = pp(in);
        assertTrue(p.problems().isEmpty(), problems(p));
    }

    @Test
    void unbalancedDirectivesAreProblems() {
        String in = "#endif\n#else\nint a;\n#if X\nint b;\n";
        Preprocessed p = pp(in);
        String all = problems(p);
        assertTrue(all.contains("t.c:1:1: #endif without #if"), all);
        assertTrue(all.contains("t.c:2:1: #else without #if"), all);
        assertTrue(all.contains("t.c:4:1: unterminated #if X"), all);
        assertTrue(problems(pp("int a;\n  #  endif\n")).contains("t.c:2:3: #endif without #if"));
        assertTrue(p.text().contains("int b;"));
    }

    @Test
    void unterminatedCommentAndString() {
        String in = "int a = \"abc;\nint b; /* open\nint c;\n";
        Preprocessed p = pp(in);
        assertLayout(in, p.text());
        String all = problems(p);
        assertTrue(all.contains("t.c:1:9: unterminated string literal"), all);
        assertTrue(all.contains("t.c:2:8: unterminated comment"), all);
        assertTrue(p.text().startsWith("int a = \"abc;\nint b;"));
    }

    @Test
    void apostropheInIfZeroIsNoProblem() {
        String in = "#if 0\nwe don't do this\n#endif\nint a;\n";
        Preprocessed p = pp(in);
        assertTrue(p.problems().isEmpty(), problems(p));
        assertTrue(p.text().endsWith("int a;\n"));
    }

    @Test
    void commentHidesEndifInInactiveCode() {
        String in = "#if 0\n/*\n#endif\n*/\nhidden\n#endif\nshown\n";
        String t = pp(in).text();
        assertFalse(t.contains("hidden"));
        assertTrue(t.contains("shown"));
    }

    @Test
    void crlfSplicesKeepLayout() {
        String in = "#define A 1 \\\r\n  + 2\r\nint x; \\\r\nint y;\r\n";
        Preprocessed p = pp(in);
        assertLayout(in, p.text());
        assertEquals("1 + 2", p.macros().get(0).body().replaceAll("\\s+", " "));
        assertTrue(p.text().contains("int x;  \r\nint y;"));
    }

    @Test
    void deepConditionIsUndecidedNotACrash() {
        String in = "#if " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\nx\n#else\ny\n#endif\n";
        Preprocessed p = pp(in);
        assertTrue(p.text().contains("x"));
        assertTrue(problems(p).contains("nested deeper"), problems(p));
    }

    @Test
    void tenThousandNestedIfs() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) sb.append("#ifdef A").append(i).append('\n');
        sb.append("int deep;\n");
        for (int i = 0; i < 10_000; i++) sb.append("#endif\n");
        Preprocessed p = pp(sb.toString());
        assertTrue(p.text().contains("int deep;"));
        assertTrue(p.problems().isEmpty());
    }

    @Test
    void otherDirectivesAreBlankedWithoutEffect() {
        String in = "#include \"a/*b.h\"\n#pragma once\n#error don't build\n#warning x\n#line 5\n# 1 \"f.c\"\n#\nint a;\n";
        Preprocessed p = pp(in);
        assertLayout(in, p.text());
        assertTrue(p.problems().isEmpty(), problems(p));
        assertTrue(p.text().endsWith("int a;\n"));
        assertEquals(in.length() - "int a;\n".length(), p.text().indexOf("int a;"));
        assertTrue(p.text().substring(0, p.text().indexOf("int")).isBlank());
    }

    @Test
    void definesInInactiveBranchesAreNotRecorded() {
        Preprocessed p = pp("#if 0\n#define HIDDEN 1\n#else\n#define SHOWN 2\n#endif\n#ifdef HIDDEN\nh\n#endif\n#ifdef SHOWN\ns\n#endif\n");
        assertEquals(List.of("SHOWN"), p.macros().stream().map(MacroDef::name).toList());
        assertTrue(p.text().contains("h"), "HIDDEN is unknown, not undefined: the first branch is kept");
        assertTrue(p.text().contains("s"));
    }

    @Test
    void elifChainTakesTheFirstTrueArm() {
        String in = "#define V 3\n#if V == 1\none\n#elif V == 3\nthree\n#elif V > 2\nbig\n#else\nother\n#endif\n";
        String t = pp(in).text();
        assertEquals(List.of("three"), List.of(t.trim().split("\\s+")));
        String c23 = "#ifdef NOPE\nx\n#elifdef V\ny\n#endif\n";
        Defines d = Defines.parse(List.of("V"), List.of("NOPE"));
        assertEquals("y", pp(c23, d).text().trim());
    }

    @Test
    void undecidedElifIsNotTakenAndElseIs() {
        String in = "#if 0\na\n#elif defined(CONFIG_UNKNOWN)\nb\n#else\nc\n#endif\n";
        assertEquals("c", pp(in).text().trim());
    }

    @Test
    void slashInCodeIsNotAComment() {
        String in = "x = a / b; y = c/ *p;\n";
        assertEquals(in, pp(in).text());
    }

    @Test
    void inactiveFunctionWithReturnTypeAboveAndLockAnnotations() {
        String in = "#if 0\nstatic int\nfoo_poll_locked(struct foo *f, poll_table *w)\n\t__must_hold(&f->lock)\n{\n\treturn 0;\n}\n"
                + "int table[] = { 1, 2 };\nint x = bar(1) + baz(2);\n#endif\n";
        Preprocessed p = pp(in);
        assertEquals(1, p.problems().size(), problems(p));
        assertEquals(3, p.problems().get(0).line());
        assertEquals(1, p.problems().get(0).column());
        assertTrue(p.problems().get(0).message().startsWith("poll-related function foo_poll_locked "));
    }
}
