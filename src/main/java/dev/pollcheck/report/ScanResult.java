package dev.pollcheck.report;

import dev.pollcheck.source.Suppressions;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one scan produced, as the writers read it.
 *
 * @param root     the scanned PATH when it is a directory, its parent when it is a file, the deepest
 *                 directory holding them all for several; SARIF's {@code %SRCROOT%} is the top of the git
 *                 work tree holding it (or it). The findings' {@link dev.pollcheck.model.Span#file()}
 *                 paths are as the user opens them from the current directory (see {@link SourceLines}).
 * @param findings every finding, sorted deterministically (file, line, column, rule)
 * @param stats    what was read and how well
 * @param methods  the poll methods found (for the {@code methods} command; may be empty otherwise)
 * @param notices  one-line messages for the user that are not findings (a models file that did not load,
 *                 a path that does not exist ...), in a deterministic order
 * @param files    the files findings point into, by reported path, as the file system names them: a
 *                 name that is not UTF-8 keeps its bytes here (for SARIF's URIs), not in the string
 * @param comments the suppression comments of the files the scan read whole, by reported path (a file
 *                 not here is read again by the report stage when it needs its comments)
 */
public record ScanResult(Path root, List<ReportedFinding> findings, Stats stats, List<ReportedMethod> methods,
                         List<String> notices, java.util.Map<String, Path> files,
                         java.util.Map<String, Suppressions.Result> comments) {

    public ScanResult {
        findings = List.copyOf(findings);
        methods = List.copyOf(methods);
        notices = List.copyOf(notices);
        files = files == null ? java.util.Map.of() : java.util.Map.copyOf(files);
        comments = comments == null ? java.util.Map.of() : java.util.Map.copyOf(comments);
    }

    public ScanResult(Path root, List<ReportedFinding> findings, Stats stats, List<ReportedMethod> methods,
                      List<String> notices, java.util.Map<String, Path> files) {
        this(root, findings, stats, methods, notices, files, null);
    }

    public ScanResult(Path root, List<ReportedFinding> findings, Stats stats, List<ReportedMethod> methods,
                      List<String> notices) {
        this(root, findings, stats, methods, notices, java.util.Map.of(), null);
    }

    public ScanResult withFindings(List<ReportedFinding> replaced) {
        return new ScanResult(root, replaced, stats, methods, notices, files, comments);
    }
}
