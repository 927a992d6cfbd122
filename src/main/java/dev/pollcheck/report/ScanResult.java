package dev.pollcheck.report;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one scan produced, as the writers read it.
 *
 * @param root     the directory that the findings' {@link dev.pollcheck.model.Span#file()} paths are
 *                 relative to: the scanned PATH when it is a directory, its parent when it is a file.
 *                 SARIF's {@code %SRCROOT%} points here, and source lines for snippets are read from here.
 * @param findings every finding, sorted deterministically (file, line, column, rule)
 * @param stats    what was read and how well
 * @param methods  the poll methods found (for the {@code methods} command; may be empty otherwise)
 * @param notices  one-line messages for the user that are not findings (a models file that did not load,
 *                 a path that does not exist ...), in a deterministic order
 */
public record ScanResult(Path root, List<ReportedFinding> findings, Stats stats, List<ReportedMethod> methods,
                         List<String> notices) {

    public ScanResult {
        findings = List.copyOf(findings);
        methods = List.copyOf(methods);
        notices = List.copyOf(notices);
    }

    public ScanResult withFindings(List<ReportedFinding> replaced) {
        return new ScanResult(root, replaced, stats, methods, notices);
    }
}
