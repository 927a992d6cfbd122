package dev.pollcheck.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuppressionsTest {

    private static List<Suppression> find(String text) {
        Suppressions.Result r = Suppressions.find("s.c", text);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        return r.suppressions();
    }

    @Test
    void trailingCommentCoversItsLineOnly() {
        String c = "static __poll_t f(struct file *file, poll_table *wait)\n{\n"
                + "\tif (req & EPOLLIN) poll_wait(file, &q, wait); /* pollcheck: ignore PW001 -- only one reader */\n"
                + "\tpoll_wait(file, &r, wait);\n\treturn 0;\n}\n";
        List<Suppression> s = find(c);
        assertEquals(1, s.size());
        Suppression x = s.get(0);
        assertEquals(3, x.line());
        assertEquals(Set.of("PW001"), x.rules());
        assertEquals("only one reader", x.reason());
        assertFalse(x.standalone());
        assertTrue(x.appliesTo(3, 1, 6));
        assertFalse(x.appliesTo(4, 1, 6));
        assertTrue(x.covers("PW001"));
        assertFalse(x.covers("PW002"));
        assertEquals(48, x.span().column(), "columns count chars; a tab is one");
    }

    @Test
    void standaloneCoversNextCodeLine() {
        String c = "void f(void)\n{\n\tx();\n\t// pollcheck: ignore PW002, pw003 -- state checked in open\n\n\t/* other */\n\tpoll_wait(a, b, c);\n\ty();\n}\n";
        Suppression x = find(c).get(0);
        assertTrue(x.standalone());
        assertEquals(7, x.nextCodeLine());
        assertEquals(Set.of("PW002", "PW003"), x.rules());
        assertTrue(x.appliesTo(7, 1, 9));
        assertFalse(x.appliesTo(8, 1, 9));
        assertFalse(x.firstInBlock());
    }

    @Test
    void beforeFunctionOrFirstInBodyCoversFunction() {
        String before = "int a;\n/*\n * pollcheck: ignore PW003 -- no waiting needed\n */\nstatic __poll_t f(struct file *file,\n\t\tpoll_table *w)\n{\n\treturn EPOLLIN;\n}\nint b;\n";
        Suppression x = find(before).get(0);
        assertEquals("no waiting needed", x.reason());
        assertEquals(5, x.nextCodeLine());
        assertTrue(x.appliesTo(8, 5, 9));
        assertFalse(x.appliesTo(10, 0, 0));

        String inside = "static __poll_t f(struct file *file, poll_table *w)\n{\n\t/* pollcheck: ignore */\n\tint x;\n\n\tif (x) return 1;\n\treturn 0;\n}\n";
        Suppression y = find(inside).get(0);
        assertTrue(y.firstInBlock());
        assertTrue(y.rules().isEmpty());
        assertTrue(y.covers("PW002"));
        assertNull(y.reason());
        assertFalse(y.hasReason());
        assertTrue(y.appliesTo(6, 1, 8));
        assertFalse(y.appliesTo(9, 1, 8));
    }

    @Test
    void notFirstInBodyIsLineLevel() {
        String c = "void f(void)\n{\n\tint x;\n\t/* pollcheck: ignore PW001 -- r */\n\ta();\n\tb();\n}\n";
        Suppression x = find(c).get(0);
        assertFalse(x.firstInBlock());
        assertTrue(x.appliesTo(5, 1, 7));
        assertFalse(x.appliesTo(6, 1, 7));
    }

    @Test
    void stringsAndOrdinaryCommentsAreNotSuppressions() {
        assertTrue(find("char *s = \"/* pollcheck: ignore PW001 */\";\n/* see pollcheck: ignore */\n").isEmpty());
        assertTrue(find("int x;\n").isEmpty());
    }

    @Test
    void malformedIsAProblem() {
        Suppressions.Result r = Suppressions.find("s.c", "/* pollcheck: ignroe PW001 */\n// pollcheck: ignore because reasons\n");
        assertTrue(r.suppressions().isEmpty());
        assertEquals(2, r.problems().size());
        assertEquals(1, r.problems().get(0).line());
        assertEquals(2, r.problems().get(1).line());
        assertTrue(r.problems().get(1).message().contains("'because'"));
    }

    @Test
    void emptyReasonIsNoReason() {
        assertNull(find("x(); // pollcheck: ignore PW002 --   \n").get(0).reason());
    }
}
