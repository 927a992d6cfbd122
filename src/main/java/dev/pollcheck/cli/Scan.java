package dev.pollcheck.cli;

import dev.pollcheck.fix.FixOutcome;
import dev.pollcheck.fix.Fixer;
import dev.pollcheck.flow.FlowConfig;
import dev.pollcheck.flow.HelperModels;
import dev.pollcheck.flow.OpsTypes;
import dev.pollcheck.flow.PollMethod;
import dev.pollcheck.flow.PollMethods;
import dev.pollcheck.flow.Program;
import dev.pollcheck.flow.TimeBound;
import dev.pollcheck.flow.Workers;
import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Param;
import dev.pollcheck.model.ParseProblem;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.parse.CParser;
import dev.pollcheck.parse.ForEachMacros;
import dev.pollcheck.parse.Mentions;
import dev.pollcheck.parse.ParseConfig;
import dev.pollcheck.report.ReportedFinding;
import dev.pollcheck.report.ReportedMethod;
import dev.pollcheck.report.ScanResult;
import dev.pollcheck.report.Stats;
import dev.pollcheck.rules.AnalysisConfig;
import dev.pollcheck.rules.Analyzer;
import dev.pollcheck.rules.Finding;
import dev.pollcheck.sim.Simulator;
import dev.pollcheck.driver.DiskSources;
import dev.pollcheck.driver.DriverKnowledge;
import dev.pollcheck.driver.DriverModels;
import dev.pollcheck.driver.MacroExpansions;
import dev.pollcheck.sim.Verdict;
import dev.pollcheck.source.Defines;
import dev.pollcheck.source.FileWalker;
import dev.pollcheck.source.Prefilter;
import dev.pollcheck.source.Preprocessed;
import dev.pollcheck.source.Preprocessor;
import dev.pollcheck.source.LocalHeaders;
import dev.pollcheck.source.SourceLoader;
import dev.pollcheck.source.Suppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The scan pipeline: walk the roots, then per file (in parallel) load → prefilter → preprocess →
 * parse, then over the whole program discover poll methods, run the rules, and confirm each finding
 * with the simulator. Results are ordered by file and position, never by thread timing, so the
 * output is the same whatever {@code --jobs} says.
 */
public final class Scan {

    private static final Comparator<ParseProblem> PROBLEM_ORDER = Comparator.comparing(ParseProblem::file)
            .thenComparingInt(ParseProblem::line).thenComparingInt(ParseProblem::column)
            .thenComparing(ParseProblem::message);

    /** Each worker reads every file into the same buffer. */
    private static final ThreadLocal<SourceLoader.Buffer> BUFFERS = ThreadLocal.withInitial(SourceLoader.Buffer::new);

    private Scan() {
    }

    /** What one file gave: its unit when it matters to the analysis, and its counts. */
    private record FileOutcome(TranslationUnit unit, boolean scanned, int[] counts, List<ParseProblem> problems,
                               Suppressions.Result comments) {
        FileOutcome(TranslationUnit unit, boolean scanned, int[] counts, List<ParseProblem> problems) {
            this(unit, scanned, counts, problems, null);
        }
    }

    public static ScanResult run(ScanOptions options) throws UsageException {
        long start = System.nanoTime();
        Path root = rootOf(options.roots());
        Defines defines = Defines.parse(options.defines(), options.undefines());
        ParseConfig parseConfig = parseConfig(root).withFileTimeBound(options.limits().parseTime());
        SourceLoader loader = new SourceLoader(options.limits().maxBytes());
        LocalHeaders headers = new LocalHeaders(loader, defines);

        ThreadLocal<CParser> parsers = ThreadLocal.withInitial(() -> new CParser(parseConfig));
        List<String> opsMembers = opsMembers(options.ops());
        FlowConfig flowConfig = new FlowConfig(options.ops(), List.of(), options.models());
        OpsTypes opsTypes = OpsTypes.load(flowConfig);
        Predicate<String> want = wanted(options.allFiles(), opsTypes.memberNames());
        // Files are read as the walk finds them, on the workers, while the walk goes on: both are
        // mostly system calls, and waiting for the whole list cost the walk's time again.
        ExecutorService scanPool = Executors.newFixedThreadPool(options.jobs(), Workers.threads("pollcheck-worker"));
        List<Future<FileOutcome>> pending = new ArrayList<>();
        FileWalker.Result walked;
        List<FileOutcome> outcomes = new ArrayList<>();
        try {
            walked = walk(options, root, found -> {
                pending.add(scanPool.submit(() -> scanOne(found, loader, headers, defines, parsers.get(),
                        options, opsMembers, want)));
                if ((pending.size() & 1023) == 0) options.progress().total(pending.size());
            });
            options.progress().total(pending.size());
            for (Future<FileOutcome> f : pending) outcomes.add(await(f));
        } finally {
            scanPool.shutdownNow();
        }
        if (options.focusFiles() == null) requireSources(options.roots(), walked);

        List<ParseProblem> problems = new ArrayList<>(walked.problems());
        List<TranslationUnit> units = new ArrayList<>();
        Map<String, Suppressions.Result> comments = new java.util.TreeMap<>();
        int scanned = 0;
        int skipped = 0;
        int[] counts = new int[ParseStatus.values().length];
        for (FileOutcome o : outcomes) {
            problems.addAll(o.problems());
            if (o.scanned()) {
                scanned++;
            } else {
                skipped++;
            }
            for (int i = 0; i < counts.length; i++) {
                counts[i] += o.counts()[i];
            }
            if (o.unit() != null) {
                units.add(o.unit());
                if (o.comments() != null) comments.put(o.unit().file(), o.comments());
            }
        }

        // The analysis sees the units in path order, so that everything after is independent of
        // which thread finished first.
        units.sort(Comparator.comparing(TranslationUnit::file));
        Program program = Program.of(units);
        List<PollMethod> methods = PollMethods.find(program, opsTypes, options.jobs());
        // One driver model per run: what the simulator asks of a driver's other side (its static helpers,
        // the writers and wakers of the state a poll method tests), read from disk on demand.
        // Reported paths open from the current directory, so the driver's other files are read from there.
        DriverModels drivers = new DriverModels(new DiskSources(Path.of("").toAbsolutePath(), defines, parseConfig,
                loader, headers),
                DriverModelFiles.knowledge(options.driverModels()), new MacroExpansions(program, parseConfig));
        List<TopLevel.Function> timedOut = new ArrayList<>();
        List<ReportedFinding> reported = analyzeAndConfirm(program, flowConfig, methods, options, drivers,
                parseConfig, timedOut);
        if (options.simulate() && options.fixes()) {
            // Fixes are verified by the simulator, so a run without it offers none.
            reported = attachFixes(reported, new Fixer.Context(root, program, methods, new AnalysisConfig(flowConfig),
                    HelperModels.load(flowConfig.modelFiles()), drivers, parseConfig, defines,
                    want), options);
        }
        // What may have gone unseen, for the summary line and --fail-on-skip: files that mention poll
        // but were not read (whole, or past the time bound), and poll methods not analysed.
        int unreadFiles = 0;
        int unanalysed = 0;
        Set<String> unreadSeen = new java.util.HashSet<>();
        for (ParseProblem p : problems) {
            if (!p.skip()) continue;
            if (Preprocessor.isPollRelatedInactiveFunction(p)) {
                unanalysed++;
            } else if (unreadSeen.add(p.file())) {
                unreadFiles++;
            }
        }
        for (TopLevel.Function f : timedOut) {
            problems.add(new ParseProblem(f.span().file(), f.nameSpan().line(), f.nameSpan().column(),
                    "poll method " + f.name() + " not analysed fully: time bound ("
                            + TimeBound.describe(options.limits().methodTime()) + ") reached; findings in it may be"
                            + " missing (--method-time-bound raises it)", true));
            unanalysed++;
        }
        for (TopLevel.Function f : PollMethods.definitions(methods)) {
            if (f.status() == ParseStatus.FAILED) {
                problems.add(new ParseProblem(f.span().file(), f.nameSpan().line(), f.nameSpan().column(),
                        "poll method " + f.name() + " could not be parsed; it is not analysed", true));
                unanalysed++;
            }
        }
        problems.sort(PROBLEM_ORDER);

        int total = 0;
        for (int c : counts) {
            total += c;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Stats stats = new Stats(scanned, skipped, total,
                counts[ParseStatus.PARSED.ordinal()], counts[ParseStatus.RECOVERED.ordinal()],
                counts[ParseStatus.FAILED.ordinal()], counts[ParseStatus.SKIPPED.ordinal()],
                problems, problems.size(), seconds, unreadFiles, unanalysed);
        return new ScanResult(root, reported, stats, methods.stream().map(Scan::reported).toList(), List.of(),
                filesOf(reported, walked.files()), comments);
    }

    /**
     * Runs the rules and confirms each finding with the simulator. A confirmation starts on a worker
     * as soon as the rules make the finding, so the simulator works while the rules go on; verdicts
     * are then read in the findings' sorted order, and none depends on which ran first (the output is
     * the same for every {@code --jobs}).
     */
    private static List<ReportedFinding> analyzeAndConfirm(Program program, FlowConfig flowConfig,
                                                           List<PollMethod> methods, ScanOptions options,
                                                           DriverModels drivers, ParseConfig parseConfig,
                                                           List<TopLevel.Function> timedOut) {
        AnalysisConfig config = new AnalysisConfig(flowConfig, drivers);
        java.time.Duration bound = options.limits().methodTime();
        // The rules run on several threads (one directory's methods on one), and tell from each.
        java.util.function.Consumer<TopLevel.Function> late = f -> {
            synchronized (timedOut) {
                timedOut.add(f);
            }
        };
        if (!options.simulate()) {
            return Analyzer.analyze(program, config, methods, f -> { }, bound, late, options.jobs(),
                    options.focusFiles() == null ? null : options.focusFiles()::contains).stream()
                    .map(f -> ReportedFinding.of(f, null)).toList();
        }
        Simulator simulator = Simulator.forProgram(program, HelperModels.load(flowConfig.modelFiles()), drivers,
                parseConfig);
        Map<Finding, Future<Verdict>> verdicts = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), Workers.threads("pollcheck-worker"));
        try {
            // The simulation of one method's findings shares one bound, from when the first starts.
            Map<TopLevel.Function, Long> deadlines = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
            // One method's findings share its search, and what a verdict says (the paths explored so
            // far) depends on which ran first: they run one after another, in the order the rules made
            // them (fixed: one thread analyses a method), while other methods' run beside them.
            Map<TopLevel.Function, java.util.concurrent.CompletableFuture<Verdict>> last = new IdentityHashMap<>();
            List<Finding> findings = Analyzer.analyze(program, config, methods, f -> {
                if (options.focusFiles() == null || inFocus(f, options.focusFiles())) {
                    java.util.function.Supplier<Verdict> work = () -> confirmWithin(simulator, f, deadlines, bound);
                    synchronized (last) {
                        java.util.concurrent.CompletableFuture<Verdict> prev = last.get(f.method());
                        java.util.concurrent.CompletableFuture<Verdict> next = prev == null
                                ? java.util.concurrent.CompletableFuture.supplyAsync(work, pool)
                                : prev.handle((v, e) -> (Verdict) null).thenApplyAsync(x -> work.get(), pool);
                        last.put(f.method(), next);
                        verdicts.put(f, next);
                    }
                }
            }, bound, late, options.jobs(),
                    options.focusFiles() == null ? null : options.focusFiles()::contains);
            List<ReportedFinding> out = new ArrayList<>(findings.size());
            for (Finding f : findings) {
                Future<Verdict> v = verdicts.get(f);
                out.add(ReportedFinding.of(f, v == null ? null : await(v)));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each finding with the fix stage's outcome (findings outside a patch gate's files are left alone). */
    private static List<ReportedFinding> attachFixes(List<ReportedFinding> reported, Fixer.Context context,
                                                     ScanOptions options) {
        List<Finding> wanted = new ArrayList<>();
        for (ReportedFinding rf : reported) {
            Finding f = rf.finding();
            if (options.focusFiles() == null || f.location() != null && inFocus(f, options.focusFiles())) {
                wanted.add(f);
            }
        }
        Map<Finding, FixOutcome> outcomes = new Fixer(context).fix(wanted, options.jobs());
        List<ReportedFinding> out = new ArrayList<>(reported.size());
        for (ReportedFinding rf : reported) {
            FixOutcome o = outcomes.get(rf.finding());
            out.add(o == null ? rf : rf.withFix(o));
        }
        return out;
    }

    /** The files findings point into, by reported path: their names as bytes, for SARIF's URIs. */
    private static Map<String, Path> filesOf(List<ReportedFinding> findings, List<FileWalker.Found> walked) {
        Set<String> wanted = new java.util.HashSet<>();
        for (ReportedFinding rf : findings) {
            if (rf.finding().location() != null) wanted.add(rf.finding().location().file());
            for (Finding.Frame fr : rf.finding().path()) wanted.add(fr.span().file());
        }
        Map<String, Path> out = new java.util.TreeMap<>();
        for (FileWalker.Found f : walked) {
            if (wanted.contains(f.displayPath())) out.putIfAbsent(f.displayPath(), f.path());
        }
        return out;
    }

    /**
     * Which bodies and declarations a run parses, or all: those that spell poll code. A poll method or
     * a helper the table flows into names {@code poll_table} (or {@code poll_table_struct}) in its
     * parameters or {@code __poll_t} in its type; {@code poll_wait} registers; an ops initializer or a
     * delegating call names an ops member ({@code .poll}, {@code ->proc_poll}, from ops-types.txt and
     * {@code --ops}). A body that merely says poll ({@code readl_poll_timeout()}, a NAPI poll) is not
     * read: on the kernel tree that halves the bodies parsed, with the same findings.
     */
    private static Predicate<String> wanted(boolean allFiles, Collection<String> opsMembers) {
        if (allFiles) return body -> true;
        List<String> words = new ArrayList<>(List.of("poll_table", "poll_t", "poll_wait", "poll_requested_events",
                "poll_does_not_wait"));
        for (String m : new TreeSet<>(opsMembers)) {
            words.add("." + m);
            words.add("->" + m);
        }
        return Mentions.ofAny(words);
    }

    /** Whether a file on the finding's call path is one the gate keeps findings of. */
    private static boolean inFocus(Finding f, Set<String> focus) {
        if (focus.contains(f.location().file())) return true;
        for (Finding.Frame fr : f.path()) {
            if (fr.span() != null && focus.contains(fr.span().file())) return true;
        }
        return false;
    }

    private static Verdict confirmWithin(Simulator simulator, Finding f, Map<TopLevel.Function, Long> deadlines,
                                         java.time.Duration bound) {
        long deadline = deadlines.computeIfAbsent(f.method(), m -> System.nanoTime() + bound.toNanos());
        String timeBound = "not analysed fully: time bound (" + TimeBound.describe(bound) + " for the method) reached";
        if (System.nanoTime() - deadline > 0) return Verdict.unconfirmed(timeBound);
        try {
            return TimeBound.until(deadline, () -> simulator.confirm(f));
        } catch (TimeBound.Exceeded e) {
            return Verdict.unconfirmed(timeBound);
        }
    }

    private static ReportedMethod reported(PollMethod m) {
        String ops = m.how() == PollMethod.How.SIGNATURE || m.opsType() == null
                ? m.how().id()
                : m.opsType().replaceFirst("^struct ", "") + "." + m.member();
        return new ReportedMethod(m.reference(), m.name(), ops);
    }

    /**
     * The files to read. A patch gate ({@code focusFiles} set) reads only the directories of the
     * touched files: their poll methods, ops initializers and the driver's own helpers live there,
     * and walking a whole kernel tree would cost more than the analysis; helpers elsewhere then come
     * from the helper models. Every file is reported as the user can open it from the current
     * directory: below its PATH as given ({@code drivers/media/pci/x.c} for {@code drivers/media}).
     */
    private static FileWalker.Result walk(ScanOptions options, Path root, java.util.function.Consumer<FileWalker.Found> sink) {
        FileWalker walker = new FileWalker(options.followSymlinks()).fromRootAsGiven();
        if (options.focusFiles() != null) {
            Set<Path> dirs = new TreeSet<>();
            for (String f : options.focusFiles()) {
                Path parent = Path.of(f).normalize().getParent();
                if (parent == null) parent = Path.of(".");
                Path abs = parent.toAbsolutePath().normalize();
                if (abs.startsWith(root) && Files.isDirectory(parent)) dirs.add(parent);
            }
            return sorted(walker.walk(List.copyOf(dirs), sink));
        }
        FileWalker.Result walked = walker.walk(options.roots(), sink);
        return options.roots().size() > 1 ? sorted(walked) : walked;
    }

    /**
     * A directory given as PATH that holds no C file at all is a mistake (a wrong directory, a typo'd
     * checkout): a gate that scanned nothing must not pass.
     */
    private static void requireSources(List<Path> roots, FileWalker.Result walked) throws UsageException {
        for (Path r : roots) {
            if (!Files.isDirectory(r)) continue;
            boolean any = false;
            for (FileWalker.Found f : walked.files()) {
                if (f.path().startsWith(r)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                throw new UsageException("no C file (.c or .h) under " + r);
            }
        }
    }

    private static FileWalker.Result sorted(FileWalker.Result walked) {
        List<FileWalker.Found> files = new ArrayList<>(walked.files());
        files.sort(Comparator.comparing(FileWalker.Found::displayPath));
        return new FileWalker.Result(files, walked.problems());
    }

    /** The member names of {@code --ops TYPE.member}: a file or item naming one may hold an ops initializer. */
    private static List<String> opsMembers(List<String> ops) {
        return ops.stream().map(o -> o.substring(o.lastIndexOf('.') + 1)).distinct().sorted().toList();
    }

    /** {@link #scanFile}, with what a worker can survive turned into the file's notice. */
    private static FileOutcome scanOne(FileWalker.Found found, SourceLoader loader, LocalHeaders headers, Defines defines,
                                       CParser parser, ScanOptions options, List<String> opsMembers, Predicate<String> want) {
        try {
            return scanFile(found, loader, headers, defines, parser, options.allFiles(), opsMembers, want);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // One file too big for the heap (or too deep for the stack) loses that file, not the
            // run: what it held is dropped with the failed work, and the notice names it.
            String what = e instanceof OutOfMemoryError ? "out of memory" : "stack overflow";
            return new FileOutcome(null, false, new int[ParseStatus.values().length], List.of(
                    new ParseProblem(found.displayPath(), 0, 0, what + " while reading this file; skipped"
                            + (e instanceof OutOfMemoryError ? " (a lower --max-file-size skips such files"
                            + " before reading them)" : ""), true)));
        } finally {
            options.progress().advance(1);
        }
    }

    private static FileOutcome scanFile(FileWalker.Found found, SourceLoader loader, LocalHeaders headers, Defines defines,
                                        CParser parser, boolean allFiles, List<String> opsMembers,
                                        Predicate<String> want) {
        int[] counts = new int[ParseStatus.values().length];
        SourceLoader.Buffer buffer = BUFFERS.get();
        SourceLoader.Loaded failed = loader.read(found.path(), found.displayPath(), buffer);
        if (failed != null) {
            return new FileOutcome(null, false, counts, unread(found, failed, opsMembers));
        }
        // The prefilter reads the raw bytes: most files of a tree are dropped here, never decoded.
        Prefilter.Verdict verdict = Prefilter.scan(buffer.bytes(), buffer.length());
        boolean relevant = verdict == Prefilter.Verdict.MAY_MATTER;
        // An --ops member need not be spelt poll: its initializer may be all the file has.
        for (int i = 0; i < opsMembers.size() && !relevant; i++) {
            relevant = Prefilter.mentions(buffer.bytes(), buffer.length(), opsMembers.get(i));
        }
        // A file that cannot matter is not decoded: only a binary one is worth a notice (its
        // encoding is of no concern when nothing in it is read).
        if (!relevant && !allFiles && (verdict == Prefilter.Verdict.CANNOT_MATTER
                || !SourceLoader.looksBinary(buffer.bytes(), buffer.length()))) {
            return new FileOutcome(null, false, counts, List.of());
        }
        SourceLoader.Loaded loaded = SourceLoader.decode(found.path(), found.displayPath(), buffer.bytes(),
                buffer.length());
        List<ParseProblem> problems = new ArrayList<>(loaded.problems());
        if (!loaded.parseable() && relevant) {
            // A binary file that mentions poll: what it holds is not checked.
            problems.replaceAll(ParseProblem::asSkip);
        }
        if (!loaded.parseable() || !relevant && !allFiles) {
            return new FileOutcome(null, false, counts, problems);
        }
        Preprocessed pp = headers.apply(found.path(), Preprocessor.run(loaded.file(), defines));
        for (ParseProblem p : pp.problems()) {
            // A kernel tree has about a thousand functions in #else stubs; only those that may be a
            // poll method or a poll_table helper are worth a line of the report.
            if (Preprocessor.isPollRelatedInactiveFunction(p)) {
                problems.add(p.asSkip());
            } else if (!Preprocessor.isInactiveFunctionNotice(p)) {
                problems.add(p);
            }
        }
        // Outside --all-files, only bodies and declarations that spell poll code are parsed (wanted).
        TranslationUnit unit = parser.parse(found.displayPath(), pp.text(), pp.macros(), want, want);
        for (ParseProblem p : unit.problems()) {
            // Items past the file's time bound are not read: an ops initializer among them is lost.
            problems.add(relevant && CParser.isTimeBoundNotice(p) ? p.asSkip() : p);
        }
        for (TopLevel.Function f : unit.functions()) {
            counts[f.status().ordinal()]++;
        }
        // Only files that may hold poll code are kept for the analysis; the rest were parsed for
        // the statistics of --all-files and are dropped here to bound memory.
        // Its suppression comments are read now, from the text at hand: the report stage would read
        // the file again for them (every file with a poll method).
        return new FileOutcome(relevant ? (allFiles ? slim(unit) : unit) : null, true, counts, problems,
                relevant ? Suppressions.find(loaded.file()) : null);
    }

    /**
     * The notice of a file that could not be read, marked as a skip unless nothing poll-related can
     * be in it: a file over the size cap is streamed through the prefilter to tell.
     */
    private static List<ParseProblem> unread(FileWalker.Found found, SourceLoader.Loaded failed,
                                             List<String> opsMembers) {
        if (failed.status() == SourceLoader.Status.TOO_LARGE) {
            List<String> words = opsMembers;
            if (!Prefilter.fileMayMatter(found.path(), words)) return failed.problems();
            return failed.problems().stream().map(p -> new ParseProblem(p.file(), p.line(), p.column(),
                    p.message() + "; it mentions poll, so a poll method may go unchecked", true)).toList();
        }
        return failed.problems().stream().map(ParseProblem::asSkip).toList();
    }

    /**
     * Under --all-files every body was parsed; the analysis needs only those that mention poll
     * (what the default run parses), so the others are emptied before the unit is kept, or a whole
     * tree's ASTs would be held at once.
     */
    private static TranslationUnit slim(TranslationUnit unit) {
        List<TopLevel> items = new ArrayList<>(unit.items().size());
        for (TopLevel item : unit.items()) {
            if (item instanceof TopLevel.Function f && !mentionsPoll(f)) {
                items.add(new TopLevel.Function(f.span(), f.nameSpan(), f.name(), f.returnType(), f.params(),
                        f.isStatic(), new Stmt.Block(f.body().span(), List.of()), f.status()));
            } else {
                items.add(item);
            }
        }
        return new TranslationUnit(unit.file(), items, unit.macros(), unit.problems());
    }

    private static boolean mentionsPoll(TopLevel.Function f) {
        for (Param p : f.params()) {
            if (p.type().text().contains("poll")) {
                return true;
            }
        }
        boolean[] found = {false};
        Ast.walk(f.body(), n -> {
            if (!found[0] && (n instanceof Expr.Name name && name.id().contains("poll")
                    || n instanceof Expr.Member m && m.member().contains("poll"))) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private static ParseConfig parseConfig(Path root) {
        ParseConfig config = ParseConfig.defaults();
        Path clangFormat = root.resolve(".clang-format");
        if (Files.isRegularFile(clangFormat)) {
            Set<String> macros = ForEachMacros.fromClangFormat(clangFormat);
            config = config.withIteratorMacros(macros);
        }
        return config;
    }

    /**
     * The directory that reported paths are relative to: the root itself (its parent for a file), or
     * for several roots the deepest directory holding them all.
     */
    static Path rootOf(List<Path> roots) {
        Path common = null;
        for (Path r : roots) {
            Path abs = r.toAbsolutePath().normalize();
            Path dir = Files.isDirectory(abs) || abs.getParent() == null ? abs : abs.getParent();
            if (common == null) {
                common = dir;
            } else {
                while (!dir.startsWith(common)) {
                    common = common.getParent();
                }
            }
        }
        return common == null ? Path.of("").toAbsolutePath() : common;
    }

    /** The result of a worker's task; anything it threw is a bug in pollcheck (stages report bad input). */
    private static <R> R await(Future<R> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("internal error: " + e.getCause(), e.getCause());
        }
    }
}
