package dev.pollcheck.report;

import dev.pollcheck.fix.FixOutcome;
import dev.pollcheck.rules.Finding;
import dev.pollcheck.sim.Verdict;

/**
 * A finding as it is reported: the rule's finding, the simulator's verdict, a fingerprint that survives
 * unrelated edits, and what the report stage decided about it.
 *
 * @param finding       what the rule found
 * @param verdict       the simulator's verdict, or null when the simulator did not run on it
 * @param fingerprint   {@link Fingerprints#pollcheck(Finding)}: rule, function, queue and condition text
 * @param suppression   the suppression comment that silences it, or null
 * @param baselineState {@code NEW} or {@code UNCHANGED} against a baseline, or null without one
 * @param fix           the fix stage's outcome (a verified fix, or why there is none), or null when it did not run
 */
public record ReportedFinding(Finding finding, Verdict verdict, String fingerprint, Suppression suppression,
                              BaselineState baselineState, FixOutcome fix) {

    public ReportedFinding(Finding finding, Verdict verdict, String fingerprint, Suppression suppression,
                           BaselineState baselineState) {
        this(finding, verdict, fingerprint, suppression, baselineState, null);
    }

    /** A finding fresh from the pipeline: fingerprinted, not suppressed, no baseline. */
    public static ReportedFinding of(Finding finding, Verdict verdict) {
        return new ReportedFinding(finding, verdict, Fingerprints.pollcheck(finding), null, null);
    }

    public boolean confirmed() {
        return verdict != null && verdict.confirmed();
    }

    public boolean suppressed() {
        return suppression != null;
    }

    /** Shown and counted by the gate: neither suppressed nor already in the baseline. */
    public boolean active() {
        return suppression == null && baselineState != BaselineState.UNCHANGED;
    }

    public ReportedFinding withSuppression(Suppression s) {
        return new ReportedFinding(finding, verdict, fingerprint, s, baselineState, fix);
    }

    public ReportedFinding withFingerprint(String fp) {
        return new ReportedFinding(finding, verdict, fp, suppression, baselineState, fix);
    }

    public ReportedFinding withBaselineState(BaselineState state) {
        return new ReportedFinding(finding, verdict, fingerprint, suppression, state, fix);
    }

    public ReportedFinding withFix(FixOutcome outcome) {
        return new ReportedFinding(finding, verdict, fingerprint, suppression, baselineState, outcome);
    }
}
