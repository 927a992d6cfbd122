package dev.pollcheck.report;

import dev.pollcheck.rules.Finding;
import dev.pollcheck.rules.Level;
import dev.pollcheck.rules.RuleInfo;
import java.util.Set;

/**
 * PW902, under {@code --report-unused-suppressions}: a justified suppression comment that silenced no
 * finding. The code it excused has changed, or the comment is in the wrong place; either way it will
 * silence a future finding nobody reviewed.
 */
public final class UnusedSuppression {

    private UnusedSuppression() {
    }

    public static final RuleInfo INFO = new RuleInfo(
            "PW902", "UnusedSuppression", "A pollcheck suppression comment silences no finding",
            Level.NOTE,
            """
            A suppression is a review decision about one finding. When the finding is gone (the driver was \
            fixed, the code moved) the comment stays behind, and the next finding that lands on its line \
            or in its function is silenced without anyone having looked at it.

            With `--report-unused-suppressions`, every justified `pollcheck: ignore` comment in a file \
            with a poll method or a finding that silenced nothing in this run gets this note, so that \
            stale comments can be removed. Comments naming only rules left out by `--select` or \
            `--ignore` are not judged, since their findings were not looked for.""",
            """
            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo_dev *dev = file->private_data;

            	/* pollcheck: ignore PW002 -- running is set at probe and never cleared while open */
            	poll_wait(file, &dev->wq, wait);
            	return foo_mask(dev);
            }""",
            """
            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo_dev *dev = file->private_data;

            	poll_wait(file, &dev->wq, wait);
            	return foo_mask(dev);
            }""");

    public static Finding note(dev.pollcheck.source.Suppression c) {
        String named = c.rules().isEmpty() ? "every rule" : String.join(", ", new java.util.TreeSet<>(c.rules()));
        String msg = "suppression of " + named + " silences no finding; remove it, or move it to the finding"
                + " it was written for";
        return new Finding(INFO.id(), INFO.level(), c.span(), null, msg, null, null, null, Set.of(), null, null);
    }
}
