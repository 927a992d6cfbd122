package dev.pollcheck.cli;

import dev.pollcheck.report.ReportRules;
import dev.pollcheck.report.ScanResult;
import dev.pollcheck.rules.RuleInfo;
import dev.pollcheck.rules.Rules;
import java.util.ArrayList;
import java.util.List;

/** The real analysis behind the commands: {@link Scan} and the rule registry. */
final class DefaultPipeline implements Pipeline {

    static Pipeline create() {
        return new DefaultPipeline();
    }

    @Override
    public ScanResult scan(ScanOptions options) throws UsageException {
        return Scan.run(options);
    }

    /** The analysis rules in registry order, then the report stage's own. */
    @Override
    public List<RuleInfo> rules() {
        List<RuleInfo> all = new ArrayList<>(Rules.infos());
        all.addAll(ReportRules.all());
        return List.copyOf(all);
    }
}
