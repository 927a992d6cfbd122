package dev.pollcheck.cli;

import dev.pollcheck.report.ReportRules;
import dev.pollcheck.report.ScanResult;
import dev.pollcheck.rules.RuleInfo;
import java.util.List;

/** The real analysis behind the commands. (Bound to the scan pipeline once it is merged.) */
final class DefaultPipeline implements Pipeline {

    static Pipeline create() {
        return new DefaultPipeline();
    }

    @Override
    public ScanResult scan(ScanOptions options) {
        throw new IllegalStateException("the scan pipeline is not merged into this build yet");
    }

    @Override
    public List<RuleInfo> rules() {
        return ReportRules.all();
    }
}
