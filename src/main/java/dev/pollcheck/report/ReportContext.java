package dev.pollcheck.report;

import dev.pollcheck.rules.RuleInfo;
import java.util.List;

/**
 * What the writers need besides the scan result.
 *
 * @param toolVersion  pollcheck's version
 * @param rules        every rule that can appear in a result, in a fixed order (SARIF's
 *                     {@code ruleIndex} points into it)
 * @param color        ANSI colours in text output
 * @param quiet        text output: no summary line, no notices
 * @param commandLine  the arguments pollcheck was started with (SARIF {@code invocations}); may be empty
 * @param informationUri where pollcheck lives
 */
public record ReportContext(String toolVersion, List<RuleInfo> rules, boolean color, boolean quiet,
                            List<String> commandLine, String informationUri) {

    public static final String HOME = "https://github.com/pollcheck/pollcheck";

    public ReportContext {
        rules = List.copyOf(rules);
        commandLine = List.copyOf(commandLine);
    }

    public RuleInfo rule(String id) {
        for (RuleInfo r : rules) {
            if (r.id().equals(id)) return r;
        }
        return null;
    }

    public int ruleIndex(String id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(id)) return i;
        }
        return -1;
    }

    /** Where a rule's generated documentation lives. */
    public String helpUri(String id) {
        return informationUri + "/blob/main/docs/rules.md#" + id.toLowerCase(java.util.Locale.ROOT);
    }
}
