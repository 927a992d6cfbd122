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
 * Applies {@code pollcheck: ignore RULE -- reason} comments (read by {@link dev.pollcheck.source.Suppressions})
 * to findings.
 *
 * <p>Where a comment applies is {@link Suppression#appliesTo}'s rule (a comment on the finding's line,
 * a comment alone on the line before the finding's code, a comment alone before the function or first
 * in its body for the whole function), with one addition: a comment placed the same way at the skipping
 * condition also covers the finding, since that is the line a reviewer argues about.
 *
 * <p>A comment without a reason does not suppress: the finding stays, and a note ({@code PW900}) at the
 * comment asks for the reason. Silencing a checker is a review decision; the reason is what the
 * reviewer reads.
 */
public final class SuppressionMatcher {

    private final Function<String, List<dev.pollcheck.source.Suppression>> commentsOf;
    private final java.util.Set<Span> used = new java.util.HashSet<>();

    /** {@code commentsOf} gives the suppression comments of a file by its reported path (cached by the caller). */
    public SuppressionMatcher(Function<String, List<dev.pollcheck.source.Suppression>> commentsOf) {
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
            for (dev.pollcheck.source.Suppression c : commentsOf.apply(f.location().file())) {
                if (!c.covers(f.ruleId())) continue;
                Boolean wholeFunction = scope(c, f);
                if (wholeFunction == null) continue;
                if (c.reason() == null || c.reason().isBlank()) {
                    unjustified.computeIfAbsent(c.span(), at -> ReportedFinding.of(note(c, f), null));
                    continue;
                }
                // A line comment is more specific than a function comment: prefer it as the one shown.
                used.add(c.span());
                if (applied == null || (applied.wholeFunction() && !wholeFunction)) {
                    applied = new Suppression(c.span(), wholeFunction, c.reason().strip());
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

    /** Whether this justified comment silenced at least one finding in the {@link #apply} calls so far. */
    public boolean used(dev.pollcheck.source.Suppression c) {
        return used.contains(c.span());
    }

    /** False: the comment is on the finding's (or its condition's) line; true: on the function; null: neither. */
    static Boolean scope(dev.pollcheck.source.Suppression c, Finding f) {
        if (c.appliesTo(f.location().line(), 0, 0)) return false;
        if (f.condition() != null && c.appliesTo(f.condition().line(), 0, 0)) return false;
        TopLevel.Function fn = f.method();
        if (fn != null && fn.span() != null && c.appliesTo(f.location().line(), fn.span().line(), fn.span().endLine())) {
            return true;
        }
        return null;
    }

    private static Finding note(dev.pollcheck.source.Suppression c, Finding f) {
        java.util.TreeSet<String> rules = new java.util.TreeSet<>(c.rules());
        String named = rules.isEmpty() ? "every rule" : String.join(", ", rules);
        String msg = "suppression of " + named + " gives no reason, so it is not applied; write"
                + " 'pollcheck: ignore " + (rules.isEmpty() ? f.ruleId() : String.join(" ", rules))
                + " -- why the finding does not apply'";
        return new Finding(ReportRules.UNJUSTIFIED_SUPPRESSION.id(), ReportRules.UNJUSTIFIED_SUPPRESSION.level(),
                c.span(), f.function(), msg, null, null, null, Set.of(), f.method(), null);
    }
}
