package dev.pollcheck.cli;

import dev.pollcheck.report.Baseline;
import dev.pollcheck.report.Diff;
import dev.pollcheck.report.DiffGate;
import dev.pollcheck.report.JsonWriter;
import dev.pollcheck.report.ReportContext;
import dev.pollcheck.report.ReportRules;
import dev.pollcheck.report.ReportedFinding;
import dev.pollcheck.report.SarifWriter;
import dev.pollcheck.report.ScanResult;
import dev.pollcheck.report.SourceLines;
import dev.pollcheck.report.Summary;
import dev.pollcheck.report.SuppressionMatcher;
import dev.pollcheck.report.TextWriter;
import dev.pollcheck.source.Suppressions;
import dev.pollcheck.rules.Level;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pollcheck check}: scan, then the report stage: suppressions, {@code --confirmed-only}, the
 * diff gate, the baseline, the report, the exit code.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Find poll methods whose wait queues are not registered on the first call.",
        footer = ExitCodes.HELP)
final class CheckCommand implements Callable<Integer> {

    enum Format { text, json, sarif }

    enum FailOn { error, warning, note, none }

    @Mixin
    ScanArgs scan = new ScanArgs();

    @Mixin
    OutputArgs output = new OutputArgs();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = "--confirmed-only", description = "Report only findings the simulator confirmed.")
    boolean confirmedOnly;

    @Option(names = "--no-simulate", description = "Do not run the simulator (findings are not confirmed, no fixes).")
    boolean noSimulate;

    @Option(names = "--no-fix", description = "Do not look for fixes (the fix stage re-analyses each fixed method).")
    boolean noFix;

    static final class Change {
        @Option(names = "--diff", paramLabel = "FILE",
                description = "Report only findings in functions this patch touches (unified diff or"
                        + " git format-patch mail; - for stdin).")
        String diff;

        @Option(names = "--since", paramLabel = "REV",
                description = "Report only findings in functions changed since git revision REV"
                        + " (git diff REV, run in the scanned directory).")
        String since;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Change change;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Report only findings that are not in this baseline.")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Record today's findings in FILE as a baseline (exit 0 unless input is unreadable).")
    Path writeBaseline;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Lowest level that fails the run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FailOn failOn = FailOn.error;

    @Option(names = "--exit-zero", description = "Exit 0 even with findings (report-only jobs).")
    boolean exitZero;

    private final Env env;

    CheckCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        Path root = Scan.rootOf(scan.paths);
        Baseline base = baseline == null ? null : readBaseline(baseline);
        Diff diff = readChange(root);
        boolean progressWanted = !output.quiet && !env.terminal().inCi() && env.terminal().stderrIsTerminal();
        ScanOptions options = scan.toOptions(!noSimulate, confirmedOnly, focus(diff, root), ScanProgress.NONE)
                .withFixes(!noFix);
        ScanResult result;
        try (TerminalProgress progress = progressWanted ? new TerminalProgress(env.err()) : null) {
            result = env.pipeline().scan(progress == null ? options : options.withProgress(progress));
        } catch (Exception | Error e) {
            if (format == Format.sarif) failedRun(root, e);
            throw e;
        }
        SourceLines sources = new SourceLines(result.root());
        List<String> notices = new ArrayList<>(result.notices());
        List<ReportedFinding> findings = suppress(result.findings(), sources, notices);
        if (confirmedOnly) findings = findings.stream().filter(rf -> rf.confirmed()
                || rf.finding().ruleId().equals(ReportRules.UNJUSTIFIED_SUPPRESSION.id())).toList();
        if (diff != null) {
            List<ReportedFinding> kept = DiffGate.of(diff, result.root()).filter(findings);
            int dropped = findings.size() - kept.size();
            if (dropped > 0) notices.add(dropped + " finding" + (dropped == 1 ? "" : "s")
                    + " outside the changed functions not reported");
            findings = kept;
        }
        if (base != null) findings = base.apply(findings);
        result = new ScanResult(result.root(), findings, result.stats(), result.methods(), notices);

        if (writeBaseline != null) {
            try {
                Files.writeString(writeBaseline, Baseline.render(findings), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot write baseline " + writeBaseline + ": " + e.getMessage());
            }
        }
        try (PrintWriter out = output.open(env)) {
            ReportContext ctx = new ReportContext(Env.version(), env.pipeline().rules(), output.colour(env),
                    output.quiet, env.args(), ReportContext.HOME);
            switch (format) {
                case text -> new TextWriter(ctx, sources).write(result, out);
                case json -> new JsonWriter(ctx).write(result, false, out);
                case sarif -> new SarifWriter(ctx, sources).write(result, true, out);
            }
        }
        if (exitZero || writeBaseline != null) return ExitCodes.OK;
        return Summary.atOrAbove(result.findings(), threshold(failOn)) > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /**
     * The files whose findings the gate keeps, as the pipeline reports them: relative to the root, and
     * for a file named on the command line, also the path as given (how a single-file scan reports it).
     */
    private java.util.Set<String> focus(Diff diff, Path root) {
        if (diff == null) return null;
        java.util.Set<String> files = new java.util.TreeSet<>(DiffGate.of(diff, root).files());
        for (Path p : scan.paths) {
            if (!Files.isRegularFile(p)) continue;
            Path abs = p.toAbsolutePath().normalize();
            for (String f : List.copyOf(files)) {
                if (root.resolve(f).toAbsolutePath().normalize().equals(abs)) files.add(p.normalize().toString());
            }
        }
        return files;
    }

    /**
     * A SARIF log that says the run failed ({@code executionSuccessful: false}), so that a CI upload
     * shows a broken run instead of a clean one. The exit code (3) and the stack trace follow as usual.
     */
    private void failedRun(Path root, Throwable e) {
        ScanResult failed = new ScanResult(root, List.of(), dev.pollcheck.report.Stats.empty(), List.of(),
                List.of("internal error: " + e));
        try (PrintWriter out = output.open(env)) {
            ReportContext ctx = new ReportContext(Env.version(), env.pipeline().rules(), false, output.quiet,
                    env.args(), ReportContext.HOME);
            new SarifWriter(ctx, new SourceLines(root)).write(failed, false, out);
        } catch (UsageException | RuntimeException ignored) {
            // The original failure is what gets reported.
        }
    }

    static Level threshold(FailOn f) {
        return switch (f) {
            case error -> Level.ERROR;
            case warning -> Level.WARNING;
            case note -> Level.NOTE;
            case none -> null;
        };
    }

    /** Applies suppression comments; malformed ones become notices naming the file and line. */
    private static List<ReportedFinding> suppress(List<ReportedFinding> findings, SourceLines sources,
                                                  List<String> notices) {
        Map<String, Suppressions.Result> cache = new java.util.TreeMap<>();
        for (ReportedFinding rf : findings) {
            if (rf.finding().location() == null) continue;
            cache.computeIfAbsent(rf.finding().location().file(), f -> {
                SourceLines.Text t = sources.text(f);
                return t == null ? new Suppressions.Result(List.of(), List.of()) : Suppressions.find(f, t.text());
            });
        }
        cache.values().forEach(r -> r.problems().forEach(p -> notices.add(p.toString())));
        return new SuppressionMatcher(file -> cache.get(file).suppressions()).apply(findings);
    }

    /** Reads the change before the scan, so that a bad diff or revision fails fast with exit 2. */
    private Diff readChange(Path root) throws UsageException {
        if (change == null) return null;
        String what = change.diff != null ? change.diff : "git diff " + change.since;
        try {
            String text;
            if (change.diff == null) {
                text = DiffGate.gitDiff(root, change.since);
            } else if (change.diff.equals("-")) {
                text = SourceLines.decode(env.in().readAllBytes());
            } else {
                text = SourceLines.decode(Files.readAllBytes(Path.of(change.diff)));
            }
            return Diff.parse(text);
        } catch (IOException e) {
            throw new UsageException("cannot read diff " + what + ": " + e.getMessage());
        } catch (Diff.DiffException e) {
            throw new UsageException(what + ": " + e.getMessage());
        } catch (DiffGate.GitException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Baseline readBaseline(Path file) throws UsageException {
        try {
            return Baseline.read(file);
        } catch (Baseline.BaselineException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
