package dev.pollcheck.cli;

import dev.pollcheck.report.Baseline;
import dev.pollcheck.report.Diff;
import dev.pollcheck.report.DiffGate;
import dev.pollcheck.report.GccWriter;
import dev.pollcheck.report.Fingerprints;
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
import dev.pollcheck.report.UnknownRuleSuppression;
import dev.pollcheck.report.UnusedSuppression;
import dev.pollcheck.rules.RuleInfo;
import dev.pollcheck.source.Suppressions;
import dev.pollcheck.rules.Level;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
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

    enum Format { text, json, sarif, gcc }

    enum FailOn { error, warning, note, none }

    @Mixin
    ScanArgs scan = new ScanArgs();

    @Mixin
    OutputArgs output = new OutputArgs();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = "--select", paramLabel = "RULE", split = ",",
            description = "Report only these rules (comma-separated or repeated), e.g. --select PW001,PW003.")
    List<String> select = new ArrayList<>();

    @Option(names = "--ignore", paramLabel = "RULE", split = ",",
            description = "Do not report these rules (comma-separated or repeated), e.g. --ignore PW003.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--report-unused-suppressions",
            description = "Report, as PW902 notes, suppression comments that silenced no finding.")
    boolean reportUnusedSuppressions;

    @Option(names = "--confirmed-only", description = "Report only findings the simulator confirmed.")
    boolean confirmedOnly;

    @Option(names = "--no-simulate", description = "Do not run the simulator (findings are not confirmed, no fixes).")
    boolean noSimulate;

    @Option(names = "--no-fix", description = "Do not look for fixes (the fix stage re-analyses each fixed method).")
    boolean noFix;

    static final class Change {
        @Option(names = "--diff", paramLabel = "FILE",
                description = "Report only findings whose call path (poll method, helpers, the function"
                        + " holding the registration) this patch touches (unified diff or git format-patch"
                        + " mail; - for stdin).")
        String diff;

        @Option(names = "--since", paramLabel = "REV",
                description = "The same for the change from git revision REV to the working tree,"
                        + " untracked sources included (run in the scanned directory).")
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

    @Option(names = "--fail-on-skip",
            description = "Exit 1 when a file that may hold poll code could not be read or a poll method could"
                    + " not be analysed (the summary line says NOT CHECKED), even with no findings.")
    boolean failOnSkip;

    private final Env env;

    CheckCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        scan.readFilesFrom(env);
        Predicate<String> wanted = ruleFilter();
        Path root = Scan.rootOf(scan.paths);
        if (confirmedOnly && noSimulate) {
            throw new UsageException("--confirmed-only keeps only what the simulator confirmed; with --no-simulate"
                    + " nothing would be reported");
        }
        refuseSourceAsOutput(output.output, "-o");
        refuseSourceAsOutput(writeBaseline, "--write-baseline");
        Baseline base = baseline == null ? null : readBaseline(baseline);
        Diff diff = readChange(root);
        DiffGate gate = diff == null ? null : bindChange(diff, root);
        boolean progressWanted = !output.quiet && !env.terminal().inCi() && env.terminal().stderrIsTerminal();
        ScanOptions options = scan.toOptions(!noSimulate, confirmedOnly, focus(gate), ScanProgress.NONE)
                .withFixes(!noFix);
        ScanResult result;
        try (TerminalProgress progress = progressWanted ? new TerminalProgress(env.err(), output.progressColour(env)) : null) {
            result = env.pipeline().scan(progress == null ? options : options.withProgress(progress));
        } catch (UsageException e) {
            throw e;
        } catch (Exception | Error e) {
            if (format == Format.sarif) failedRun(root, e);
            throw e;
        }
        // Reported paths are as the user opens them from here; fingerprints and baselines name files
        // from the work tree's top, so they match however PATH was spelt.
        Path here = Path.of("").toAbsolutePath();
        SourceLines sources = new SourceLines(here);
        java.util.function.Function<String, String> keys = Fingerprints.pathKeys(result.root(), here);
        List<String> notices = new ArrayList<>(result.notices());
        List<ReportedFinding> findings = suppress(result, sources, notices, wanted, options.jobs()).stream()
                .map(rf -> rf.withFingerprint(Fingerprints.pollcheck(rf.finding(),
                        keys.apply(rf.finding().location() == null ? null : rf.finding().location().file()))))
                .toList();
        if (confirmedOnly) findings = findings.stream().filter(rf -> rf.confirmed() || aboutComments(rf)).toList();
        if (gate != null) {
            if (format != Format.text) gate.unbound().forEach(p -> notices.add(unboundNotice(p)));
            List<ReportedFinding> kept = gate.filter(findings);
            int dropped = findings.size() - kept.size();
            if (dropped > 0) notices.add(dropped + " finding" + (dropped == 1 ? "" : "s")
                    + " outside the changed functions not reported");
            findings = kept;
        }
        if (base != null) findings = base.apply(findings);
        result = new ScanResult(result.root(), findings, result.stats(), result.methods(), notices, result.files(),
                result.comments());

        if (writeBaseline != null) {
            try {
                Files.writeString(writeBaseline, Baseline.render(findings, keys), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot write baseline " + writeBaseline + ": " + e.getMessage());
            }
        }
        try (PrintWriter out = output.open(env)) {
            ReportContext ctx = new ReportContext(Env.version(), env.pipeline().rules(), output.colour(env),
                    output.quiet, env.args(), ReportContext.HOME);
            switch (format) {
                case text -> {
                    TextWriter text = new TextWriter(ctx, sources);
                    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(env.err(), StandardCharsets.UTF_8));
                    text.writeNotices(result, err);
                    text.write(result, out);
                }
                case json -> new JsonWriter(ctx).write(result, false, out);
                case sarif -> new SarifWriter(ctx, sources).write(result, true, out);
                case gcc -> new GccWriter().write(result, out);
            }
        }
        if (format == Format.gcc) {
            // The report stream holds findings only; notices and the summary go where a compiler's would.
            ReportContext ctx = new ReportContext(Env.version(), env.pipeline().rules(), false, output.quiet,
                    env.args(), ReportContext.HOME);
            TextWriter text = new TextWriter(ctx, sources);
            PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(env.err(), StandardCharsets.UTF_8));
            text.writeNotices(result, err);
            if (!output.quiet) {
                for (String n : result.notices()) err.println("pollcheck: " + dev.pollcheck.report.TextSafe.escape(n));
                err.println(text.summaryLine(result));
            }
            err.flush();
        }
        if (exitZero || writeBaseline != null) return ExitCodes.OK;
        if (failOnSkip && result.stats().anythingSkipped()) return ExitCodes.FINDINGS;
        return Summary.atOrAbove(result.findings(), threshold(failOn)) > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /**
     * Binds the patch's paths to the scanned files. A C file of the patch that binds to none is a notice
     * on stderr (its changes are not judged); when the patch changes C files and none binds, the gate
     * would judge nothing, which is a usage error rather than a pass.
     */
    private DiffGate bindChange(Diff diff, Path root) throws UsageException {
        DiffGate gate = DiffGate.of(diff, scan.paths, CheckCommand::locate);
        if (gate.sourcePaths() > 0 && gate.files().isEmpty()) {
            String first = gate.unbound().isEmpty() ? "" : " (" + gate.unbound().get(0) + ")";
            throw new UsageException("none of the " + gate.sourcePaths() + " C file"
                    + (gate.sourcePaths() == 1 ? "" : "s") + " the patch changes" + first + " is under "
                    + String.join(" ", scan.paths.stream().map(Path::toString).toList())
                    + "; scan the tree the patch applies to");
        }
        if (!output.quiet) {
            for (String p : gate.unbound()) env.err().println("pollcheck: notice: " + unboundNotice(p));
        }
        return gate;
    }

    private static String unboundNotice(String diffPath) {
        return "the patch changes " + diffPath + ", which is not a scanned file: its changes are not judged";
    }

    /** The file a reported path names: reported paths open from the current directory. */
    private static Path locate(String file) {
        return Path.of(file).toAbsolutePath().normalize();
    }

    /**
     * The files whose findings the gate keeps, as the pipeline reports them: below the PATH that holds
     * them, as given (see {@link Scan#run}).
     */
    private java.util.Set<String> focus(DiffGate gate) {
        if (gate == null) return null;
        java.util.Set<String> files = new java.util.TreeSet<>();
        for (Path abs : gate.files()) {
            for (Path given : scan.paths) {
                Path r = given.toAbsolutePath().normalize();
                String spelt = given.normalize().toString();
                if (abs.equals(r)) {
                    files.add(spelt.isEmpty() ? "." : spelt);
                    break;
                }
                if (abs.startsWith(r) && Files.isDirectory(r)) {
                    String rel = r.relativize(abs).toString();
                    files.add(spelt.isEmpty() || spelt.equals(".") ? rel : Path.of(spelt).resolve(rel).toString());
                    break;
                }
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

    /** Writing the report over a file being scanned would destroy the user's source. */
    private void refuseSourceAsOutput(Path out, String option) throws UsageException {
        if (out == null || !Files.exists(out)) return;
        Path target = real(out);
        for (Path p : scan.paths) {
            Path r = real(p);
            boolean scanned = Files.isDirectory(r)
                    ? target.startsWith(r) && dev.pollcheck.source.FileWalker.isSourceName(target.getFileName().toString())
                    : target.equals(r);
            if (scanned) {
                throw new UsageException(option + " " + out + " names a source file being scanned; it would be"
                        + " overwritten");
            }
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p.toAbsolutePath().normalize();
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

    /** The findings {@code --select} and {@code --ignore} keep, by rule id; an unknown id is a usage error. */
    private Predicate<String> ruleFilter() throws UsageException {
        Set<String> known = new TreeSet<>();
        for (RuleInfo r : env.pipeline().rules()) known.add(r.id());
        Set<String> selected = ruleIds("--select", select, known);
        Set<String> ignored = ruleIds("--ignore", ignore, known);
        return id -> (selected.isEmpty() || selected.contains(id)) && !ignored.contains(id);
    }

    private static Set<String> ruleIds(String option, List<String> given, Set<String> known) throws UsageException {
        Set<String> out = new TreeSet<>();
        for (String g : given) {
            String id = g.strip().toUpperCase(Locale.ROOT);
            if (id.isEmpty()) continue;
            if (!known.contains(id)) {
                throw new UsageException(option + ": no rule '" + g.strip() + "'; known rules: " + String.join(", ", known));
            }
            out.add(id);
        }
        return out;
    }

    /** A note about a suppression comment, not about driver code: kept whatever the simulator said. */
    private static boolean aboutComments(ReportedFinding rf) {
        String id = rf.finding().ruleId();
        return id.equals(ReportRules.UNJUSTIFIED_SUPPRESSION.id()) || id.equals(UnknownRuleSuppression.INFO.id())
                || id.equals(UnusedSuppression.INFO.id());
    }

    /**
     * Applies suppression comments to the findings of the wanted rules, and judges the comments of every
     * file with a finding or a poll method: malformed ones become notices naming the file and line, ids
     * no rule has get a PW901 note, and under {@code --report-unused-suppressions} comments that silenced
     * nothing get a PW902 note.
     */
    private List<ReportedFinding> suppress(ScanResult result, SourceLines sources, List<String> notices,
                                           Predicate<String> wanted, int jobs) {
        List<ReportedFinding> findings = result.findings().stream().filter(rf -> wanted.test(rf.finding().ruleId()))
                .toList();
        Set<String> files = new TreeSet<>();
        for (ReportedFinding rf : result.findings()) {
            if (rf.finding().location() != null) files.add(rf.finding().location().file());
        }
        for (dev.pollcheck.report.ReportedMethod m : result.methods()) {
            if (m.location() != null) files.add(m.location().file());
        }
        // Read side by side: a whole tree has hundreds of files with a poll method.
        List<String> fileList = List.copyOf(files);
        List<Suppressions.Result> found = dev.pollcheck.flow.Workers.map(fileList, jobs, "pollcheck-report", f -> {
            Suppressions.Result known = result.comments().get(f);
            if (known != null) return known;
            SourceLines.Text t = sources.text(f);
            return t == null ? new Suppressions.Result(List.of(), List.of()) : Suppressions.find(f, t.text());
        });
        Map<String, Suppressions.Result> comments = new TreeMap<>();
        for (int i = 0; i < fileList.size(); i++) comments.put(fileList.get(i), found.get(i));
        comments.values().forEach(r -> r.problems().forEach(p -> notices.add(p.toString())));
        SuppressionMatcher matcher = new SuppressionMatcher(file -> comments.containsKey(file)
                ? comments.get(file).suppressions() : List.of());
        List<ReportedFinding> out = new ArrayList<>(matcher.apply(findings));

        Set<String> known = new TreeSet<>();
        for (RuleInfo r : env.pipeline().rules()) known.add(r.id());
        List<ReportedFinding> notes = new ArrayList<>();
        for (Suppressions.Result r : comments.values()) {
            for (var f : UnknownRuleSuppression.check(r.suppressions(), known)) notes.add(ReportedFinding.of(f, null));
            if (!reportUnusedSuppressions) continue;
            for (dev.pollcheck.source.Suppression c : r.suppressions()) {
                if (matcher.used(c) || (c.reason() == null && out.stream().anyMatch(rf -> rf.finding().location()
                        .equals(c.span())))) {
                    continue;   // silenced something, or already has its PW900 note
                }
                // A comment is judged only when some rule it names was looked for in this run.
                boolean judged = c.rules().isEmpty() ? known.stream().anyMatch(wanted)
                        : c.rules().stream().anyMatch(id -> known.contains(id) && wanted.test(id));
                if (judged) notes.add(ReportedFinding.of(UnusedSuppression.note(c), null));
            }
        }
        notes.sort(Comparator.comparing((ReportedFinding rf) -> rf.finding().location().file())
                .thenComparingInt(rf -> rf.finding().location().line())
                .thenComparingInt(rf -> rf.finding().location().column())
                .thenComparing(rf -> rf.finding().ruleId()));
        out.addAll(notes);
        return out.stream().filter(rf -> wanted.test(rf.finding().ruleId())).toList();
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
                text = SourceLines.decode(InputFiles.read(env.in(), "--diff -"));
            } else {
                text = SourceLines.decode(InputFiles.read(Path.of(change.diff), "--diff"));
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
            return Baseline.parse(InputFiles.utf8(InputFiles.read(file, "--baseline"), "--baseline " + file),
                    file.toString());
        } catch (Baseline.BaselineException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
