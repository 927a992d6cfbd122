package dev.pollcheck.report;

import dev.pollcheck.model.Span;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.rules.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies {@code pollcheck: ignore RULE -- reason} comments to findings.
 *
 * <p>A comment covers a finding when it stands on the finding's line or on the line above it, on the
 * skipping condition's line or the line above that, or on the function: between the line above the
 * function's first line and the line of its opening brace. A comment names the rules it silences (none
 * named: all rules).
 *
 * <p>A comment without a reason does not suppress: the finding stays, and a note ({@code PW900}) at the
 * comment asks for the reason. Silencing a checker is a review decision; the reason is what the
 * reviewer reads.
 */
public final class SuppressionMatcher {

    /**
     * A suppression comment.
     *
     * @param at     where the comment is
     * @param rules  the rule ids it names; empty for all
     * @param reason the text after {@code --}, or null/blank when there is none
     */
    public record Comment(Span at, Set<String> rules, String reason) {
        boolean names(String ruleId) {
            return rules.isEmpty() || rules.contains(ruleId);
        }

        boolean justified() {
            return reason != null && !reason.isBlank();
        }
    }

    private final Function<String, List<Comment>> commentsOf;

    /** {@code commentsOf} gives the suppression comments of a file by its reported path (cached by the caller). */
    public SuppressionMatcher(Function<String, List<Comment>> commentsOf) {
        this.commentsOf = commentsOf;
    }

    /**
     * The findings with suppressions attached, followed by one {@code PW900} note per comment without a
     * reason that named one of them. The order of the input is kept; the notes come sorted after it.
     */
    public List<ReportedFinding> apply(List<ReportedFinding> findings) {
        List<ReportedFinding> out = new ArrayList<>(findings.size());
        Map<Span, ReportedFinding> unjustified = new LinkedHashMap<>();
        for (ReportedFinding rf : findings) {
            Finding f = rf.finding();
            if (f.location() == null || ReportRules.UNJUSTIFIED_SUPPRESSION.id().equals(f.ruleId())) {
                out.add(rf);
                continue;
            }
            Suppression applied = null;
            for (Comment c : commentsOf.apply(f.location().file())) {
                if (!c.names(f.ruleId())) continue;
                Boolean scope = scope(c, f);
                if (scope == null) continue;
                if (!c.justified()) {
                    unjustified.computeIfAbsent(c.at(), at -> ReportedFinding.of(note(c, f), null));
                    continue;
                }
                // A line comment is more specific than a function comment: prefer it as the one shown.
                if (applied == null || (applied.wholeFunction() && !scope)) {
                    applied = new Suppression(c.at(), scope, c.reason().strip());
                }
            }
            out.add(applied == null ? rf : rf.withSuppression(applied));
        }
        unjustified.values().stream()
                .sorted(java.util.Comparator.comparing((ReportedFinding r) -> r.finding().location().file())
                        .thenComparingInt(r -> r.finding().location().line())
                        .thenComparingInt(r -> r.finding().location().column()))
                .forEach(out::add);
        return out;
    }

    /** True: the comment is on the function; false: on the finding's lines; null: it does not cover it. */
    static Boolean scope(Comment c, Finding f) {
        int line = c.at().endLine();
        if (covers(line, f.location())) return false;
        if (f.condition() != null && covers(line, f.condition())) return false;
        TopLevel.Function fn = f.method();
        if (fn != null && fn.span() != null) {
            int first = fn.span().line() - 1;
            int brace = fn.body() != null && fn.body().span() != null ? fn.body().span().line()
                    : fn.nameSpan() != null ? fn.nameSpan().line() : fn.span().line();
            if (c.at().line() >= first && line <= brace) return true;
        }
        return null;
    }

    private static boolean covers(int commentEndLine, Span target) {
        return commentEndLine == target.line() || commentEndLine == target.line() - 1;
    }

    private static Finding note(Comment c, Finding f) {
        String named = c.rules().isEmpty() ? "every rule" : String.join(", ", new java.util.TreeSet<>(c.rules()));
        String msg = "suppression of " + named + " gives no reason, so it is not applied; write"
                + " 'pollcheck: ignore " + (c.rules().isEmpty() ? f.ruleId() : String.join(" ", new java.util.TreeSet<>(c.rules())))
                + " -- why the finding does not apply'";
        return new Finding(ReportRules.UNJUSTIFIED_SUPPRESSION.id(), ReportRules.UNJUSTIFIED_SUPPRESSION.level(),
                c.at(), f.function(), msg, null, null, null, Set.of(), f.method(), null);
    }
}
