package dev.pollcheck.cli;

import dev.pollcheck.report.ScanResult;
import dev.pollcheck.rules.RuleInfo;
import java.util.List;

/**
 * What the commands need from the analysis: a scan, and the rules it knows. {@link Main} runs the real
 * pipeline; tests hand the commands a pipeline of their own so that the report stage, the gate and the
 * exit codes are tested on findings built by hand.
 */
public interface Pipeline {

    ScanResult scan(ScanOptions options) throws Exception;

    /** Every rule that can appear in a result, analysis rules first, in a fixed order. */
    List<RuleInfo> rules();
}
