package dev.pollcheck.rules;

import dev.pollcheck.driver.Atoms;
import dev.pollcheck.driver.DriverKnowledge;
import dev.pollcheck.driver.DriverModel;
import dev.pollcheck.driver.DriverModels;
import dev.pollcheck.driver.MacroExpansions;
import dev.pollcheck.driver.DriverSources;
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
import dev.pollcheck.flow.Workers;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.TopLevel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.HashSet;
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
        return analyze(program, config, methods, found, methodBound, timedOut, 1, null);
    }

    /**
     * As above, on {@code jobs} threads: the methods of one directory (one driver model) go to one
     * thread in order, and the findings are merged as one thread would have made them, so the result
     * is the same for every {@code jobs}. {@code found} and {@code timedOut} are then called from
     * several threads. With {@code focus} (a patch gate's files; null: all), a method is analysed only
     * when its call path can reach one of them (itself or a helper the poll_table flows into): the
     * gate reports nothing else, and the driver model's questions are most of the cost.
     */
    public static List<Finding> analyze(Program program, AnalysisConfig config, List<PollMethod> methods,
                                        java.util.function.Consumer<Finding> found, java.time.Duration methodBound,
                                        java.util.function.Consumer<TopLevel.Function> timedOut, int jobs,
                                        java.util.function.Predicate<String> focus) {
        HelperModels models = HelperModels.load(config.flow().modelFiles());
        DriverModels drivers = config.drivers() != null ? config.drivers()
                : new DriverModels(DriverSources.of(program), DriverKnowledge.builtin(), new MacroExpansions(program, null));
        List<TopLevel.Function> defs = new ArrayList<>(PollMethods.definitions(methods));
        defs.sort(Comparator.comparing((TopLevel.Function f) -> f.span().file())
                .thenComparing(TopLevel.Function::name, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingInt(f -> f.span().line()));
        Map<String, List<TopLevel.Function>> byDir = new java.util.LinkedHashMap<>();
        for (TopLevel.Function m : defs) {
            byDir.computeIfAbsent(DriverSources.dirOf(m.span().file()), d -> new ArrayList<>()).add(m);
        }
        // A flow per thread: its memo of summaries is not shared between threads.
        ThreadLocal<PollFlow> flows = ThreadLocal.withInitial(() -> new PollFlow(program, models));
        record Part(List<Finding> out, Map<String, Finding> byCall) {
        }
        List<Part> parts = Workers.map(new ArrayList<>(byDir.values()), jobs, "pollcheck-rules", group -> {
            Part part = new Part(new ArrayList<>(), new HashMap<>());
            for (TopLevel.Function m : group) {
                int pt = Shapes.pollTableParam(m.params());
                if (pt < 0 || !PollFlow.readable(m)) continue;
                PollFlow flow = flows.get();
                if (focus != null && !reaches(flow.summary(m, pt), focus)) continue;
                if (methodBound == null) {
                    analyzeMethod(program, flow, drivers, m, pt, part.out(), part.byCall(), found);
                    continue;
                }
                try {
                    TimeBound.within(methodBound, () -> {
                        analyzeMethod(program, flow, drivers, m, pt, part.out(), part.byCall(), found);
                        return null;
                    });
                } catch (TimeBound.Exceeded e) {
                    timedOut.accept(m);
                }
            }
            return part;
        });
        // One finding per registration call: the worst over every poll method that reaches it, so that
        // a helper shared by several methods is judged in each calling context, whatever their order.
        // Of two equally bad ones, the one of the method first in the sorted order, as one thread keeps.
        Map<TopLevel.Function, Integer> rank = new IdentityHashMap<>();
        for (TopLevel.Function m : defs) rank.putIfAbsent(m, rank.size());
        List<Finding> out = new ArrayList<>();
        Map<String, Finding> byCall = new HashMap<>();
        for (Part p : parts) {
            out.addAll(p.out());
            for (Map.Entry<String, Finding> e : p.byCall().entrySet()) {
                byCall.merge(e.getKey(), e.getValue(), (a, b) -> worse(b, a)
                        || !worse(a, b) && rank.get(b.method()) < rank.get(a.method()) ? b : a);
            }
        }
        out.addAll(byCall.values());
        out.sort(ORDER);
        return out;
    }

    private static void analyzeMethod(Program program, PollFlow flow, DriverModels drivers, TopLevel.Function m,
                                      int pt, List<Finding> out, Map<String, Finding> byCall,
                                      java.util.function.Consumer<Finding> found) {
        Summary top = flow.summary(m, pt);
        for (Rule r : Rules.all()) {
            Finding f = r.check(new Rule.MethodSite(program, m, top));
            if (f != null) {
                f = f.withPath(List.of(Finding.Frame.of(m)));
                out.add(f);
                found.accept(f);
            }
        }
        Set<String> registered = registeredQueues(top);
        record Ctx(Summary summary, Atoms.Binding binding) {
        }
        // The caller through which the walk first reached each helper: a finding's call path.
        Map<Summary, Summary> caller = new IdentityHashMap<>();
        Map<Summary, Boolean> visited = new IdentityHashMap<>();
        Deque<Ctx> work = new ArrayDeque<>();
        work.add(new Ctx(top, null));
        while (!work.isEmpty()) {
            Ctx c = work.poll();
            Summary s = c.summary();
            if (visited.put(s, Boolean.TRUE) != null) continue;
            Set<String> always = unconditionalQueues(s);
            for (Registration reg : s.registrations()) {
                TimeBound.check();
                if (reg.helper() != null) {
                    caller.putIfAbsent(reg.helper(), s);
                    work.add(new Ctx(reg.helper(), new Atoms.Binding(reg.helper().function(), reg.call().args(),
                            s.function(), c.binding())));
                }
                if (coveredElsewhere(reg, s, always)) continue;
                Span sp = reg.call().span();
                String key = sp.file() + ":" + sp.line() + ":" + sp.column() + ":" + sp.endLine() + ":" + sp.endColumn();
                for (Rule r : Rules.all()) {
                    Finding f = r.check(new Rule.RegistrationSite(program, m, s, reg, drivers, c.binding(), registered));
                    if (f != null) {
                        f = f.withPath(pathTo(s, top, caller));
                        Finding prev = byCall.get(key);
                        if (prev == null || worse(f, prev)) {
                            byCall.put(key, f);
                            found.accept(f);
                        }
                        break;
                    }
                }
            }
        }
    }

    /** Whether the method or a helper its registrations go through is defined in a file {@code focus} accepts. */
    private static boolean reaches(Summary top, java.util.function.Predicate<String> focus) {
        for (Summary s : withHelpers(top)) if (focus.test(s.function().span().file())) return true;
        return false;
    }

    /** The method's summary and those of the helpers its registrations go through, each once. */
    private static List<Summary> withHelpers(Summary top) {
        List<Summary> out = new ArrayList<>();
        Map<Summary, Boolean> seen = new IdentityHashMap<>();
        Deque<Summary> work = new ArrayDeque<>();
        work.add(top);
        while (!work.isEmpty()) {
            Summary s = work.poll();
            if (seen.put(s, Boolean.TRUE) != null) continue;
            out.add(s);
            for (Registration reg : s.registrations()) if (reg.helper() != null) work.add(reg.helper());
        }
        return out;
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

    /** Whether {@code a} is the worse of two findings at one call: a higher level, then a fixed order of texts. */
    static boolean worse(Finding a, Finding b) {
        if (a.level() != b.level()) return a.level().ordinal() < b.level().ordinal();
        int c = a.ruleId().compareTo(b.ruleId());
        if (c != 0) return c < 0;
        return a.message().compareTo(b.message()) < 0;
    }

    /** The last members of every queue the method registers on some path, through its helpers. */
    static Set<String> registeredQueues(Summary top) {
        Set<String> out = new java.util.TreeSet<>();
        for (Summary s : withHelpers(top)) {
            for (Registration reg : s.registrations()) {
                for (String q : reg.queues()) out.add(DriverModel.lastIdent(q));
            }
        }
        return out;
    }
}
