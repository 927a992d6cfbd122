package dev.pollcheck.report;

import dev.pollcheck.rules.Finding;
import dev.pollcheck.rules.Level;
import dev.pollcheck.rules.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PW901: a suppression comment names a rule id that no rule has. A misspelt id ({@code PW01},
 * {@code PW0002}) silences nothing, and the reader believes it does.
 */
public final class UnknownRuleSuppression {

    private UnknownRuleSuppression() {
    }

    public static final RuleInfo INFO = new RuleInfo(
            "PW901", "SuppressionOfUnknownRule", "A pollcheck suppression comment names a rule that does not exist",
            Level.NOTE,
            """
            A comment `pollcheck: ignore RULE -- reason` silences the findings of the rules it names. An id \
            that no rule has, such as a misspelt `PW01` or a rule of another tool, silences nothing: the \
            finding the author meant is still reported, or worse, is reported once the code changes, while \
            the comment tells every reader that it has been reviewed.

            This note points at the comment and lists the known ids. The comment's other, known ids still \
            apply.""",
            """
            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo_dev *dev = file->private_data;

            	/* pollcheck: ignore PW02 -- running is set at probe and never cleared while open */
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

    /** One note per comment that names an id outside {@code known} (upper-case ids), in comment order. */
    public static List<Finding> check(List<dev.pollcheck.source.Suppression> comments, Set<String> known) {
        List<Finding> out = new ArrayList<>();
        for (dev.pollcheck.source.Suppression c : comments) {
            List<String> unknown = c.rules().stream().filter(r -> !known.contains(r)).sorted().toList();
            if (unknown.isEmpty()) continue;
            String msg = "suppression names " + String.join(", ", unknown)
                    + (unknown.size() == 1 ? ", which is not a pollcheck rule" : ", which are not pollcheck rules")
                    + ", so it silences nothing for " + (unknown.size() == 1 ? "it" : "them") + "; known rules: "
                    + String.join(", ", new java.util.TreeSet<>(known));
            out.add(new Finding(INFO.id(), INFO.level(), c.span(), null, msg, null, null, null, Set.of(), null, null));
        }
        return out;
    }
}
