package dev.pollcheck.cli;

import dev.pollcheck.fix.FixOutcome;
import dev.pollcheck.fix.Fixer;
import dev.pollcheck.flow.FlowConfig;
import dev.pollcheck.flow.HelperModels;
import dev.pollcheck.flow.OpsTypes;
import dev.pollcheck.flow.PollMethod;
import dev.pollcheck.flow.PollMethods;
import dev.pollcheck.flow.Program;
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
import dev.pollcheck.sim.Verdict;
import dev.pollcheck.source.Defines;
import dev.pollcheck.source.FileWalker;
import dev.pollcheck.source.Prefilter;
import dev.pollcheck.source.Preprocessed;
import dev.pollcheck.source.Preprocessor;
import dev.pollcheck.source.SourceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The scan pipeline: walk the roots, then per file (in parallel) load → prefilter → preprocess →
 * parse, then over the whole program discover poll methods, run the rules, and confirm each finding
 * with the simulator. Results are ordered by file and position, never by thread timing, so the
 * output is the same whatever {@code --jobs} says.
 */
public final class Scan {

    /**
     * Per-file work runs on threads with a large stack: hostile input (thousands of nested
     * parentheses or else-if arms) makes parsers and tree walks deep, and a StackOverflowError
     * there would lose the file.
     */
    static final long WORKER_STACK_BYTES = 512L << 20;

    /** Each worker reads every file into the same buffer. */
    private static final ThreadLocal<SourceLoader.Buffer> BUFFERS = ThreadLocal.withInitial(SourceLoader.Buffer::new);

    private Scan() {
    }

    /** What one file gave: its unit when it matters to the analysis, and its counts. */
    private record FileOutcome(TranslationUnit unit, boolean scanned, int[] counts, List<ParseProblem> problems) {
    }

    public static ScanResult run(ScanOptions options) {
        long start = System.nanoTime();
        Path root = rootOf(options.roots());
        FileWalker.Result walked = walk(options, root);
        Defines defines = Defines.parse(options.defines(), options.undefines());
        ParseConfig parseConfig = parseConfig(root).withFileTimeBound(options.limits().parseTime());
        SourceLoader loader = new SourceLoader(options.limits().maxBytes());
        options.progress().total(walked.files().size());

        ThreadLocal<CParser> parsers = ThreadLocal.withInitial(() -> new CParser(parseConfig));
        List<String> opsMembers = opsMembers(options.ops());
        List<FileOutcome> outcomes = parallelMap(walked.files(), options.jobs(), found -> {
            try {
                return scanFile(found, loader, defines, parsers.get(), options.allFiles(), opsMembers);
            } finally {
                options.progress().advance(1);
            }
        });

        List<ParseProblem> problems = new ArrayList<>(walked.problems());
        List<TranslationUnit> units = new ArrayList<>();
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
            }
        }
        problems.sort(Comparator.comparing(ParseProblem::file).thenComparingInt(ParseProblem::line)
                .thenComparingInt(ParseProblem::column).thenComparing(ParseProblem::message));

        // The analysis sees the units in path order, so that everything after is independent of
        // which thread finished first.
        units.sort(Comparator.comparing(TranslationUnit::file));
        Program program = Program.of(units);
        FlowConfig flowConfig = new FlowConfig(options.ops(), List.of(), options.models());
        List<PollMethod> methods = PollMethods.find(program, OpsTypes.load(flowConfig));
        // One driver model per run: what the simulator asks of a driver's other side (its static helpers,
        // the writers and wakers of the state a poll method tests), read from disk on demand.
        DriverModels drivers = new DriverModels(new DiskSources(root, defines, parseConfig, options.limits().maxBytes()),
                DriverKnowledge.builtin());
        List<ReportedFinding> reported = analyzeAndConfirm(program, flowConfig, methods, options, drivers,
                parseConfig);
        if (options.simulate() && options.fixes()) {
            // Fixes are verified by the simulator, so a run without it offers none.
            reported = attachFixes(reported, new Fixer.Context(root, program, methods, new AnalysisConfig(flowConfig),
                    HelperModels.load(flowConfig.modelFiles()), drivers, parseConfig, defines,
                    wanted(options.allFiles(), opsMembers)), options);
        }

        int total = 0;
        for (int c : counts) {
            total += c;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Stats stats = new Stats(scanned, skipped, total,
                counts[ParseStatus.PARSED.ordinal()], counts[ParseStatus.RECOVERED.ordinal()],
                counts[ParseStatus.FAILED.ordinal()], counts[ParseStatus.SKIPPED.ordinal()],
                problems, problems.size(), seconds);
        return new ScanResult(root, reported, stats, methods.stream().map(Scan::reported).toList(), List.of());
    }

    /**
     * Runs the rules and confirms each finding with the simulator. A confirmation starts on a worker
     * as soon as the rules make the finding, so the simulator works while the rules (one thread) go
     * on; verdicts are then read in the findings' sorted order, and none depends on which ran first
     * (the output is the same for every {@code --jobs}).
     */
    private static List<ReportedFinding> analyzeAndConfirm(Program program, FlowConfig flowConfig,
                                                           List<PollMethod> methods, ScanOptions options,
                                                           DriverModels drivers, ParseConfig parseConfig) {
        AnalysisConfig config = new AnalysisConfig(flowConfig);
        if (!options.simulate()) {
            return Analyzer.analyze(program, config, methods).stream().map(f -> ReportedFinding.of(f, null)).toList();
        }
        Simulator simulator = Simulator.forProgram(program, HelperModels.load(flowConfig.modelFiles()), drivers,
                parseConfig);
        Map<Finding, Future<Verdict>> verdicts = new IdentityHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), workerThreads());
        try {
            List<Finding> findings = Analyzer.analyze(program, config, methods, f -> {
                if (options.focusFiles() == null || options.focusFiles().contains(f.location().file())) {
                    verdicts.put(f, pool.submit(() -> simulator.confirm(f)));
                }
            });
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
            if (options.focusFiles() == null || f.location() != null && options.focusFiles().contains(f.location().file())) {
                wanted.add(f);
            }
        }
        Map<Finding, FixOutcome> outcomes = new Fixer(context).fix(wanted);
        List<ReportedFinding> out = new ArrayList<>(reported.size());
        for (ReportedFinding rf : reported) {
            FixOutcome o = outcomes.get(rf.finding());
            out.add(o == null ? rf : rf.withFix(o));
        }
        return out;
    }

    /** Which bodies and declarations a run parses: those mentioning poll (or an --ops member), or all. */
    private static Predicate<String> wanted(boolean allFiles, List<String> opsMembers) {
        if (allFiles) return body -> true;
        List<String> words = new ArrayList<>(List.of("poll"));
        words.addAll(opsMembers);
        return Mentions.ofAny(words);
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
     * from the helper models. With several roots, paths are reported relative to their common
     * directory so that every reported path resolves against {@link ScanResult#root()}.
     */
    private static FileWalker.Result walk(ScanOptions options, Path root) {
        FileWalker walker = new FileWalker(options.followSymlinks());
        if (options.focusFiles() != null) {
            Set<Path> dirs = new TreeSet<>();
            for (String f : options.focusFiles()) {
                Path parent = root.resolve(f).normalize().getParent();
                if (parent != null && parent.startsWith(root) && Files.isDirectory(parent)) {
                    dirs.add(parent);
                }
            }
            return relativeTo(root, walker.walk(List.copyOf(dirs)));
        }
        FileWalker.Result walked = walker.walk(options.roots());
        return options.roots().size() > 1 ? relativeTo(root, walked) : walked;
    }

    private static FileWalker.Result relativeTo(Path root, FileWalker.Result walked) {
        List<FileWalker.Found> files = new ArrayList<>(walked.files().size());
        for (FileWalker.Found f : walked.files()) {
            Path abs = f.path().toAbsolutePath().normalize();
            String display = abs.startsWith(root) ? root.relativize(abs).toString() : f.displayPath();
            files.add(new FileWalker.Found(f.path(), display));
        }
        files.sort(Comparator.comparing(FileWalker.Found::displayPath));
        return new FileWalker.Result(files, walked.problems());
    }

    /** The member names of {@code --ops TYPE.member}: a file or item naming one may hold an ops initializer. */
    private static List<String> opsMembers(List<String> ops) {
        return ops.stream().map(o -> o.substring(o.lastIndexOf('.') + 1)).distinct().sorted().toList();
    }

    private static FileOutcome scanFile(FileWalker.Found found, SourceLoader loader, Defines defines,
                                        CParser parser, boolean allFiles, List<String> opsMembers) {
        int[] counts = new int[ParseStatus.values().length];
        SourceLoader.Buffer buffer = BUFFERS.get();
        SourceLoader.Loaded failed = loader.read(found.path(), found.displayPath(), buffer);
        if (failed != null) {
            return new FileOutcome(null, false, counts, failed.problems());
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
        if (!loaded.parseable() || !relevant && !allFiles) {
            return new FileOutcome(null, false, counts, problems);
        }
        Preprocessed pp = Preprocessor.run(loaded.file(), defines);
        for (ParseProblem p : pp.problems()) {
            // A kernel tree has about a thousand functions in #else stubs; only those that may be a
            // poll method or a poll_table helper are worth a line of the report.
            if (!Preprocessor.isInactiveFunctionNotice(p) || Preprocessor.isPollRelatedInactiveFunction(p)) {
                problems.add(p);
            }
        }
        // Outside --all-files, only bodies and declarations that mention poll are parsed: a poll
        // method, a helper that the poll_table flows into and an ops initializer naming a poll method
        // always do (poll_table in the parameters, poll_wait, .poll = name).
        Predicate<String> want = wanted(allFiles, opsMembers);
        TranslationUnit unit = parser.parse(found.displayPath(), pp.text(), pp.macros(), want, want);
        problems.addAll(unit.problems());
        for (TopLevel.Function f : unit.functions()) {
            counts[f.status().ordinal()]++;
        }
        // Only files that may hold poll code are kept for the analysis; the rest were parsed for
        // the statistics of --all-files and are dropped here to bound memory.
        return new FileOutcome(relevant ? (allFiles ? slim(unit) : unit) : null, true, counts, problems);
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

    /** Maps {@code work} over {@code items} on {@code jobs} big-stack threads, keeping the input order. */
    static <T, R> List<R> parallelMap(List<T> items, int jobs, Function<T, R> work) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, items.size())),
                workerThreads());
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<R> out = new ArrayList<>(items.size());
            for (Future<R> f : futures) {
                out.add(await(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
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

    private static ThreadFactory workerThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, "pollcheck-worker-" + n.incrementAndGet(), WORKER_STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }
}
