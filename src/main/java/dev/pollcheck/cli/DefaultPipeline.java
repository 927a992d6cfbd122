package dev.pollcheck.cli;

import dev.pollcheck.report.ReportRules;
import dev.pollcheck.report.ScanResult;
import dev.pollcheck.rules.RuleInfo;
import java.util.List;

/** The real analysis behind the commands: {@link Scan}. */
final class DefaultPipeline implements Pipeline {

    static Pipeline create() {
        return new DefaultPipeline();
    }

    @Override
    public ScanResult scan(ScanOptions options) {
        return Scan.run(options);
    }

    @Override
    public List<RuleInfo> rules() {
        return ReportRules.all();
    }
}
