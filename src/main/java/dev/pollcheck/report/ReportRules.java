package dev.pollcheck.report;

import dev.pollcheck.rules.Level;
import dev.pollcheck.rules.RuleInfo;
import java.util.List;

/**
 * Rules that the report stage itself enforces (they are about how findings are handled, not about
 * driver code). They are listed with the analysis rules in {@code rules}, {@code explain} and SARIF.
 */
public final class ReportRules {

    private ReportRules() {
    }

    public static final RuleInfo UNJUSTIFIED_SUPPRESSION = new RuleInfo(
            "PW900", "SuppressionWithoutReason", "A pollcheck suppression comment gives no reason",
            Level.NOTE,
            """
            A comment `pollcheck: ignore RULE` silences a finding for every later reader of the code, so \
            it must say why the finding does not apply: `pollcheck: ignore PW002 -- reason`.

            A suppression without a reason does not take effect: the finding it names is still reported, \
            and this note points at the comment. Reviewers then see either a justified suppression \
            (shown in SARIF as a suppression with its justification) or the finding itself, never a \
            silent exception.""",
            """
            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo_dev *dev = file->private_data;

            	/* pollcheck: ignore PW002 */
            	if (!dev->running)
            		return EPOLLERR;
            	poll_wait(file, &dev->wq, wait);
            	return foo_mask(dev);
            }""",
            """
            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo_dev *dev = file->private_data;

            	/* pollcheck: ignore PW002 -- running is set at probe and never cleared while open */
            	if (!dev->running)
            		return EPOLLERR;
            	poll_wait(file, &dev->wq, wait);
            	return foo_mask(dev);
            }""");

    public static List<RuleInfo> all() {
        return List.of(UNJUSTIFIED_SUPPRESSION, UnknownRuleSuppression.INFO, UnusedSuppression.INFO);
    }
}
