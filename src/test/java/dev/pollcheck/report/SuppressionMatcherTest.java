package dev.pollcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.Span;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The finding of {@link TestFindings#pw001}: function lines 3-14, condition line 9, poll_wait line 10. */
class SuppressionMatcherTest {

    private static SuppressionMatcher.Comment at(int line, Set<String> rules, String reason) {
        return new SuppressionMatcher.Comment(new Span(TestFindings.FILE, line, 2, line, 40), rules, reason);
    }

    private static List<ReportedFinding> apply(SuppressionMatcher.Comment... comments) {
        return new SuppressionMatcher(file -> List.of(comments)).apply(List.of(TestFindings.confirmed(0)));
    }

    @Test
    void placesThatCoverTheFinding() {
        for (int line : new int[] {10, 9, 8}) {
            Suppression s = apply(at(line, Set.of("PW001"), "ok")).get(0).suppression();
            assertTrue(s != null && !s.wholeFunction(), "line " + line);
        }
        for (int line : new int[] {2, 3, 4}) {
            Suppression s = apply(at(line, Set.of(), "ok")).get(0).suppression();
            assertTrue(s != null && s.wholeFunction(), "function comment on line " + line);
        }
    }

    @Test
    void placesThatDoNot() {
        assertNull(apply(at(12, Set.of("PW001"), "ok")).get(0).suppression(), "below the finding");
        assertNull(apply(at(6, Set.of("PW001"), "ok")).get(0).suppression(), "inside the body, elsewhere");
        assertNull(apply(at(1, Set.of("PW001"), "ok")).get(0).suppression(), "two lines above the function");
        assertNull(apply(at(10, Set.of("PW002"), "ok")).get(0).suppression(), "another rule");
    }

    @Test
    void theLineCommentWinsOverTheFunctionComment() {
        Suppression s = apply(at(3, Set.of(), "function"), at(10, Set.of("PW001"), "line")).get(0).suppression();
        assertEquals("line", s.justification());
        assertFalse(s.wholeFunction());
    }

    @Test
    void withoutReasonTheFindingStaysAndANoteIsAdded() {
        List<ReportedFinding> out = apply(at(9, Set.of("PW001"), "  "));
        assertEquals(2, out.size());
        assertNull(out.get(0).suppression());
        ReportedFinding note = out.get(1);
        assertEquals("PW900", note.finding().ruleId());
        assertEquals(dev.pollcheck.rules.Level.NOTE, note.finding().level());
        assertEquals(9, note.finding().location().line());
        assertEquals("foo_poll", note.finding().function());
    }

    @Test
    void oneNotePerCommentWhateverItCovers() {
        ReportedFinding twin = TestFindings.confirmed(0);
        List<ReportedFinding> out = new SuppressionMatcher(file -> List.of(at(3, Set.of(), null)))
                .apply(List.of(TestFindings.confirmed(0), twin));
        assertEquals(3, out.size());
        assertEquals("PW900", out.get(2).finding().ruleId());
    }
}
