package dev.pollcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuppressionCommentsTest {

    @Test
    void blockAndLineComments() {
        String text = """
                int a; /* pollcheck: ignore PW002 -- set at open, never cleared */
                // pollcheck: ignore PW001, PW002 -- both reviewed
                \t/* pollcheck: ignore PW003 */
                """;
        List<SuppressionMatcher.Comment> cs = SuppressionComments.parse("x.c", text);
        assertEquals(3, cs.size());
        assertEquals(Set.of("PW002"), cs.get(0).rules());
        assertEquals("set at open, never cleared", cs.get(0).reason());
        assertEquals(1, cs.get(0).at().line());
        assertEquals(8, cs.get(0).at().column());
        assertEquals(Set.of("PW001", "PW002"), cs.get(1).rules());
        assertEquals("both reviewed", cs.get(1).reason());
        assertEquals(Set.of("PW003"), cs.get(2).rules());
        assertNull(cs.get(2).reason());
        assertEquals(2, cs.get(2).at().column(), "a tab is one column");
    }

    @Test
    void multiLineCommentEndsWhereItEnds() {
        String text = "/*\n * pollcheck: ignore -- the reason\n * goes on here\n */\nint x;\n";
        SuppressionMatcher.Comment c = SuppressionComments.parse("x.c", text).get(0);
        assertEquals(Set.of(), c.rules());
        assertEquals("the reason goes on here", c.reason());
        assertEquals(1, c.at().line());
        assertEquals(4, c.at().endLine());
    }

    @Test
    void stringsAndOtherCommentsDoNotCount() {
        String text = """
                const char *s = "/* pollcheck: ignore PW001 -- no */";
                char q = '"'; /* a plain comment */
                /* pollcheckers: ignore PW001 -- no */
                """;
        assertEquals(List.of(), SuppressionComments.parse("x.c", text));
    }

    @Test
    void aSingleDashIsNoReason() {
        SuppressionMatcher.Comment c = SuppressionComments.parse("x.c", "/* pollcheck: ignore PW001 - it is fine */").get(0);
        assertEquals(Set.of("PW001"), c.rules());
        assertNull(c.reason(), "reported as a suppression without reason rather than ignored");
    }

    @Test
    void unterminatedCommentIsStillRead() {
        List<SuppressionMatcher.Comment> cs = SuppressionComments.parse("x.c", "int a;\n/* pollcheck: ignore PW001 -- r");
        assertEquals(1, cs.size());
        assertEquals("r", cs.get(0).reason());
    }
}
