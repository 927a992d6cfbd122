package dev.pollcheck.sim;

import dev.pollcheck.driver.DriverModels;
import dev.pollcheck.driver.MacroExpansions;
import dev.pollcheck.flow.CText;
import dev.pollcheck.flow.HelperModel;
import dev.pollcheck.flow.HelperModels;
import dev.pollcheck.flow.PollFlow;
import dev.pollcheck.flow.Program;
import dev.pollcheck.model.Node;
import dev.pollcheck.parse.ParseConfig;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.rules.Api;
import dev.pollcheck.rules.Finding;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Confirms findings with a concrete lost wake-up, and simulates a poll method for the
 * {@code simulate} command.
 *
 * <p>A witness: the first call of the poll method (poll's or select's first pass, or
 * {@code EPOLL_CTL_ADD}, all with {@code _qproc} set) skips the registration of a wait queue Q that
 * some other first call registers; for epoll an {@code EPOLL_CTL_MOD} may follow, and an
 * {@code epoll_wait} that delivers what was ready and then finds nothing; the caller sleeps; the
 * device changes state; {@code wake_up(Q)} wakes nobody; the poll method, called now, would report
 * an event the caller asked for. Every witness is replayed through the kernel model
 * ({@link PollSyscall}, {@link SelectSyscall}, {@link Epoll}) before it is reported.
 *
 * <p>The search, deterministic and bounded:
 * <ul>
 * <li>requested events: IN, PRI, OUT, RDNORM, every other event bit the poll method names, IN|PRI,
 *     IN|RDNORM, IN|OUT, OUT|PRI and all of the singles together (or the {@code --events} mask); select
 *     with the fd in read, write, read+except, read+write, all three, except; epoll with each mask
 *     alone and each ordered pair as ADD then MOD;</li>
 * <li>per poll_table state ({@code _key}, {@code _qproc} set or not) at most {@link Bounds#maxPaths}
 *     paths of the method ({@link Bounds#maxExecutions} executions for the whole search; a state whose
 *     paths do not read {@code _key}, or {@code _qproc}, is explored once for all), each with at most
 *     {@link Bounds#maxDecisions} choices,
 *     {@link Bounds#maxSteps} steps ({@link Bounds#maxTotalSteps} for the whole search), calls
 *     {@link Bounds#maxCallDepth} deep; a loop whose test needs a
 *     choice runs at most {@link Bounds#maxSymbolicIterations} times, a concrete one at most
 *     {@link Bounds#maxConcreteIterations} (beyond that the path is abandoned);</li>
 * <li>at most 6 first-call paths per mask are tried as the start of a scenario;</li>
 * <li>a called definition is interpreted when its value is used or it receives the poll_table;
 *     a call made for its side effects only gives free values.</li>
 * </ul>
 * When a finding's registration is not reached within the bounds, its search is tried once more with
 * {@link #WIDER} times the path and execution bounds.
 * Within those bounds the search is exhaustive: a function with fewer paths than the bound is
 * searched completely, and "no hang found" then holds for every choice of the free values. When a
 * bound is reached, the reason of an unconfirmed verdict and the report say which.
 *
 * <p>A guard {@code if (wait)} or {@code if (!poll_does_not_wait(wait))} is never a witness: the
 * kernel passes a non-NULL table to every call, and {@code _qproc} is set on every first call that
 * can leave the caller asleep.
 */
public final class Simulator {

    /** The bounds of a search; {@link #DEFAULT} keeps a whole-tree scan fast. */
    public record Bounds(int maxSteps, int maxSymbolicIterations, int maxConcreteIterations, int maxCallDepth,
                         int maxDecisions, int maxPaths, int maxExecutions, int maxTotalSteps) {
        public static final Bounds DEFAULT = new Bounds(5_000, 2, 32, 3, 32, 48, 600, 200_000);

        Interpreter.Bounds interpreter() {
            return new Interpreter.Bounds(maxSteps, maxSymbolicIterations, maxConcreteIterations, maxCallDepth,
                    maxDecisions, 1_500);
        }

        String describe() {
            return maxPaths + " paths per poll_table state, " + maxExecutions + " executions in all, " + maxDecisions
                    + " choices and " + maxSteps + " steps per call, call depth " + maxCallDepth + ", "
                    + maxSymbolicIterations + " iterations of an undecided loop, " + maxTotalSteps
                    + " steps for the whole search";
        }
    }

    private final FunctionSource source;
    private final HelperSemantics helpers;
    private final Bounds bounds;

    public Simulator(FunctionSource source, HelperSemantics helpers) {
        this(source, helpers, Bounds.DEFAULT);
    }

    public Simulator(FunctionSource source, HelperSemantics helpers, Bounds bounds) {
        this.source = source == null ? FunctionSource.NONE : source;
        this.helpers = helpers == null ? HelperSemantics.NONE : helpers;
        this.bounds = bounds;
    }

    /**
     * The simulator over a scanned program: definitions (and the macros of their files) from the
     * program, helpers without a definition from the models; primitive models win over definitions.
     */
    public static Simulator forProgram(Program program, HelperModels models) {
        return forProgram(program, models, null, ParseConfig.defaults());
    }

    /**
     * The same with the driver model: a static helper whose body the scan did not parse (a default
     * scan parses only what mentions poll) is read through the driver's model, and the state changes
     * of a witness are those the model's runtime writers make. {@code config} parses the expansions of
     * same-file macros invoked in bodies.
     */
    public static Simulator forProgram(Program program, HelperModels models, DriverModels drivers, ParseConfig config) {
        MacroExpansions expansions = drivers != null && drivers.expansions() != null ? drivers.expansions()
                : new MacroExpansions(program, config);
        FunctionSource functions = new FunctionSource() {
            @Override
            public TopLevel.Function function(String name, String fromFile) {
                TopLevel.Function f = program.function(name, fromFile);
                if (drivers != null && fromFile != null && (f == null || !PollFlow.readable(f))) {
                    TopLevel.Function d = drivers.forFile(fromFile).function(name, fromFile);
                    if (d != null && PollFlow.readable(d)) return d;
                }
                return f;
            }

            @Override
            public Map<String, MacroDef> macros(String file) {
                return program.macros(file);
            }

            @Override
            public Node macroExpansion(String file, Expr.Call call) {
                return expansions.expand(file, call); // the same expansion the rules and the driver model read
            }
        };
        HelperSemantics helpers = name -> {
            HelperModel m = models == null ? null : models.get(name);
            return m == null ? null : new HelperSemantics.Helper(m.name(), m.ptArg(), m.queues(),
                    HelperSemantics.Returns.valueOf(m.returns().name()), m.primitive());
        };
        Simulator sim = new Simulator(functions, helpers);
        sim.drivers = drivers;
        return sim;
    }

    /** The driver models of the run, or null: then any free value may change between calls (the kernel model's tests). */
    private DriverModels drivers;

    private static final List<Api> ORDER = List.of(Api.EPOLL, Api.POLL, Api.SELECT);

    /** Confirms a finding with a witness on one of its interfaces, or says why not. */
    public Verdict confirm(Finding f) {
        TopLevel.Function fn = f.method();
        String unusable = unusable(fn);
        if (unusable != null) {
            return Verdict.unconfirmed(unusable);
        }
        if (drivers != null && drivers.forFile(fn.span().file()).unreferenced(fn.name(), fn.span().file())) {
            // No scenario of a method that nothing calls is one the kernel can produce.
            return Verdict.unconfirmed(dev.pollcheck.driver.DriverModel.unreachable(fn.name()));
        }
        Set<Api> apis = f.apis() == null || f.apis().isEmpty() ? EnumSet.allOf(Api.class) : EnumSet.copyOf(f.apis());
        ScenarioSearch search = searches.computeIfAbsent(new SearchKey(fn, apis),
                k -> new ScenarioSearch(interpreter(1), fn, bounds.maxPaths(), bounds.maxExecutions()).gate(gate(fn)));
        // Findings of one method share its explorations; a search is used by one thread at a time.
        Verdict v;
        boolean cut;
        synchronized (search) {
            // A search cut short by a time bound is not resumed: past the bound, nothing more runs.
            dev.pollcheck.flow.TimeBound.check();
            v = confirm(f, fn, apis, search);
            cut = !search.exhaustive();
        }
        if (!v.confirmed() && cut && v.reason().startsWith("the registration")) {
            // The registration lies beyond the bounds: one more try with wider ones for this finding.
            ScenarioSearch wide = new ScenarioSearch(interpreter(WIDER), fn, bounds.maxPaths() * WIDER,
                    bounds.maxExecutions() * WIDER).gate(gate(fn));
            v = confirm(f, fn, apis, wide);
        }
        return v;
    }

    /**
     * What may change between calls of {@code fn}: the driver model's runtime writers and wakers, or
     * anything (null) when the simulator runs without driver models.
     */
    private StateGate gate(TopLevel.Function fn) {
        return drivers == null ? null : new StateGate(drivers.forFile(fn.span().file()), fn);
    }

    /** An interpreter for one search, its step budget {@code widen} times the default. */
    private Interpreter interpreter(int widen) {
        Interpreter in = new Interpreter(source, helpers, bounds.interpreter());
        in.stepBudget((long) bounds.maxTotalSteps() * widen);
        return in;
    }

    /** How much wider the bounds are for the second try of a finding whose registration was not reached. */
    static final int WIDER = 4;

    /** A method (by identity: ASTs are large) and the interfaces searched. */
    private static final class SearchKey {
        final TopLevel.Function fn;
        final Set<Api> apis;

        SearchKey(TopLevel.Function fn, Set<Api> apis) {
            this.fn = fn;
            this.apis = apis;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SearchKey k && k.fn == fn && k.apis.equals(apis);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(fn) * 31 + apis.hashCode();
        }
    }

    private final Map<SearchKey, ScenarioSearch> searches = new java.util.concurrent.ConcurrentHashMap<>();

    private Verdict confirm(Finding f, TopLevel.Function fn, Set<Api> apis, ScenarioSearch search) {
        List<Long> m = search.masks(null);
        ScenarioSearch.Masks masks = new ScenarioSearch.Masks(m, m);

        List<String> targets = new ArrayList<>();
        Predicate<Interpreter.Registration> match = matcher(f);
        if (match == null) {
            targets.add(null);
        } else {
            targets.addAll(search.firstCallQueues(match, apis, masks));
            if (targets.isEmpty()) {
                return Verdict.unconfirmed("the registration" + (f.queue() == null ? "" : " of " + f.queue())
                        + " is not reached on any first call in the search" + boundsSuffix(search));
            }
        }
        ScenarioSearch.Found best = null;
        for (String q : targets) {
            for (Api api : ORDER) {
                if (!apis.contains(api)) continue;
                ScenarioSearch.Found found = search.search(api, q, apis, masks);
                if (found != null && (best == null || found.score() > best.score())) best = found;
            }
        }
        if (best != null) {
            return Verdict.confirmed(best.witness());
        }
        String what;
        java.util.Set<String> refused = new java.util.LinkedHashSet<>();
        for (String q : targets) refused.addAll(search.refusals(q));
        if (!refused.isEmpty()) {
            // The search found scenarios, but the driver model says the device cannot produce them.
            List<String> why = new ArrayList<>(refused);
            what = String.join("; ", why.subList(0, Math.min(2, why.size())));
        } else if (targets.get(0) == null) {
            what = "no first call that registers nothing leaves the caller blocked while the method can report";
        } else {
            List<String> never = new ArrayList<>();
            for (String q : targets) {
                if (!search.skippable(q, apis, masks)) never.add(q);
            }
            what = never.size() == targets.size()
                    ? "every first call in the search registers " + String.join(", ", targets)
                    + " (pointers read from the device or returned by calls are taken as non-NULL)"
                    : "no lost wake-up on " + String.join(", ", targets) + ": a first call that skips it either "
                    + "reports something asked for at once or is followed by no call that reports an event "
                    + "asked for without a registered queue waiting for that change";
        }
        return Verdict.unconfirmed(what + " (" + searched(m, apis, search) + ")" + boundsSuffix(search));
    }

    /**
     * Simulates {@code fn} on the given interfaces ({@code null}: all) with the given requested events
     * ({@code null}: the search's set): every witness, per wait queue and interface.
     */
    public SimulationReport simulate(TopLevel.Function fn, Set<Api> apis, Long events) {
        Set<Api> scope = apis == null || apis.isEmpty() ? EnumSet.allOf(Api.class) : EnumSet.copyOf(apis);
        String name = fn == null ? "?" : fn.name();
        String unusable = unusable(fn);
        if (unusable != null) {
            return new SimulationReport(name, List.of(), false, unusable, List.of(), List.of(), List.of());
        }
        // The same state-change rule as a finding's confirmation: only what the driver's runtime code writes.
        ScenarioSearch search = new ScenarioSearch(interpreter(1), fn, bounds.maxPaths(), bounds.maxExecutions()).gate(gate(fn));
        List<Long> all = search.masks(null);
        List<Long> fin = search.masks(events);
        ScenarioSearch.Masks masks = new ScenarioSearch.Masks(all, fin);
        List<String> targets = new ArrayList<>(search.firstCallQueues(r -> true, scope, masks));
        if (targets.isEmpty()) {
            targets.add(null);
        }
        List<SimulationReport.Entry> found = new ArrayList<>();
        Set<String> refused = new java.util.TreeSet<>();
        for (String q : targets) {
            boolean any = false;
            for (Api api : ORDER) {
                if (!scope.contains(api)) continue;
                ScenarioSearch.Found w = search.search(api, q, scope, masks);
                if (w != null) found.add(new SimulationReport.Entry(q, api, w.witness()));
                any |= w != null;
            }
            if (!any) refused.addAll(search.refusals(q));
        }
        return new SimulationReport(name, found, search.exhaustive(), searched(fin, scope, search),
                List.copyOf(search.boundsHit()), List.copyOf(search.notes()), List.copyOf(refused));
    }

    private static String unusable(TopLevel.Function fn) {
        if (fn == null) {
            return "no poll method to simulate";
        }
        if (fn.body() == null || (fn.status() != ParseStatus.PARSED && fn.status() != ParseStatus.RECOVERED)) {
            return "the body of " + fn.name() + "() was not parsed (" + fn.status() + ")";
        }
        return null;
    }

    /** A queue expression spelled the way the simulator names queues ({@code &(&d->q)->w} is {@code &d->q.w}). */
    public static String canonicalQueue(String q) {
        return Interpreter.canonicalQueue(q);
    }

    /** Registrations the finding is about: through its registration call, else by queue text; null: none (PW003). */
    private static Predicate<Interpreter.Registration> matcher(Finding f) {
        Expr.Call reg = f.registration();
        if (reg != null) {
            Span at = reg.span();
            String queue = f.queue() == null ? null : Interpreter.canonicalQueue(f.queue());
            return r -> r.via().contains(at) || (queue != null && r.queue().equals(queue));
        }
        if (f.queue() != null) {
            String queue = Interpreter.canonicalQueue(f.queue());
            return r -> r.queue().equals(queue);
        }
        return null;
    }

    private String searched(List<Long> masks, Set<Api> apis, ScenarioSearch search) {
        List<String> ms = new ArrayList<>();
        for (long m : masks) ms.add(PollBits.describe(m));
        List<String> as = new ArrayList<>();
        for (Api a : ORDER) if (apis.contains(a)) as.add(a.id());
        return "events " + String.join(" ", ms) + " on " + String.join(", ", as) + "; "
                + search.explorer().runs() + " paths explored, " + search.interpreterRuns() + " executions; bounds: "
                + bounds.describe();
    }

    private static String boundsSuffix(ScenarioSearch search) {
        Set<String> hit = search.boundsHit();
        return hit.isEmpty() ? "" : "; bounds reached: " + String.join("; ", hit);
    }
}
