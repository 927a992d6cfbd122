package dev.pollcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TypeRef;
import dev.pollcheck.rules.Finding;
import dev.pollcheck.rules.Level;
import dev.pollcheck.source.Suppressions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Suppression comments placed in {@link TestFindings#DRIVER}, read by the source stage, applied here. */
class SuppressionMatcherTest {

    /** The driver with {@code comment} inserted as a line before line {@code before} (1-based). */
    private static String insert(String comment, int before) {
        List<String> lines = new ArrayList<>(Arrays.asList(TestFindings.DRIVER.split("\n", -1)));
        lines.add(before - 1, comment);
        return String.join("\n", lines);
    }

    /** The PW001 finding wherever the lines of {@code text} put it. */
    private static Finding findingIn(String text) {
        List<String> lines = Arrays.asList(text.split("\n", -1));
        int fn = indexOf(lines, "static __poll_t foo_poll"), brace = fn + 1;
        int cond = indexOf(lines, "if (req & EPOLLIN)"), call = indexOf(lines, "poll_wait(file");
        int end = lines.indexOf("}") + 1;
        String f = TestFindings.FILE;
        TopLevel.Function method = new TopLevel.Function(new Span(f, fn, 1, end, 2), new Span(f, fn, 17, fn, 25),
                "foo_poll", TypeRef.UNKNOWN, List.of(), true, new Stmt.Block(new Span(f, brace, 1, end, 2), List.of()),
                ParseStatus.PARSED);
        int col = lines.get(call - 1).indexOf("poll_wait") + 1;
        return new Finding("PW001", Level.ERROR, new Span(f, call, col, call, col + 36), "foo_poll", "skipped",
                "&dev->read_wq", new Span(f, cond, 6, cond, 19), "req & EPOLLIN", java.util.Set.of(), method, null);
    }

    private static int indexOf(List<String> lines, String needle) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) return i + 1;
        }
        throw new AssertionError("no line with " + needle);
    }

    private static List<ReportedFinding> apply(String text) {
        Suppressions.Result r = Suppressions.find(TestFindings.FILE, text);
        assertEquals(List.of(), r.problems());
        return new SuppressionMatcher(file -> r.suppressions()).apply(List.of(ReportedFinding.of(findingIn(text), null)));
    }

    @Test
    void onTheFindingsLineOrTheLineBefore() {
        String trailing = TestFindings.DRIVER.replace("wait);\n\tif (dev",
                "wait); /* pollcheck: ignore PW001 -- reviewed */\n\tif (dev");
        Suppression s = apply(trailing).get(0).suppression();
        assertTrue(s != null && !s.wholeFunction());
        assertEquals("reviewed", s.justification());
        Suppression above = apply(insert("\t\t/* pollcheck: ignore PW001 -- above */", 10)).get(0).suppression();
        assertTrue(above != null && !above.wholeFunction());
    }

    @Test
    void onTheConditionCoversTheRegistrationItSkips() {
        Suppression s = apply(insert("\t// pollcheck: ignore PW001 -- only EPOLLIN is ever waited for", 9))
                .get(0).suppression();
        assertTrue(s != null && !s.wholeFunction());
    }

    @Test
    void beforeTheFunctionOrFirstInItsBodyCoversTheFunction() {
        Suppression before = apply(insert("/* pollcheck: ignore -- legacy ioctl users poll with timeouts */", 3))
                .get(0).suppression();
        assertTrue(before != null && before.wholeFunction());
        Suppression first = apply(insert("\t/* pollcheck: ignore PW001 -- see above */", 5)).get(0).suppression();
        assertTrue(first != null && first.wholeFunction());
    }

    @Test
    void elsewhereOrForAnotherRuleItDoesNot() {
        assertNull(apply(insert("\t/* pollcheck: ignore PW001 -- below */", 12)).get(0).suppression());
        assertNull(apply(insert("\t/* pollcheck: ignore PW002 -- other rule */", 10)).get(0).suppression());
        assertNull(apply(insert("\t/* pollcheck: ignore PW001 -- in the middle */", 7)).get(0).suppression());
    }

    @Test
    void theLineCommentWinsOverTheFunctionComment() {
        String text = insert("/* pollcheck: ignore -- function */", 3)
                .replace("wait);\n\tif (dev", "wait); /* pollcheck: ignore PW001 -- line */\n\tif (dev");
        Suppression s = apply(text).get(0).suppression();
        assertEquals("line", s.justification());
        assertFalse(s.wholeFunction());
    }

    @Test
    void withoutReasonTheFindingStaysAndANoteIsAdded() {
        List<ReportedFinding> out = apply(insert("\t/* pollcheck: ignore PW001 */", 9));
        assertEquals(2, out.size());
        assertNull(out.get(0).suppression());
        ReportedFinding note = out.get(1);
        assertEquals("PW900", note.finding().ruleId());
        assertEquals(Level.NOTE, note.finding().level());
        assertEquals(9, note.finding().location().line());
        assertEquals("foo_poll", note.finding().function());
    }

    @Test
    void oneNotePerCommentWhateverItCovers() {
        String text = insert("/* pollcheck: ignore */", 3);
        Suppressions.Result r = Suppressions.find(TestFindings.FILE, text);
        ReportedFinding f = ReportedFinding.of(findingIn(text), null);
        List<ReportedFinding> out = new SuppressionMatcher(file -> r.suppressions()).apply(List.of(f, f));
        assertEquals(3, out.size());
        assertEquals("PW900", out.get(2).finding().ruleId());
    }
}
