package dev.pollcheck.rules;

import dev.pollcheck.flow.HelperModels;
import dev.pollcheck.flow.OpsTypes;
import dev.pollcheck.flow.PollFlow;
import dev.pollcheck.flow.PollMethod;
import dev.pollcheck.flow.PollMethods;
import dev.pollcheck.flow.Program;
import dev.pollcheck.flow.Registration;
import dev.pollcheck.flow.Shapes;
import dev.pollcheck.flow.Summary;
import dev.pollcheck.flow.TimeBound;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.TopLevel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules' entry point: finds the poll methods, follows each one's poll_table through its
 * helpers, and asks every rule about every registration reached (once per registration call, the
 * first rule in {@link Rules#all()} order wins) and about every method.
 */
public final class Analyzer {
    private Analyzer() {
    }

    public static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.location().file())
            .thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column())
            .thenComparing(Finding::ruleId);

    public static List<Finding> analyze(Program program, AnalysisConfig config) {
        OpsTypes ops = OpsTypes.load(config.flow());
        return analyze(program, config, PollMethods.find(program, ops));
    }

    /** The queues some registration of {@code s} makes on every path (no event, state or loop condition skips it). */
    private static Set<String> unconditionalQueues(Summary s) {
        Set<String> out = new HashSet<>();
        for (Registration r : s.registrations()) {
            if (r.skips().stream().allMatch(k -> k.kind() == dev.pollcheck.flow.Skip.Kind.PT_CHECK)) {
                for (String q : r.queues()) out.add(q.replace(" ", ""));
            }
        }
        return out;
    }

    /**
     * A skipped registration whose every queue another registration of the same function makes
     * unconditionally loses nothing (a registering helper kept for its mask after the fix).
     */
    private static boolean coveredElsewhere(Registration reg, Summary s, Set<String> always) {
        if (reg.queues().isEmpty() || reg.skips().stream().allMatch(k -> k.kind() == dev.pollcheck.flow.Skip.Kind.PT_CHECK)) {
            return false;
        }
        for (String q : reg.queues()) {
            if (q.equals("unknown") || !always.contains(q.replace(" ", ""))) return false;
        }
        return true;
    }

    /** Findings for the given poll methods, sorted by file, line, column, rule. */
    public static List<Finding> analyze(Program program, AnalysisConfig config, List<PollMethod> methods) {
        return analyze(program, config, methods, f -> { });
    }

    /**
     * As above; {@code found} also sees each finding as soon as it is made (in the order of the
     * methods, not the sorted order), so that a caller can start working on it at once.
     */
    public static List<Finding> analyze(Program program, AnalysisConfig config, List<PollMethod> methods,
                                        java.util.function.Consumer<Finding> found) {
        return analyze(program, config, methods, found, null, m -> { });
    }

    /**
     * As above, each method within {@code methodBound} (null: no bound): a method whose analysis runs
     * past it keeps the findings made so far, is handed to {@code timedOut}, and the next one starts.
     */
    public static List<Finding> analyze(Program program, AnalysisConfig config, List<PollMethod> methods,
                                        java.util.function.Consumer<Finding> found, java.time.Duration methodBound,
                                        java.util.function.Consumer<TopLevel.Function> timedOut) {
        HelperModels models = HelperModels.load(config.flow().modelFiles());
        PollFlow flow = new PollFlow(program, models);
        List<TopLevel.Function> defs = new ArrayList<>(PollMethods.definitions(methods));
        // A registration reached from several methods is judged once, from the first method to reach it;
        // which one is first must not depend on where in its file each method is defined (moving a
        // function would change the finding's witness), so methods go by file and name, then line.
        defs.sort(Comparator.comparing((TopLevel.Function f) -> f.span().file())
                .thenComparing(TopLevel.Function::name, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingInt(f -> f.span().line()));
        List<Finding> out = new ArrayList<>();
        Set<String> doneCalls = new HashSet<>();
        Map<Summary, Boolean> visited = new IdentityHashMap<>();
        for (TopLevel.Function m : defs) {
            int pt = Shapes.pollTableParam(m.params());
            if (pt < 0 || !PollFlow.readable(m)) continue;
            if (methodBound == null) {
                analyzeMethod(program, flow, m, pt, out, found, doneCalls, visited);
                continue;
            }
            try {
                TimeBound.within(methodBound, () -> {
                    analyzeMethod(program, flow, m, pt, out, found, doneCalls, visited);
                    return null;
                });
            } catch (TimeBound.Exceeded e) {
                timedOut.accept(m);
            }
        }
        out.sort(ORDER);
        return out;
    }

    private static void analyzeMethod(Program program, PollFlow flow, TopLevel.Function m, int pt, List<Finding> out,
                                      java.util.function.Consumer<Finding> found, Set<String> doneCalls,
                                      Map<Summary, Boolean> visited) {
        Summary top = flow.summary(m, pt);
        for (Rule r : Rules.all()) {
            Finding f = r.check(new Rule.MethodSite(program, m, top));
            if (f != null) {
                f = f.withPath(List.of(Finding.Frame.of(m)));
                out.add(f);
                found.accept(f);
            }
        }
        // The caller through which the walk first reached each helper: a finding's call path.
        Map<Summary, Summary> caller = new IdentityHashMap<>();
        Deque<Summary> work = new ArrayDeque<>();
        work.add(top);
        while (!work.isEmpty()) {
            Summary s = work.poll();
            if (visited.put(s, Boolean.TRUE) != null) continue;
            Set<String> always = unconditionalQueues(s);
            for (Registration reg : s.registrations()) {
                TimeBound.check();
                if (reg.helper() != null) {
                    caller.putIfAbsent(reg.helper(), s);
                    work.add(reg.helper());
                }
                if (coveredElsewhere(reg, s, always)) continue;
                Span sp = reg.call().span();
                if (!doneCalls.add(sp.file() + ":" + sp.line() + ":" + sp.column() + ":" + sp.endLine() + ":" + sp.endColumn())) {
                    continue;
                }
                for (Rule r : Rules.all()) {
                    Finding f = r.check(new Rule.RegistrationSite(program, m, s, reg));
                    if (f != null) {
                        f = f.withPath(pathTo(s, top, caller));
                        out.add(f);
                        found.accept(f);
                        break;
                    }
                }
            }
        }
    }

    /** The functions from the poll method down to {@code owner}, outermost first. */
    private static List<Finding.Frame> pathTo(Summary owner, Summary top, Map<Summary, Summary> caller) {
        List<Finding.Frame> path = new ArrayList<>();
        Set<Summary> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Summary s = owner; s != null && seen.add(s); s = s == top ? null : caller.get(s)) {
            path.add(0, Finding.Frame.of(s.function()));
        }
        return path;
    }
}
