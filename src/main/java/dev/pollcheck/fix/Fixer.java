package dev.pollcheck.fix;

import dev.pollcheck.driver.DriverModels;
import dev.pollcheck.flow.HelperModels;
import dev.pollcheck.flow.PollFlow;
import dev.pollcheck.flow.PollMethod;
import dev.pollcheck.flow.Program;
import dev.pollcheck.flow.Registration;
import dev.pollcheck.flow.Shapes;
import dev.pollcheck.flow.Summary;
import dev.pollcheck.flow.Workers;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.parse.CParser;
import dev.pollcheck.parse.ParseConfig;
import dev.pollcheck.rules.AnalysisConfig;
import dev.pollcheck.rules.Analyzer;
import dev.pollcheck.rules.Finding;
import dev.pollcheck.rules.Level;
import dev.pollcheck.sim.SimulationReport;
import dev.pollcheck.sim.Simulator;
import dev.pollcheck.source.Defines;
import dev.pollcheck.source.Preprocessed;
import dev.pollcheck.source.LocalHeaders;
import dev.pollcheck.source.Preprocessor;
import dev.pollcheck.source.SourceLoader;
import dev.pollcheck.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fix stage: for each poll method with findings, plans the edits ({@link Planner}), applies them in
 * memory, and offers them only when the patched file, re-parsed, gives no PW001/PW002 finding for the
 * moved queues in that method, the simulator finds no hang on them, and the method still registers every
 * queue it registered before. Every finding it is given gets an outcome: the fix, or why there is none.
 */
public final class Fixer {

    /**
     * What the fix stage reads of a run.
     *
     * @param root    the directory findings' paths are relative to
     * @param program the scanned program
     * @param methods the poll methods found
     * @param config  the rules' configuration
     * @param models  the helper models
     * @param drivers the driver models (may be null)
     * @param parse   the parser's configuration
     * @param defines the preprocessor's {@code -D}/{@code -U}
     * @param want    which bodies and declarations the scan parsed (the patched file is parsed alike)
     */
    public record Context(Path root, Program program, List<PollMethod> methods, AnalysisConfig config,
                          HelperModels models, DriverModels drivers, ParseConfig parse, Defines defines,
                          Predicate<String> want) {
    }

    private final Context cx;
    /** The patched file is read with its own headers' macros, as the scan read it. */
    private final LocalHeaders headers;
    /** Methods are fixed side by side: each thread has its own flow memo and parser. */
    private final ThreadLocal<PollFlow> flow;
    private final ThreadLocal<CParser> parser;

    public Fixer(Context cx) {
        this.cx = cx;
        this.headers = new LocalHeaders(new SourceLoader(), cx.defines());
        this.flow = ThreadLocal.withInitial(() -> new PollFlow(cx.program(), cx.models()));
        this.parser = ThreadLocal.withInitial(() -> new CParser(cx.parse()));
    }

    /** An outcome for every finding that is about a poll method's registrations (by identity). */
    public Map<Finding, FixOutcome> fix(List<Finding> findings) {
        return fix(findings, 1);
    }

    /**
     * As above, the methods fixed on {@code jobs} threads. Each method's outcome depends on that
     * method alone (its patched file, re-analysed and re-simulated), so the result is the same for
     * every {@code jobs}.
     */
    public Map<Finding, FixOutcome> fix(List<Finding> findings, int jobs) {
        Map<Finding, FixOutcome> out = new IdentityHashMap<>();
        Map<TopLevel.Function, List<Finding>> byMethod = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.method() == null) continue;
            String why = unfixable(f);
            if (why != null) {
                out.put(f, FixOutcome.none("no automatic fix: " + why));
                continue;
            }
            byMethod.computeIfAbsent(f.method(), k -> new ArrayList<>()).add(f);
        }
        List<Map.Entry<TopLevel.Function, List<Finding>>> work = new ArrayList<>(byMethod.entrySet());
        for (Map<Finding, FixOutcome> part : Workers.map(work, jobs, "pollcheck-fixer",
                e -> fixMethod(e.getKey(), e.getValue()))) {
            out.putAll(part);
        }
        return out;
    }

    private static String unfixable(Finding f) {
        if (f.ruleId().equals("PW003")) {
            return "the method registers no wait queue at all; which queue it should wait on is the driver's to say";
        }
        if (!f.ruleId().equals("PW001") && !f.ruleId().equals("PW002")) return "not a skipped registration";
        if (f.level() == Level.NOTE) return "the rule judges this shape benign";
        if (f.registration() == null) return "the finding names no registration call";
        return null;
    }

    private Map<Finding, FixOutcome> fixMethod(TopLevel.Function m, List<Finding> fs) {
        Map<Finding, FixOutcome> out = new IdentityHashMap<>();
        String file = m.span().file();
        int pt = Shapes.pollTableParam(m.params());
        SourceLoader.Loaded loaded = new SourceLoader().load(locate(cx.root(), file), file);
        String unreadable = !loaded.parseable() ? "cannot read " + file
                : loaded.file().malformed() ? file + " is not valid UTF-8, so its text cannot be rewritten" : null;
        if (unreadable == null && m.status() != dev.pollcheck.model.ParseStatus.PARSED) {
            unreadable = m.name() + "() was read with error recovery, so its text cannot be rewritten safely";
        }
        if (pt < 0 || unreadable != null) {
            String why = "no automatic fix: " + (unreadable != null ? unreadable : "no poll_table parameter");
            for (Finding f : fs) out.put(f, FixOutcome.none(why));
            return out;
        }
        TextEdits text = new TextEdits(loaded.file().text());
        Summary top = flow.get().summary(m, pt);
        List<Registration> regs = new ArrayList<>();
        Map<Finding, Registration> regOf = new IdentityHashMap<>();
        for (Finding f : fs) {
            Registration r = find(top, f.registration().span(), new IdentityHashMap<>());
            if (r == null) {
                out.put(f, FixOutcome.none("no automatic fix: the registration at line "
                        + f.registration().span().line() + " is not reached from " + m.name() + "()'s own flow"));
                continue;
            }
            regOf.put(f, r);
            if (!regs.contains(r)) regs.add(r);
        }
        if (regs.isEmpty()) return out;
        Planner.Plan plan;
        try {
            plan = new Planner(m, text).plan(regs, pt);
        } catch (RuntimeException e) {
            plan = null;
        }
        if (plan == null) {
            for (Finding f : regOf.keySet()) out.put(f, FixOutcome.none("no automatic fix: the edit could not be planned"));
            return out;
        }
        Fix fix = null;
        String failed = null;
        if (!plan.edits().isEmpty()) {
            List<Edit> edits;
            try {
                edits = text.normalize(plan.edits());
            } catch (IllegalStateException e) {
                edits = null;
                failed = "the edits overlap";
            }
            if (edits != null) {
                String patched = text.apply(edits);
                String[] verified = new String[1];
                failed = verify(m, pt, file, patched, plan.queues(), top, verified);
                if (failed == null) {
                    fix = new Fix(file, m.name(), plan.queues(), edits, UnifiedDiff.of(file, text.text(), patched),
                            verified[0], Fix.digest(text.text()), rationale(m, regOf));
                }
            }
        }
        for (Map.Entry<Finding, Registration> e : regOf.entrySet()) {
            String why = plan.reasons().get(e.getValue().call());
            if (why != null) {
                out.put(e.getKey(), FixOutcome.none("no automatic fix: " + why));
            } else if (fix != null) {
                out.put(e.getKey(), FixOutcome.of(fix));
            } else {
                out.put(e.getKey(), FixOutcome.none("no automatic fix: the candidate failed verification: " + failed));
            }
        }
        return out;
    }

    /** What the findings say, for a commit message: each skipped queue with its condition and witness. */
    private static String rationale(TopLevel.Function m, Map<Finding, Registration> regOf) {
        StringBuilder sb = new StringBuilder();
        List<Finding> fs = new ArrayList<>(regOf.keySet());
        fs.sort(Analyzer.ORDER);
        for (Finding f : fs) {
            sb.append(f.function()).append("() registers ").append(f.queue()).append(" behind `")
                    .append(f.conditionText() == null ? "a condition" : f.conditionText().strip().replaceAll("\\s+", " "))
                    .append("`").append(f.condition() == null ? "" : " (line " + f.condition().line() + ")")
                    .append(", which a first call can take the other way (").append(f.ruleId()).append(").\n");
        }
        return sb.toString();
    }

    /**
     * The file a finding names: relative to the root, or (a file named on the command line) as given,
     * relative to the working directory.
     */
    public static Path locate(Path root, String file) {
        Path under = root.resolve(file);
        if (java.nio.file.Files.exists(under)) return under;
        Path given = Path.of(file);
        return java.nio.file.Files.exists(given) ? given : under;
    }

    private static Registration find(Summary s, Span at, Map<Summary, Boolean> seen) {
        if (s == null || seen.put(s, Boolean.TRUE) != null) return null;
        for (Registration r : s.registrations()) {
            if (r.call().span().equals(at)) return r;
        }
        for (Registration r : s.registrations()) {
            Registration inner = find(r.helper(), at, seen);
            if (inner != null) return inner;
        }
        return null;
    }

    /** Null when the patched text passes every check, else the check that failed; {@code verified[0]} says what passed. */
    private String verify(TopLevel.Function m, int pt, String file, String patched, List<String> queues, Summary before,
                          String[] verified) {
        Preprocessed pp = headers.apply(cx.root().resolve(file), Preprocessor.run(SourceFile.of(file, patched), cx.defines()));
        TranslationUnit unit = parser.get().parse(file, pp.text(), pp.macros(), cx.want(), cx.want());
        TopLevel.Function fn = null;
        for (TopLevel.Function f : unit.functions()) {
            if (f.name().equals(m.name()) && f.isStatic() == m.isStatic()) fn = f;
        }
        if (fn == null || !PollFlow.readable(fn)) return "the patched " + m.name() + "() does not parse";
        Program patchedProgram = cx.program().replacing(unit);
        PollMethod pm = null;
        for (PollMethod p : cx.methods()) {
            if (p.function() == m) pm = p;
        }
        if (pm == null) return m.name() + "() is not among the poll methods";
        PollMethod patchedMethod = new PollMethod(pm.name(), fn, pm.file(), pm.opsType(), pm.member(), pm.reference(),
                pm.how());
        Set<String> moved = new LinkedHashSet<>();
        for (String q : queues) moved.add(Simulator.canonicalQueue(q));
        for (Finding f : Analyzer.analyze(patchedProgram, cx.config(), List.of(patchedMethod))) {
            if (f.level() == Level.NOTE || f.queue() == null || !f.function().equals(m.name())) continue;
            if (moved.contains(Simulator.canonicalQueue(f.queue()))) {
                return "the rules still report " + f.ruleId() + " on " + f.queue() + " at line " + f.location().line();
            }
        }
        Simulator sim = Simulator.forProgram(patchedProgram, cx.models(), cx.drivers(), cx.parse());
        SimulationReport report = sim.simulate(fn, null, null);
        for (SimulationReport.Entry w : report.witnesses()) {
            if (w.queue() != null && moved.contains(Simulator.canonicalQueue(w.queue()))) {
                return "the simulator still finds a lost wake-up on " + w.queue() + " with " + w.api().id();
            }
        }
        Set<String> had = registered(before);
        Set<String> has = registered(new PollFlow(patchedProgram, cx.models()).summary(fn, pt));
        for (String q : had) {
            if (!has.contains(q)) return "the patched method no longer registers " + q;
        }
        verified[0] = "re-parsed and re-analysed: no PW001/PW002 on " + String.join(", ", queues) + " in " + m.name()
                + "(); the simulator's search " + (report.exhaustive() ? "(exhaustive)" : "(within its bounds)")
                + " finds no hang on them; every queue registered before still is";
        return null;
    }

    private static Set<String> registered(Summary s) {
        Set<String> out = new LinkedHashSet<>();
        if (s == null) return out;
        for (Registration r : s.registrations()) {
            for (String q : r.queues()) {
                if (!q.equals("unknown")) out.add(Simulator.canonicalQueue(q));
            }
        }
        return out;
    }
}
