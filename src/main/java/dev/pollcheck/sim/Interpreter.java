package dev.pollcheck.sim;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.Node;
import dev.pollcheck.model.Param;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.VarDecl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Executes one call of a poll method (and the functions it calls) on pollcheck's AST against a
 * {@link PollTable} of the kernel model. Integers are 64-bit; pointers and fields are symbolic values
 * named by their canonical text; what the model cannot know is a free value whose fate at each
 * choice point (truthiness, equality with a constant, switch case, relational test, loop iteration,
 * returned mask) comes from a {@link Chooser}. Free values are consistent within the call: the same
 * canonical text gives the same value unless the function assigned it.
 *
 * <p>Not executed (the path is abandoned with a reason): computed {@code goto}, {@code goto} or
 * {@code break} out of a statement expression, a {@code goto} to a label that is not in the function.
 * Inline assembly does nothing; calls through function pointers give free values (and a note when
 * they receive the poll_table, which they might register on).
 */
final class Interpreter {

    /** Steps a helper interpreted for its value may take before its result is taken as free. */
    static final int HELPER_STEPS = 1_000;

    /** Bounds of one execution. */
    record Bounds(int maxSteps, int maxSymbolicIterations, int maxConcreteIterations, int maxCallDepth,
                  int maxDecisions, int maxNesting) {
        static final Bounds DEFAULT = new Bounds(20_000, 2, 64, 4, 40, 1_500);
    }

    /** A waiter put on {@code queue} through the call chain {@code via} (outermost call first). */
    record Registration(String queue, List<Span> via, int decisionsBefore) {
    }

    /**
     * What one execution did. {@code bound} is null when it ran to its end, else why it stopped
     * (a bound or a construct the interpreter cannot execute); such a path is not used as evidence.
     */
    record Outcome(long mask, List<Registration> registrations, List<Chooser.Decision> decisions, String bound,
                   List<String> notes, boolean truncated, boolean infeasible, boolean keyRead, boolean qprocRead,
                   Set<String> queueSet, Map<String, Source> sources) {
        Outcome(long mask, List<Registration> registrations, List<Chooser.Decision> decisions, String bound,
                List<String> notes, boolean truncated, boolean infeasible, boolean keyRead, boolean qprocRead,
                Map<String, Source> sources) {
            this(mask, registrations, decisions, bound, notes, truncated, infeasible, keyRead, qprocRead,
                    queueSet(registrations), sources);
        }

        private static Set<String> queueSet(List<Registration> registrations) {
            Set<String> s = new LinkedHashSet<>();
            for (Registration r : registrations) s.add(r.queue());
            return java.util.Collections.unmodifiableSet(s);
        }

        /** The same path as {@code _qproc == NULL} gives it: a path that never looked at {@code _qproc} registers nothing. */
        Outcome withoutRegistrations() {
            return new Outcome(mask, List.of(), decisions, bound, notes, truncated, infeasible, keyRead, qprocRead,
                    sources);
        }

        List<Integer> prefix() {
            List<Integer> p = new ArrayList<>(decisions.size());
            for (Chooser.Decision d : decisions) p.add(d.index());
            return p;
        }

        Set<String> queues() {
            return queueSet;
        }
    }

    /**
     * Where the free value behind a decision label was read: the expression and the function it is
     * written in, so that the driver model can name the state ({@code dev->ready} of struct foo).
     */
    record Source(Expr expr, TopLevel.Function owner) {
    }

    private static final int NORMAL = 0, BREAK = 1, CONTINUE = 2, RETURN = 3, GOTO = 4;

    /** Ends the execution: a bound was reached or a construct cannot be executed. */
    private static final class Abort extends RuntimeException {
        Abort(String why) {
            super(why, null, false, false);
        }
    }

    /** The path cannot happen: it dereferences NULL, which would oops before any wake-up matters. */
    private static final class Infeasible extends RuntimeException {
        Infeasible(String why) {
            super(why, null, false, false);
        }
    }

    /** A helper interpreted for its value ran past its own step bound: its result becomes a free value. */
    private static final class HelperBound extends RuntimeException {
        HelperBound() {
            super(null, null, false, false);
        }
    }

    /** {@code return} or {@code goto} leaving a statement expression. */
    private static final class Escape extends RuntimeException {
        final int code;

        Escape(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    private final FunctionSource source;
    private final HelperSemantics helpers;
    private final Bounds bounds;
    private final Map<Stmt, List<Stmt>> caseLabels = new IdentityHashMap<>();
    private final Map<Stmt, Map<Stmt, Set<Stmt>>> paths = new IdentityHashMap<>();
    private final Map<String, Long> macroCache = new HashMap<>();

    Interpreter(FunctionSource source, HelperSemantics helpers, Bounds bounds) {
        this.source = source == null ? FunctionSource.NONE : source;
        this.helpers = helpers == null ? HelperSemantics.NONE : helpers;
        this.bounds = bounds;
    }

    Bounds bounds() {
        return bounds;
    }

    private long runs;
    private long totalSteps;
    /**
     * Steps this interpreter may take over all its executions: a search of a method whose every path
     * runs to the per-call bound would otherwise cost executions x steps (millions).
     */
    private long stepBudget = java.lang.Long.MAX_VALUE;

    void stepBudget(long steps) {
        stepBudget = steps;
    }

    boolean budgetSpent() {
        return totalSteps >= stepBudget;
    }

    /** Executions so far (all purposes), and the steps they took. */
    long runs() {
        return runs;
    }

    long totalSteps() {
        return totalSteps;
    }

    /** Runs {@code fn} once with {@code pt}; registrations go through {@link PollTable#pollWait} onto {@code queues}. */
    Outcome run(TopLevel.Function fn, PollTable pt, WaitQueues queues, Chooser chooser) {
        Run r = new Run(pt, queues, chooser);
        runs++;
        String bound = null;
        long mask = 0;
        boolean infeasible = false;
        try {
            Value v = r.callDefined(fn, null, List.of(), true);
            mask = r.maskOf(v);
        } catch (Infeasible i) {
            infeasible = true;
            bound = i.getMessage();
        } catch (Abort a) {
            bound = a.getMessage();
        } catch (StackOverflowError e) {
            bound = "nesting too deep for the interpreter";
        }
        totalSteps += r.steps;
        List<Chooser.Decision> decisions = canonical(chooser.decisions());
        Map<String, Source> sources = new HashMap<>();
        for (Chooser.Decision d : decisions) {
            Source src = r.sources.get(d.label());
            if (src != null) sources.put(d.label(), src);
        }
        return new Outcome(mask, List.copyOf(r.registrations), decisions, bound,
                List.copyOf(r.notes), chooser.truncated(), infeasible, r.keyRead, r.qprocRead, Map.copyOf(sources));
    }

    /**
     * One instance per distinct label and value text over all executions: the scenario search
     * compares the decisions of thousands of outcome pairs by these strings, and equal instances
     * compare at once.
     */
    private final Map<String, String> canon = new HashMap<>();

    private List<Chooser.Decision> canonical(List<Chooser.Decision> decisions) {
        List<Chooser.Decision> out = new ArrayList<>(decisions.size());
        for (Chooser.Decision d : decisions) {
            out.add(new Chooser.Decision(canon(d.label()), canon(d.shown()), d.index(), d.options(), d.multi()));
        }
        return List.copyOf(out);
    }

    private String canon(String s) {
        if (s == null) {
            return null;
        }
        String known = canon.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    /** The state of one execution. */
    private final class Run {
        final PollTable pt;
        final WaitQueues queues;
        final Chooser chooser;
        final List<Registration> registrations = new ArrayList<>();
        final Set<String> notes = new LinkedHashSet<>();
        /** Cells written by the function: fields, globals, {@code *p}. */
        final Map<String, Value> heap = new HashMap<>();
        /** Free values fixed by a choice ({@code opener->type == 1}). */
        final Map<String, Long> fixed = new HashMap<>();
        /** Values a free value was chosen to differ from (0 after "non-zero"). */
        final Map<String, Set<Long>> excluded = new HashMap<>();
        /** Outcomes chosen for tests between symbolic values ({@code a < b}). */
        final Map<String, Boolean> decided = new HashMap<>();
        final Deque<Frame> frames = new ArrayDeque<>();
        final Deque<Span> callSpans = new ArrayDeque<>();
        int steps;
        int nesting;
        /** Whether the path looked at {@code _key} or {@code _qproc}: if not, it is the same for every table. */
        boolean keyRead;
        boolean qprocRead;
        /** Labels decided while evaluating a loop condition, forgotten before the next test. */
        List<String> recordLabels;
        /** Where each free value was first read (see {@link Source}). */
        final Map<String, Source> sources = new HashMap<>();
        /** Why a call's result is a free value although the call has a name ("no body" ...), by value name. */
        final Map<String, String> freeWhy = new HashMap<>();
        /** The comparison being evaluated, the source of a decision between two symbolic values. */
        Expr comparing;
        /** Steps at which the helper being interpreted for its value gives up (its result is then free). */
        int helperStepLimit = Integer.MAX_VALUE;

        Run(PollTable pt, WaitQueues queues, Chooser chooser) {
            this.pt = pt;
            this.queues = queues;
            this.chooser = chooser;
        }

        Frame frame() {
            return frames.peek();
        }

        void step() {
            if ((steps & 0x3FF) == 0) dev.pollcheck.flow.TimeBound.check();
            if (steps >= helperStepLimit) {
                throw new HelperBound();
            }
            if (++steps > bounds.maxSteps()) {
                throw new Abort("step bound (" + bounds.maxSteps() + ") reached");
            }
            if (totalSteps + steps > stepBudget) {
                throw new Abort("step budget (" + stepBudget + " in all) reached");
            }
        }

        void enter() {
            if (++nesting > bounds.maxNesting()) {
                throw new Abort("nesting bound (" + bounds.maxNesting() + ") reached");
            }
        }

        // ------------------------------------------------------------------ functions

        /** Executes a definition; {@code top} binds the poll_table parameter to the kernel's table. */
        Value callDefined(TopLevel.Function fn, Expr.Call site, List<Value> args, boolean top) {
            if (fn.body() == null || (fn.status() != ParseStatus.PARSED && fn.status() != ParseStatus.RECOVERED)) {
                throw new Abort("the body of " + fn.name() + "() was not parsed (" + fn.status() + ")");
            }
            Frame f = new Frame(fn);
            List<Param> params = fn.params();
            for (int i = 0; i < params.size(); i++) {
                Param p = params.get(i);
                if (p.name() == null) continue;
                String type = p.type() == null ? "" : p.type().text();
                boolean ptr = p.type() != null && p.type().pointerDepth() > 0;
                Value v;
                if (top) {
                    if (type.contains("poll_table")) {
                        v = new Value.Table(p.name());
                    } else {
                        v = ptr ? new Value.Ptr(p.name()) : resolve(Value.Unknown.free(p.name()));
                    }
                } else {
                    v = i < args.size() ? args.get(i) : Value.Unknown.free(p.name());
                    if (ptr && v instanceof Value.Unknown u) {
                        v = new Value.Ptr(u.name());
                    }
                }
                if (ptr) f.pointers.add(p.name());
                f.locals.put(p.name(), v);
            }
            frames.push(f);
            if (site != null) callSpans.push(site.span());
            try {
                int c;
                try {
                    c = exec(fn.body());
                } catch (Escape e) {
                    c = e.code;
                }
                int gotos = 0;
                while (c == GOTO) {
                    if (++gotos > bounds.maxConcreteIterations() * 4) {
                        throw new Abort("goto bound reached");
                    }
                    Stmt target = label(fn, f.gotoLabel);
                    if (target == null) {
                        throw new Abort("goto " + f.gotoLabel + ": label not found");
                    }
                    try {
                        c = seek(fn.body(), pathTo(fn.body(), target), target);
                    } catch (Escape e) {
                        c = e.code;
                    }
                }
                if (c == BREAK || c == CONTINUE) {
                    throw new Abort("break or continue outside a loop in " + fn.name() + "()");
                }
                return f.ret != null ? f.ret : (top ? Value.Int.ZERO : Value.Unknown.free(callName(fn.name(), args)));
            } finally {
                frames.pop();
                if (site != null) callSpans.pop();
            }
        }

        long maskOf(Value v) {
            if (v instanceof Value.Int i) {
                return i.v() & PollBits.ALL;
            }
            long ones = 0, unknown = PollBits.ALL;
            if (v instanceof Value.Unknown u) {
                ones = u.ones() & PollBits.ALL;
                unknown = u.unknown() & PollBits.ALL & ~ones;
            }
            if (unknown == 0) {
                return ones;
            }
            String name = v.text();
            int pick = chooser.choose("mask:" + name, "returned mask " + name + " = " + PollBits.describe(ones),
                    "returned mask " + name + " = " + PollBits.describe(ones | unknown));
            return pick == 0 ? ones : ones | unknown;
        }

        // ------------------------------------------------------------------ statements

        int execFrom(List<Stmt> items, int from) {
            for (int i = from; i < items.size(); i++) {
                int c = exec(items.get(i));
                if (c != NORMAL) return c;
            }
            return NORMAL;
        }

        int exec(Stmt s) {
            step();
            enter();
            try {
                return execInner(s);
            } finally {
                nesting--;
            }
        }

        private int execInner(Stmt s) {
            if (s instanceof Stmt.Block b) {
                return execFrom(b.items(), 0);
            } else if (s instanceof Stmt.ExprStmt e) {
                if (e.expr() instanceof Expr.Call c) {
                    step();
                    call(c, false);
                } else {
                    eval(e.expr());
                }
                return NORMAL;
            } else if (s instanceof Stmt.Decl d) {
                for (VarDecl v : d.decls()) declare(v);
                return NORMAL;
            } else if (s instanceof Stmt.If i) {
                if (truth(eval(i.cond()))) return exec(i.then());
                return i.otherwise() == null ? NORMAL : exec(i.otherwise());
            } else if (s instanceof Stmt.Switch sw) {
                return execSwitch(sw);
            } else if (s instanceof Stmt.Case c) {
                return exec(c.body());
            } else if (s instanceof Stmt.Default d) {
                return exec(d.body());
            } else if (s instanceof Stmt.Labeled l) {
                return exec(l.body());
            } else if (s instanceof Stmt.While w) {
                return loop(w, w.cond(), null, w.body(), false, null, null);
            } else if (s instanceof Stmt.DoWhile dw) {
                return loop(dw, dw.cond(), null, dw.body(), true, null, null);
            } else if (s instanceof Stmt.For f) {
                if (f.init() != null) {
                    int c = exec(f.init());
                    if (c != NORMAL) return c;
                }
                return loop(f, f.cond(), f.step(), f.body(), false, null, null);
            } else if (s instanceof Stmt.MacroStmt m) {
                return macroStmt(m, null, null);
            } else if (s instanceof Stmt.Return r) {
                frame().ret = r.value() == null ? null : eval(r.value());
                return RETURN;
            } else if (s instanceof Stmt.Goto g) {
                frame().gotoLabel = g.label();
                return GOTO;
            } else if (s instanceof Stmt.ComputedGoto) {
                throw new Abort("computed goto is not executed");
            } else if (s instanceof Stmt.Break) {
                return BREAK;
            } else if (s instanceof Stmt.Continue) {
                return CONTINUE;
            } else if (s instanceof Stmt.Opaque o) {
                for (Expr.Call c : o.calls()) call(c, false);
                return NORMAL;
            }
            return NORMAL; // Empty, Asm
        }

        /** Resumes execution inside {@code s} at {@code target}, skipping what comes before it. */
        int seek(Stmt s, Set<Stmt> path, Stmt target) {
            step();
            enter();
            try {
                return seekInner(s, path, target);
            } finally {
                nesting--;
            }
        }

        private int seekInner(Stmt s, Set<Stmt> path, Stmt target) {
            if (s == target) {
                if (s instanceof Stmt.Labeled l) return exec(l.body());
                if (s instanceof Stmt.Case c) return exec(c.body());
                if (s instanceof Stmt.Default d) return exec(d.body());
                return exec(s);
            }
            if (s instanceof Stmt.Block b) {
                List<Stmt> items = b.items();
                for (int i = 0; i < items.size(); i++) {
                    if (path.contains(items.get(i))) {
                        int c = seek(items.get(i), path, target);
                        return c != NORMAL ? c : execFrom(items, i + 1);
                    }
                }
            } else if (s instanceof Stmt.If i) {
                return path.contains(i.then()) ? seek(i.then(), path, target) : seek(i.otherwise(), path, target);
            } else if (s instanceof Stmt.Switch sw) {
                int c = seek(sw.body(), path, target);
                return c == BREAK ? NORMAL : c;
            } else if (s instanceof Stmt.Case c) {
                return seek(c.body(), path, target);
            } else if (s instanceof Stmt.Default d) {
                return seek(d.body(), path, target);
            } else if (s instanceof Stmt.Labeled l) {
                return seek(l.body(), path, target);
            } else if (s instanceof Stmt.While w) {
                return loop(w, w.cond(), null, w.body(), false, path, target);
            } else if (s instanceof Stmt.DoWhile dw) {
                return loop(dw, dw.cond(), null, dw.body(), true, path, target);
            } else if (s instanceof Stmt.For f) {
                return loop(f, f.cond(), f.step(), f.body(), false, path, target);
            } else if (s instanceof Stmt.MacroStmt m) {
                return macroStmt(m, path, target);
            }
            throw new Abort("cannot resume at a label inside " + s.getClass().getSimpleName());
        }

        /**
         * A loop; with {@code path} non-null the first iteration resumes inside the body (goto into a
         * loop, a case label inside one). A test that needs a choice may pass at most
         * {@code maxSymbolicIterations} times; a concrete one at most {@code maxConcreteIterations}.
         */
        int loop(Stmt loop, Expr cond, Expr stepExpr, Stmt body, boolean bodyFirst, Set<Stmt> path, Stmt target) {
            int iterations = 0;
            List<String> condLabels = new ArrayList<>();
            boolean first = true;
            while (true) {
                boolean enterBody;
                if (first && (path != null || bodyFirst)) {
                    enterBody = true;
                } else {
                    enterBody = loopTest(loop, cond, condLabels, ++iterations);
                }
                if (!enterBody) {
                    return NORMAL;
                }
                int c = first && path != null ? seek(body, path, target) : exec(body);
                first = false;
                if (c == BREAK) return NORMAL;
                if (c == RETURN || c == GOTO) return c;
                if (stepExpr != null) eval(stepExpr);
            }
        }

        private boolean loopTest(Stmt loop, Expr cond, List<String> condLabels, int iteration) {
            if (cond == null) {
                if (iteration > bounds.maxConcreteIterations()) {
                    throw new Abort("loop bound (" + bounds.maxConcreteIterations() + " iterations) reached at line "
                            + loop.span().line());
                }
                return true;
            }
            // What the previous test chose may have changed since: choose afresh.
            for (String l : condLabels) forget(l);
            condLabels.clear();
            List<String> saved = recordLabels;
            recordLabels = condLabels;
            Value v;
            try {
                v = eval(cond);
            } finally {
                recordLabels = saved;
            }
            if (v instanceof Value.Int i) {
                if (i.v() != 0 && iteration > bounds.maxConcreteIterations()) {
                    throw new Abort("loop bound (" + bounds.maxConcreteIterations() + " iterations) reached at line "
                            + loop.span().line());
                }
                return i.v() != 0;
            }
            if (iteration > bounds.maxSymbolicIterations()) {
                notes.add("loop at line " + loop.span().line() + " cut after " + bounds.maxSymbolicIterations()
                        + " iterations");
                return false;
            }
            recordLabels = condLabels;
            try {
                return truth(v);
            } finally {
                recordLabels = saved;
            }
        }

        private void forget(String label) {
            fixed.remove(label);
            excluded.remove(label);
            decided.remove(label);
        }

        /** Iterator macros run their body zero or more times (chosen, bounded); scope macros run it once. */
        int macroStmt(Stmt.MacroStmt m, Set<Stmt> path, Stmt target) {
            if (!isLoopMacro(m.macro())) {
                return path != null ? seek(m.body(), path, target) : exec(m.body());
            }
            if (!m.args().isEmpty() && m.args().get(0) instanceof Expr.Name n) {
                // The cursor names an element of the list; its fields are free values.
                frame().locals.put(n.id(), new Value.Ptr(n.id()));
            }
            boolean first = true;
            for (int it = 1; ; it++) {
                boolean go;
                if (first && path != null) {
                    go = true;
                } else if (it > bounds.maxSymbolicIterations()) {
                    notes.add(m.macro() + " at line " + m.span().line() + " cut after "
                            + bounds.maxSymbolicIterations() + " iterations");
                    go = false;
                } else {
                    String where = m.macro() + " at line " + m.span().line();
                    String label = "iterate:" + where + "#" + it;
                    // The loop itself is the source of its first turn: whether the walked list is empty.
                    if (it == 1 && !sources.containsKey(label)) {
                        sources.put(label, new Source(new Expr.Call(m.span(), new Expr.Name(m.span(), m.macro()), m.args()), frame().fn));
                    }
                    go = chooser.choose(label, where + ": no iteration " + it, where + ": iteration " + it) == 1;
                }
                if (!go) return NORMAL;
                int c = first && path != null ? seek(m.body(), path, target) : exec(m.body());
                first = false;
                if (c == BREAK) return NORMAL;
                if (c == RETURN || c == GOTO) return c;
            }
        }

        int execSwitch(Stmt.Switch sw) {
            Value sel = eval(sw.selector());
            List<Stmt> labels = caseLabels(sw.body());
            Stmt target = pickCase(sel, labels, sw);
            if (target == null) return NORMAL;
            int c = seek(sw.body(), pathTo(sw.body(), target), target);
            return c == BREAK ? NORMAL : c;
        }

        private Stmt pickCase(Value sel, List<Stmt> labels, Stmt.Switch sw) {
            Stmt dflt = null;
            List<Stmt.Case> cases = new ArrayList<>();
            List<Value> lows = new ArrayList<>();
            List<Value> highs = new ArrayList<>();
            for (Stmt l : labels) {
                if (l instanceof Stmt.Default) {
                    if (dflt == null) dflt = l;
                } else if (l instanceof Stmt.Case c) {
                    cases.add(c);
                    lows.add(eval(c.value()));
                    highs.add(c.high() == null ? null : eval(c.high()));
                }
            }
            if (sel instanceof Value.Int s) {
                List<Integer> open = new ArrayList<>();
                for (int i = 0; i < cases.size(); i++) {
                    Value lo = lows.get(i), hi = highs.get(i);
                    if (lo instanceof Value.Int l && (hi == null || hi instanceof Value.Int)) {
                        long h = hi == null ? l.v() : ((Value.Int) hi).v();
                        if (s.v() >= l.v() && s.v() <= h) return cases.get(i);
                    } else {
                        open.add(i);
                    }
                }
                if (open.isEmpty()) return dflt;
                return chooseAmong(sel, cases, lows, highs, open, dflt, sw);
            }
            List<Integer> all = new ArrayList<>();
            Set<Long> ex = sel instanceof Value.Unknown u ? excluded.getOrDefault(u.name(), Set.of()) : Set.of();
            for (int i = 0; i < cases.size(); i++) {
                Value lo = lows.get(i);
                if (lo instanceof Value.Int l && highs.get(i) == null) {
                    if (ex.contains(l.v())) continue;
                    if (sel instanceof Value.Unknown u && !compatible(u, l.v())) continue;
                    if (sel instanceof Value.Ptr || sel instanceof Value.Table) continue;
                }
                all.add(i);
            }
            return chooseAmong(sel, cases, lows, highs, all, dflt, sw);
        }

        private Stmt chooseAmong(Value sel, List<Stmt.Case> cases, List<Value> lows, List<Value> highs,
                                 List<Integer> open, Stmt dflt, Stmt.Switch sw) {
            String name = sel.text();
            String[] shown = new String[open.size() + 1];
            for (int k = 0; k < open.size(); k++) {
                Stmt.Case c = cases.get(open.get(k));
                shown[k] = name + " = " + ExprText.of(c.value()) + (c.high() == null ? "" : " ... " + ExprText.of(c.high()));
            }
            shown[open.size()] = name + " matches no case";
            int pick = chooser.chooseValue(name, shown);
            record(name);
            if (pick < open.size()) {
                int i = open.get(pick);
                Value lo = lows.get(i);
                if (highs.get(i) == null && sel instanceof Value.Unknown u && lo instanceof Value.Int l) {
                    fixed.put(u.name(), l.v());
                } else if (highs.get(i) == null) {
                    decided.put(eqKey(sel, lo), true);
                }
                return cases.get(i);
            }
            for (int k = 0; k < open.size(); k++) {
                int i = open.get(k);
                Value lo = lows.get(i);
                if (highs.get(i) != null) continue;
                if (sel instanceof Value.Unknown u && lo instanceof Value.Int l) {
                    excluded.computeIfAbsent(u.name(), x -> new HashSet<>()).add(l.v());
                } else {
                    decided.put(eqKey(sel, lo), false);
                }
            }
            return dflt;
        }

        private void declare(VarDecl v) {
            Frame f = frame();
            boolean ptr = v.type() != null && v.type().pointerDepth() > 0;
            if (ptr) f.pointers.add(v.name());
            else f.pointers.remove(v.name());
            Value init;
            if (v.init() == null || v.init() instanceof Expr.InitList) {
                init = ptr ? new Value.Ptr(v.name()) : Value.Unknown.free(v.name());
            } else {
                init = eval(v.init());
            }
            f.locals.put(v.name(), asStored(f, v.name(), init, v.init()));
        }

        /** A pointer variable given an unknown value names the object it points to by its own name. */
        private Value asStored(Frame f, String var, Value v, Expr from) {
            Expr src = from;
            while (src instanceof Expr.Cast c) src = c.operand();
            if (f.pointers.contains(var) && (v instanceof Value.Unknown || (src instanceof Expr.Call && v instanceof Value.Ptr))) {
                return new Value.Ptr(var);
            }
            return v;
        }

        // ------------------------------------------------------------------ expressions

        Value eval(Expr e) {
            step();
            enter();
            try {
                Value v = evalInner(e);
                if (v instanceof Value.Unknown u && u.unknown() != 0 && !sources.containsKey(u.name())) {
                    sources.put(u.name(), new Source(e, frame().fn));
                }
                return v;
            } finally {
                nesting--;
            }
        }

        private Value evalInner(Expr e) {
            if (e instanceof Expr.IntConst c) {
                return new Value.Int(c.value());
            } else if (e instanceof Expr.CharConst c) {
                return new Value.Int(c.value());
            } else if (e instanceof Expr.Name n) {
                return name(n.id());
            } else if (e instanceof Expr.Call c) {
                return call(c, true);
            } else if (e instanceof Expr.Unary u) {
                return unary(u);
            } else if (e instanceof Expr.Binary b) {
                return binary(b);
            } else if (e instanceof Expr.Assign a) {
                return assign(a);
            } else if (e instanceof Expr.Conditional c) {
                Value cond = eval(c.cond());
                if (truth(cond)) return c.then() == null ? cond : eval(c.then());
                return eval(c.otherwise());
            } else if (e instanceof Expr.Comma c) {
                Value last = Value.Int.ZERO;
                for (Expr x : c.exprs()) last = eval(x);
                return last;
            } else if (e instanceof Expr.Cast c) {
                return eval(c.operand());
            } else if (e instanceof Expr.Member m && m.arrow()) {
                Value base = nonNull(eval(m.base()), m);
                if (base instanceof Value.Table) {
                    // The fields of poll_table, read directly instead of through the helpers.
                    if (m.member().equals("_key")) {
                        keyRead = true;
                        return new Value.Int(pt.key);
                    }
                    if (m.member().equals("_qproc")) {
                        qprocRead = true;
                        return pt.qprocSet() ? new Value.Ptr("_qproc") : Value.Int.ZERO;
                    }
                }
                return read(memberCell(base.text(), true, m.member()));
            } else if (e instanceof Expr.Member || e instanceof Expr.Index) {
                return read(lvalue(e));
            } else if (e instanceof Expr.StringConst s) {
                return new Value.Ptr(s.text());
            } else if (e instanceof Expr.StmtExpr se) {
                return stmtExpr(se);
            } else if (e instanceof Expr.Opaque o) {
                return resolve(Value.Unknown.free(o.text().strip()));
            } else if (e instanceof Expr.TypeArg t && frame().locals.containsKey(t.type().text())) {
                // A variable named like a type (`poll_table *poll_table`) that the parser read as a type.
                return frame().locals.get(t.type().text());
            }
            // FloatConst, TypeQuery, TypeArg, InitList, CompoundLiteral, LabelAddress
            return resolve(Value.Unknown.free(ExprText.of(e)));
        }

        private Value stmtExpr(Expr.StmtExpr se) {
            List<Stmt> items = se.block().items();
            Value last = Value.Unknown.free("({...})");
            for (int i = 0; i < items.size(); i++) {
                Stmt s = items.get(i);
                if (i == items.size() - 1 && s instanceof Stmt.ExprStmt x) {
                    return eval(x.expr());
                }
                int c = exec(s);
                if (c == RETURN || c == GOTO) throw new Escape(c);
                if (c != NORMAL) throw new Abort("break or continue out of a statement expression");
            }
            return last;
        }

        private Value name(String id) {
            Frame f = frame();
            Value v = f.locals.get(id);
            if (v != null) return v;
            if (id.equals("NULL") || id.equals("false")) return Value.Int.ZERO;
            if (id.equals("true")) return Value.Int.ONE;
            Long c = constant(id, f.file, 0);
            if (c != null) return new Value.Int(c);
            return read(id);
        }

        /** EPOLL and POLL constants, then object-like macros of the file built from constants. */
        private Long constant(String id, String file, int depth) {
            Long k = PollBits.value(id);
            if (k != null) return k;
            if (depth > 16) return null;
            String key = file + "\0" + id;
            if (macroCache.containsKey(key)) return macroCache.get(key);
            Map<String, MacroDef> ms = source.macros(file);
            MacroDef m = ms == null ? null : ms.get(id);
            Long v = null;
            if (m != null && !m.functionLike()) {
                v = ConstExpr.eval(m.body(), n -> n.equals(id) ? null : constant(n, file, depth + 1));
            }
            macroCache.put(key, v);
            return v;
        }

        /** A cell's value: what the function wrote, what a choice fixed, or a free value. */
        private Value read(String cell) {
            Value v = heap.get(cell);
            if (v != null) return v;
            return resolve(Value.Unknown.free(cell));
        }

        private Value resolve(Value.Unknown u) {
            Long f = fixed.get(u.name());
            return f != null ? new Value.Int(f) : u;
        }

        /** The canonical text of an lvalue ({@code opener->fh.wait}); {@code (&x)->m} is {@code x.m}. */
        private String lvalue(Expr e) {
            if (e instanceof Expr.Name n) {
                return n.id();
            } else if (e instanceof Expr.Member m) {
                return memberCell(m.arrow() ? nonNull(eval(m.base()), m).text() : lvalue(m.base()), m.arrow(), m.member());
            } else if (e instanceof Expr.Index i) {
                String base = i.base() instanceof Expr.Name || i.base() instanceof Expr.Member
                        ? lvalue(i.base()) : eval(i.base()).text();
                return base + "[" + eval(i.index()).text() + "]";
            } else if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.DEREF) {
                String p = nonNull(eval(u.operand()), u).text();
                return p.startsWith("&") && !p.contains(" ") ? p.substring(1) : "*" + p;
            } else if (e instanceof Expr.Cast c) {
                return lvalue(c.operand());
            }
            return eval(e).text();
        }

        private Value nonNull(Value v, Expr at) {
            if (v instanceof Value.Int i && i.v() == 0) {
                throw new Infeasible("NULL dereference at line " + at.span().line());
            }
            return v;
        }

        private String memberCell(String base, boolean arrow, String member) {
            if (arrow) {
                if (base.startsWith("&") && !base.contains(" ")) return base.substring(1) + "." + member;
                return base + "->" + member;
            }
            if (base.startsWith("*") && !base.contains(" ")) return base.substring(1) + "->" + member;
            return base + "." + member;
        }

        private void write(Expr target, Value v) {
            write(target, v, null);
        }

        private void write(Expr target, Value v, Expr from) {
            if (target instanceof Expr.Name n) {
                Frame f = frame();
                if (f.locals.containsKey(n.id())) {
                    f.locals.put(n.id(), asStored(f, n.id(), v, from));
                    return;
                }
                heap.put(n.id(), v);
                return;
            }
            if (target instanceof Expr.Cast c) {
                write(c.operand(), v, from);
                return;
            }
            String cell = lvalue(target);
            heap.put(cell, v);
            if (cell.endsWith("->_qproc") || cell.endsWith("->_key")) {
                notes.add("the function writes " + cell);
            }
        }

        private Value assign(Expr.Assign a) {
            Value v = eval(a.value());
            if (a.op() != null) {
                v = arith(a.op(), eval(a.target()), v);
            }
            write(a.target(), v, a.op() == null ? a.value() : null);
            return v;
        }

        private Value unary(Expr.Unary u) {
            switch (u.op()) {
                case NOT:
                    return Value.Int.of(!truth(eval(u.operand())));
                case NEG: {
                    Value v = eval(u.operand());
                    return v instanceof Value.Int i ? new Value.Int(-i.v()) : derived("-" + v.text());
                }
                case PLUS:
                case EXTENSION:
                    return eval(u.operand());
                case BIT_NOT: {
                    Value v = eval(u.operand());
                    if (v instanceof Value.Int i) return new Value.Int(~i.v());
                    if (v instanceof Value.Unknown x) {
                        long zeros = ~(x.ones() | x.unknown());
                        return resolve(new Value.Unknown("~" + x.name(), zeros, x.unknown()));
                    }
                    return derived("~" + v.text());
                }
                case ADDRESS: {
                    String cell = lvalue(u.operand());
                    if (cell.startsWith("*") && !cell.contains(" ")) return new Value.Ptr(cell.substring(1));
                    return new Value.Ptr("&" + cell);
                }
                case DEREF: {
                    Value p = nonNull(eval(u.operand()), u);
                    if (p instanceof Value.Table) return new Value.Ptr("*" + p.text());
                    String t = p.text();
                    return read(t.startsWith("&") && !t.contains(" ") ? t.substring(1) : "*" + t);
                }
                case PRE_INC:
                case PRE_DEC:
                case POST_INC:
                case POST_DEC: {
                    Value old = eval(u.operand());
                    boolean inc = u.op() == Expr.UnaryOp.PRE_INC || u.op() == Expr.UnaryOp.POST_INC;
                    Value nv = arith(inc ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB, old, Value.Int.ONE);
                    write(u.operand(), nv);
                    return u.op() == Expr.UnaryOp.PRE_INC || u.op() == Expr.UnaryOp.PRE_DEC ? nv : old;
                }
                default:
                    return resolve(Value.Unknown.free(ExprText.of(u)));
            }
        }

        private Value binary(Expr.Binary b) {
            switch (b.op()) {
                case AND:
                    return Value.Int.of(truth(eval(b.left())) && truth(eval(b.right())));
                case OR:
                    return Value.Int.of(truth(eval(b.left())) || truth(eval(b.right())));
                default: {
                    Value l = eval(b.left()), r = eval(b.right());
                    Expr saved = comparing;
                    comparing = b;
                    try {
                        return arith(b.op(), l, r);
                    } finally {
                        comparing = saved;
                    }
                }
            }
        }

        Value arith(Expr.BinaryOp op, Value a, Value b) {
            if (a instanceof Value.Int x && b instanceof Value.Int y) {
                long l = x.v(), r = y.v();
                switch (op) {
                    case MUL: return new Value.Int(l * r);
                    case DIV: return r == 0 ? derived("(" + a.text() + " / 0)") : new Value.Int(l / r);
                    case MOD: return r == 0 ? derived("(" + a.text() + " % 0)") : new Value.Int(l % r);
                    case ADD: return new Value.Int(l + r);
                    case SUB: return new Value.Int(l - r);
                    case SHL: return new Value.Int(l << (r & 63));
                    case SHR: return new Value.Int(l >> (r & 63));
                    case LT: return Value.Int.of(l < r);
                    case GT: return Value.Int.of(l > r);
                    case LE: return Value.Int.of(l <= r);
                    case GE: return Value.Int.of(l >= r);
                    case EQ: return Value.Int.of(l == r);
                    case NE: return Value.Int.of(l != r);
                    case BIT_AND: return new Value.Int(l & r);
                    case BIT_XOR: return new Value.Int(l ^ r);
                    case BIT_OR: return new Value.Int(l | r);
                    default: break;
                }
            }
            switch (op) {
                case EQ: return Value.Int.of(equal(a, b));
                case NE: return Value.Int.of(!equal(a, b));
                case LT: case GT: case LE: case GE: return Value.Int.of(relational(op, a, b));
                case BIT_AND: case BIT_OR: case BIT_XOR: return bits(op, a, b);
                default: break;
            }
            if ((op == Expr.BinaryOp.ADD || op == Expr.BinaryOp.SUB) && a instanceof Value.Ptr p) {
                return new Value.Ptr("(" + p.name() + " " + op.symbol + " " + b.text() + ")");
            }
            return derived("(" + a.text() + " " + op.symbol + " " + b.text() + ")");
        }

        private Value derived(String name) {
            return resolve(Value.Unknown.free(name));
        }

        /** Bitwise operators on known and unknown bits. */
        private Value bits(Expr.BinaryOp op, Value a, Value b) {
            long[] x = bitsOf(a), y = bitsOf(b);
            long ones, unknown;
            if (op == Expr.BinaryOp.BIT_AND) {
                ones = x[0] & y[0];
                long zeros = (~x[0] & ~x[1]) | (~y[0] & ~y[1]);
                unknown = ~ones & ~zeros;
            } else if (op == Expr.BinaryOp.BIT_OR) {
                ones = x[0] | y[0];
                long zeros = (~x[0] & ~x[1]) & (~y[0] & ~y[1]);
                unknown = ~ones & ~zeros;
            } else {
                unknown = x[1] | y[1];
                ones = (x[0] ^ y[0]) & ~unknown;
            }
            if (unknown == 0) return new Value.Int(ones);
            return resolve(new Value.Unknown("(" + a.text() + " " + op.symbol + " " + b.text() + ")", ones, unknown));
        }

        private long[] bitsOf(Value v) {
            if (v instanceof Value.Int i) return new long[] {i.v(), 0};
            if (v instanceof Value.Unknown u) return new long[] {u.ones() & ~u.unknown(), u.unknown()};
            return new long[] {0, -1L};
        }

        /** Whether an unknown value may equal {@code c} given its known bits. */
        private boolean compatible(Value.Unknown u, long c) {
            long ones = u.ones() & ~u.unknown();
            long zeros = ~(u.ones() | u.unknown());
            return (c & zeros) == 0 && (ones & ~c) == 0;
        }

        private String eqKey(Value a, Value b) {
            String x = a.text(), y = b.text();
            return x.compareTo(y) <= 0 ? x + " == " + y : y + " == " + x;
        }

        boolean equal(Value a, Value b) {
            if (a instanceof Value.Int && !(b instanceof Value.Int)) {
                Value t = a;
                a = b;
                b = t;
            }
            if ((a instanceof Value.Ptr || a instanceof Value.Table) && b instanceof Value.Int) {
                return false; // an address is never NULL nor a small integer
            }
            if ((a instanceof Value.Ptr || a instanceof Value.Table) && (b instanceof Value.Ptr || b instanceof Value.Table)
                    && a.text().equals(b.text())) {
                return true;
            }
            if (a instanceof Value.Unknown u && b instanceof Value.Int c) {
                if (!compatible(u, c.v())) return false;
                Set<Long> ex = excluded.get(u.name());
                if (ex != null && ex.contains(c.v())) return false;
                String w = why(u.name());
                String is = u.name() + " == " + c.text() + w, isNot = u.name() + " != " + c.text() + w;
                int pick = c.v() == 0 ? chooser.choose(u.name(), is, isNot) : chooser.chooseValue(u.name(), is, isNot);
                record(u.name());
                if (pick == 0) {
                    fixed.put(u.name(), c.v());
                    return true;
                }
                excluded.computeIfAbsent(u.name(), k -> new HashSet<>()).add(c.v());
                return false;
            }
            if (a.text().equals(b.text())) {
                return true;
            }
            String key = eqKey(a, b);
            Boolean d = decided.get(key);
            if (d != null) return d;
            int pick = chooser.choose(key, key, key.replace(" == ", " != "));
            record(key);
            noteSource(key);
            decided.put(key, pick == 0);
            return pick == 0;
        }

        private boolean relational(Expr.BinaryOp op, Value a, Value b) {
            String key = "(" + a.text() + " " + op.symbol + " " + b.text() + ")";
            Boolean d = decided.get(key);
            if (d != null) return d;
            int pick = chooser.choose(key, key.substring(1, key.length() - 1), "!" + key);
            record(key);
            noteSource(key);
            decided.put(key, pick == 0);
            return pick == 0;
        }

        boolean truth(Value v) {
            if (v instanceof Value.Int i) return i.v() != 0;
            if (v instanceof Value.Ptr || v instanceof Value.Table) return true;
            Value.Unknown u = (Value.Unknown) v;
            if ((u.ones() & ~u.unknown()) != 0) return true;
            if (u.unknown() == 0) return false;
            Set<Long> ex = excluded.get(u.name());
            if (ex != null && ex.contains(0L)) return true;
            String w = why(u.name());
            int pick = chooser.choose(u.name(), u.name() + " = 0" + w, u.name() + " != 0" + w);
            record(u.name());
            if (pick == 0) {
                fixed.put(u.name(), 0L);
                return false;
            }
            excluded.computeIfAbsent(u.name(), k -> new HashSet<>()).add(0L);
            return true;
        }

        private void record(String label) {
            if (recordLabels != null) recordLabels.add(label);
        }

        private void noteSource(String label) {
            if (comparing != null && !sources.containsKey(label)) sources.put(label, new Source(comparing, frame().fn));
        }

        /** " (free: no body)" after a choice of a call's result that was not interpreted, else "". */
        private String why(String name) {
            String w = freeWhy.get(name);
            return w == null ? "" : " (free: " + w + ")";
        }

        /** A named call's result that is not interpreted: a free value, and why, for the witness. */
        private Value freeCall(String fn, List<Value> args, String reason) {
            String name = callName(fn, args);
            if (reason != null) freeWhy.putIfAbsent(name, reason);
            return resolve(Value.Unknown.free(name));
        }

        // ------------------------------------------------------------------ calls

        /**
         * A call. A definition is interpreted when its value is used or it receives the poll_table; a
         * call made for its side effects only is a free call (its writes to the device are free values
         * anyway), which keeps helpers such as locking and timer upkeep from multiplying the paths.
         */
        private static final java.util.regex.Pattern WARN_SUFFIX = java.util.regex.Pattern.compile("(_ON)?(_ONCE)?(_SMP)?");

        /** {@code WARN_ON}, {@code BUG_ON}, {@code WARN_ON_ONCE}, {@code XFS_WARN_ON} ...: linear in the name's length. */
        private static boolean warnLike(String name) {
            for (String w : new String[] {"WARN", "BUG"}) {
                int at = name.lastIndexOf(w);
                if (at < 0 || at > 0 && name.charAt(at - 1) != '_') continue;
                String rest = name.substring(at + w.length());
                if (rest.length() <= 12 && WARN_SUFFIX.matcher(rest).matches()) return true;
            }
            return false;
        }

        private Value call(Expr.Call c, boolean used) {
            step();
            String fn = c.name();
            if (fn == null || frame().locals.containsKey(fn)) {
                // Through a function pointer (a field, or a local such as `poll = ops->poll; poll(f, pt)`).
                Value callee = c.callee() instanceof Expr.Unary u && u.op() == Expr.UnaryOp.DEREF
                        ? eval(u.operand()) : calleeValue(c.callee());
                List<Value> args = evalArgs(c);
                String text = callName(callee.text(), args);
                for (Value a : args) {
                    if (a instanceof Value.Table) {
                        // Forwarded to another poll method: it registers queues the model cannot name.
                        notes.add("the poll_table is passed to " + callee.text() + "(), a function pointer: "
                                + "its registrations are one unnamed queue");
                        registerOn(a, new Value.Ptr("<queues of " + text + ">"), c);
                    }
                }
                return resolve(Value.Unknown.free(text));
            }
            switch (fn) {
                case "poll_wait": {
                    List<Value> a = evalArgs(c);
                    if (a.size() == 3) registerOn(a.get(2), a.get(1), c);
                    return Value.Int.ZERO;
                }
                case "poll_requested_events": {
                    List<Value> a = evalArgs(c);
                    Value p = a.isEmpty() ? Value.Int.ZERO : a.get(0);
                    if (p instanceof Value.Table) {
                        keyRead = true;
                        return new Value.Int(PollTable.requestedEvents(pt));
                    }
                    if (p instanceof Value.Int i && i.v() == 0) return new Value.Int(PollTable.requestedEvents(null));
                    return resolve(Value.Unknown.free(callName(fn, a)));
                }
                case "poll_does_not_wait": {
                    List<Value> a = evalArgs(c);
                    Value p = a.isEmpty() ? Value.Int.ZERO : a.get(0);
                    if (p instanceof Value.Table) {
                        qprocRead = true;
                        return Value.Int.of(PollTable.doesNotWait(pt));
                    }
                    if (p instanceof Value.Int i && i.v() == 0) return Value.Int.ONE;
                    return resolve(Value.Unknown.free(callName(fn, a)));
                }
                case "likely":
                case "unlikely":
                case "READ_ONCE":
                case "data_race":
                case "__builtin_expect":
                    return c.args().isEmpty() ? Value.Int.ZERO : evalAll(c.args()).get(0);
                default:
                    if (warnLike(fn) && source.function(fn, frame().file) == null) {
                        // A WARN/BUG-style check that fires is a driver bug, not a scenario (the rules
                        // judge such checks benign): its argument is evaluated, the check holds.
                        evalArgs(c);
                        return Value.Int.ZERO;
                    }
                    break;
            }
            switch (fn) {
                case "WRITE_ONCE":
                    if (c.args().size() == 2) {
                        write(c.args().get(0), eval(c.args().get(1)));
                    }
                    return Value.Int.ZERO;
                default:
                    break;
            }
            HelperSemantics.Helper model = helpers.helper(fn);
            List<Value> args = evalArgs(c);
            boolean getsTable = false;
            for (Value a : args) getsTable |= a instanceof Value.Table;
            if (model != null && model.primitive()) {
                return applyModel(model, args, c);
            }
            // Looked up only now: a primitive model never needs the body, and a lookup may parse.
            TopLevel.Function def = source.function(fn, frame().file);
            boolean readable = def != null && def.body() != null && def.status() != ParseStatus.SKIPPED
                    && def.status() != ParseStatus.FAILED;
            if (readable && (used || getsTable)) {
                if (frames.size() > bounds.maxCallDepth()) {
                    notes.add("call depth bound (" + bounds.maxCallDepth() + ") reached at " + fn + "()");
                    tableToUnknown(fn, args, model);
                    return freeCall(fn, args, "call depth bound");
                }
                if (getsTable) {
                    return callDefined(def, c, args, false);
                }
                // A helper read for its value (a static predicate of the driver) runs within its own step
                // bound, so that correlated helpers stay correlated and a huge one costs little.
                int saved = helperStepLimit;
                helperStepLimit = Math.min(saved, steps + HELPER_STEPS);
                try {
                    return callDefined(def, c, args, false);
                } catch (HelperBound b) {
                    if (saved != Integer.MAX_VALUE && steps >= saved) throw b; // an outer helper's bound
                    notes.add(fn + "() not interpreted to its end: helper step bound (" + HELPER_STEPS + ") reached");
                    return freeCall(fn, args, "helper step bound");
                } finally {
                    helperStepLimit = saved;
                }
            }
            if (model != null) {
                return applyModel(model, args, c);
            }
            if (def == null) {
                Node expansion = source.macroExpansion(frame().file, c);
                if (expansion != null) {
                    return expand(c, expansion);
                }
            }
            tableToUnknown(fn, args, null);
            return freeCall(fn, args, def == null ? "no body" : readable ? null : "body not read");
        }

        /** A same-file macro invoked in a body: its expansion (the one the rules read) runs in place of the call. */
        private Value expand(Expr.Call c, Node expansion) {
            callSpans.push(c.span());
            try {
                if (expansion instanceof Expr e) {
                    return eval(e);
                }
                int code = exec((Stmt) expansion);
                if (code == RETURN || code == GOTO) throw new Escape(code);
                if (code != NORMAL) throw new Abort("break or continue out of the expansion of " + c.name() + "()");
                return Value.Int.ZERO;
            } finally {
                callSpans.pop();
            }
        }

        private Value calleeValue(Expr callee) {
            if (callee instanceof Expr.Member || callee instanceof Expr.Index) {
                return new Value.Ptr(lvalue(callee));
            }
            return eval(callee);
        }

        private void tableToUnknown(String fn, List<Value> args, HelperSemantics.Helper model) {
            if (model != null) return;
            for (Value a : args) {
                if (a instanceof Value.Table) {
                    notes.add("the poll_table is passed to " + fn + "(), which has neither a definition nor a model");
                }
            }
        }

        private Value applyModel(HelperSemantics.Helper m, List<Value> args, Expr.Call c) {
            Value table = m.ptArg() >= 1 && m.ptArg() <= args.size() ? args.get(m.ptArg() - 1) : null;
            if (table != null) {
                List<String> texts = new ArrayList<>();
                for (Value a : args) texts.add(a.text());
                for (String q : m.queues()) {
                    String name = q.equals("unknown") ? "<queue of " + callName(m.name(), args) + ">" : fill(q, texts);
                    registerOn(table, new Value.Ptr(name), c);
                }
            }
            String name = callName(m.name(), args);
            switch (m.returns()) {
                case PTCHECK:
                    qprocRead |= table instanceof Value.Table;
                    return Value.Int.of(!(table instanceof Value.Table) || PollTable.doesNotWait(pt));
                case EVENTS: {
                    keyRead |= table instanceof Value.Table;
                    long key = table instanceof Value.Table ? PollTable.requestedEvents(pt) : PollBits.ALL;
                    return resolve(new Value.Unknown(name, 0, key));
                }
                case MASK:
                    return resolve(new Value.Unknown(name, 0, PollBits.ALL));
                default:
                    return resolve(Value.Unknown.free(name));
            }
        }

        /** {@code poll_wait(file, queue, table)}: through the kernel model's table. */
        private void registerOn(Value table, Value queue, Expr.Call site) {
            if (!(table instanceof Value.Table)) {
                return; // NULL or some other table: not the kernel's
            }
            if (queue instanceof Value.Int i && i.v() == 0) {
                PollTable.pollWait(pt, null);
                return;
            }
            String name = queue.text().startsWith("<") ? queue.text() : canonicalQueue(queue.text());
            if (pt.qprocSet()) {
                List<Span> via = new ArrayList<>();
                for (var it = callSpans.descendingIterator(); it.hasNext(); ) via.add(it.next());
                via.add(site.span());
                registrations.add(new Registration(name, List.copyOf(via), chooser.count()));
            }
            PollTable.pollWait(pt, queues.get(name));
        }

        private List<Value> evalArgs(Expr.Call c) {
            return evalAll(c.args());
        }

        private List<Value> evalAll(List<Expr> es) {
            List<Value> out = new ArrayList<>(es.size());
            for (Expr e : es) out.add(eval(e));
            return out;
        }
    }

    /** {@code v4l2_event_pending(&opener->fh)}: the text of a call with its argument values. */
    static String callName(String fn, List<Value> args) {
        StringBuilder sb = new StringBuilder(fn).append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(args.get(i).text());
        }
        return sb.append(')').toString();
    }

    /** {@code (&x)->m} and {@code (&x).m} forms a template may produce, written as {@code x.m}. */
    private static final java.util.regex.Pattern ADDRESS_ARROW =
            java.util.regex.Pattern.compile("\\(&([A-Za-z_][A-Za-z_0-9>.\\-\\[\\]]*)\\)->");
    private static final java.util.regex.Pattern PARENTHESISED =
            java.util.regex.Pattern.compile("(?<![A-Za-z_0-9])\\(([A-Za-z_][A-Za-z_0-9>.\\-\\[\\]]*)\\)");

    static String canonicalQueue(String q) {
        String s = q.replace(" ", "");
        // Asked at every registration the interpreter meets: most spellings have nothing to rewrite.
        if (s.indexOf('(') < 0) return s;
        String prev;
        do {
            prev = s;
            s = ADDRESS_ARROW.matcher(s).replaceAll("$1.");
            s = PARENTHESISED.matcher(s).replaceAll("$1");
        } while (!s.equals(prev));
        return s;
    }

    private static String fill(String template, List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char ch = template.charAt(i);
            if (ch == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int j = i + 1;
                while (j < template.length() && Character.isDigit(template.charAt(j))) j++;
                int n = Integer.parseInt(template.substring(i + 1, j));
                String a = n >= 1 && n <= args.size() ? args.get(n - 1) : "?";
                boolean chained = j < template.length() && (template.startsWith("->", j) || template.charAt(j) == '.');
                sb.append(chained && !a.matches("[A-Za-z_][A-Za-z_0-9]*") ? "(" + a + ")" : a);
                i = j - 1;
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static boolean isLoopMacro(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.contains("for_each") || n.startsWith("for_") || n.contains("_for_") || n.contains("while");
    }

    /** The case and default labels of one switch body, not those of switches nested in it. */
    private List<Stmt> caseLabels(Stmt body) {
        return caseLabels.computeIfAbsent(body, b -> {
            List<Stmt> out = new ArrayList<>();
            Deque<Stmt> stack = new ArrayDeque<>();
            stack.push(b);
            while (!stack.isEmpty()) {
                Stmt s = stack.pop();
                if (s instanceof Stmt.Case || s instanceof Stmt.Default) out.add(s);
                if (s instanceof Stmt.Switch) continue;
                List<Node> kids = s.children();
                for (int i = kids.size() - 1; i >= 0; i--) {
                    if (kids.get(i) instanceof Stmt k) stack.push(k);
                }
            }
            return out;
        });
    }

    /** The statements from {@code root} down to {@code target} (both included). */
    private Set<Stmt> pathTo(Stmt root, Stmt target) {
        return paths.computeIfAbsent(root, r -> new IdentityHashMap<>()).computeIfAbsent(target, t -> {
            Map<Stmt, Stmt> parent = new IdentityHashMap<>();
            Deque<Stmt> stack = new ArrayDeque<>();
            stack.push(root);
            boolean found = false;
            while (!stack.isEmpty()) {
                Stmt s = stack.pop();
                if (s == t) {
                    found = true;
                    break;
                }
                for (Node k : s.children()) {
                    if (k instanceof Stmt ks) {
                        parent.put(ks, s);
                        stack.push(ks);
                    }
                }
            }
            Set<Stmt> path = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            if (!found) return path;
            for (Stmt s = t; s != null; s = parent.get(s)) path.add(s);
            return path;
        });
    }

    private Stmt label(TopLevel.Function fn, String name) {
        Stmt[] found = new Stmt[1];
        Deque<Stmt> stack = new ArrayDeque<>();
        stack.push(fn.body());
        while (!stack.isEmpty() && found[0] == null) {
            Stmt s = stack.pop();
            if (s instanceof Stmt.Labeled l && l.label().equals(name)) found[0] = s;
            for (Node k : s.children()) {
                if (k instanceof Stmt ks) stack.push(ks);
            }
        }
        return found[0];
    }

    /** A function's locals and what its {@code return} gave. */
    private static final class Frame {
        final String file;
        final Map<String, Value> locals = new HashMap<>();
        final Set<String> pointers = new HashSet<>();
        Value ret;
        String gotoLabel;

        final TopLevel.Function fn;

        Frame(TopLevel.Function fn) {
            this.fn = fn;
            this.file = fn.span() == null ? null : fn.span().file();
        }
    }
}
