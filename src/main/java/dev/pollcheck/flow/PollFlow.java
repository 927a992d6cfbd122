package dev.pollcheck.flow;

import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows a poll_table through a function and the helpers it is passed to, giving a memoized
 * {@link Summary} per (function, poll_table parameter, event-carrying parameters).
 *
 * <p>A call passing the poll_table registers when: it is {@code poll_wait} or another modelled
 * helper that registers ({@link HelperModels}; a tree definition replaces a non-primitive model);
 * it is a tree function whose own summary registers; it is a same-file macro whose expansion
 * calls a registering helper; or it is anything else (no definition, no model, an indirect call),
 * which is counted as an unconditional registration of an unknown queue (see {@link Registration.Via#UNKNOWN}).
 *
 * <p>Helper chains deeper than {@link #MAX_DEPTH} and recursive cycles are cut: the cut call
 * counts as an unknown registration. Not thread-safe: one instance per analysis run.
 */
public final class PollFlow {
    public static final int MAX_DEPTH = 12;
    private static final Pattern CALL = Pattern.compile("\\b([A-Za-z_]\\w*)\\s*\\(");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_]\\w*");
    private static final Pattern EVENT_CONST = Pattern.compile("E?POLL[A-Z_]+|DEFAULT_POLLMASK");

    private record Key(TopLevel.Function f, int pt, long ev) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.f == f && k.pt == pt && k.ev == ev;
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(f), pt, ev);
        }
    }

    private final Program program;
    private final HelperModels models;
    private final Map<Key, Summary> memo = new HashMap<>();
    private final Set<Key> inProgress = new HashSet<>();
    private final Map<TopLevel.Function, Cfg> cfgs = new IdentityHashMap<>();

    public PollFlow(Program program, HelperModels models) {
        this.program = program;
        this.models = models;
    }

    public Program program() {
        return program;
    }

    public HelperModels models() {
        return models;
    }

    /** The CFG of a function (built once). */
    public Cfg cfg(TopLevel.Function f) {
        return cfgs.computeIfAbsent(f, Cfg::build);
    }

    /** The summary of {@code f} following parameter {@code ptParam} (0-based; -1 for none). */
    public Summary summary(TopLevel.Function f, int ptParam) {
        return summary(f, ptParam, 0L, 0);
    }

    /** Null when the chain is cut (too deep or recursive): the caller treats the call as unknown. */
    Summary summary(TopLevel.Function f, int ptParam, long eventParams, int depth) {
        Key k = new Key(f, ptParam, eventParams);
        Summary s = memo.get(k);
        if (s != null) return s;
        if (depth > MAX_DEPTH || inProgress.contains(k)) return null;
        inProgress.add(k);
        try {
            s = compute(f, ptParam, eventParams, depth);
        } finally {
            inProgress.remove(k);
        }
        memo.put(k, s);
        return s;
    }

    /** Whether a function's body was read well enough to follow (not skipped, not failed). */
    public static boolean readable(TopLevel.Function f) {
        return f.status() == ParseStatus.PARSED || f.status() == ParseStatus.RECOVERED;
    }

    private Summary compute(TopLevel.Function f, int ptParam, long eventParams, int depth) {
        Cfg cfg = cfg(f);
        FunctionFlow flow = new FunctionFlow(this, f, cfg, ptParam, eventParams, depth);
        List<Registration> regs = new ArrayList<>();
        if (!flow.ptAliases().isEmpty()) {
            for (Expr.Call c : Ast.calls(f.body())) {
                Registration r = registration(flow, c, depth);
                if (r != null) regs.add(r);
            }
        }
        Summary.Registers reg = Summary.Registers.NEVER;
        if (!regs.isEmpty()) {
            reg = Summary.Registers.ALWAYS;
            for (Registration r : regs) {
                reg = worse(reg, conditionOf(r));
            }
        }
        boolean returnsEvents = false;
        for (int rn : cfg.returns()) {
            Stmt.Return ret = (Stmt.Return) cfg.node(rn).ast;
            if ((ret.value() != null && flow.readsEvents(ret.value())) || (ret.value() != null && flow.underEvents(rn))) {
                returnsEvents = true;
                break;
            }
        }
        Set<String> bits = new TreeSet<>();
        boolean reads = returnsEvents;
        for (Cfg.Node n : cfg.nodes()) {
            if (n.condition() != null && flow.isEventBranch(n.id)) {
                reads = true;
                Ast.walk(n.condition(), x -> {
                    if (x instanceof Expr.Name nm && EVENT_CONST.matcher(nm.id()).matches()) bits.add(nm.id());
                });
            }
        }
        if (!reads) {
            for (List<FunctionFlow.Store> l : storesOf(flow)) {
                for (FunctionFlow.Store st : l) {
                    if (st.value() != null && flow.readsEvents(st.value())) reads = true;
                }
            }
        }
        return new Summary(f, ptParam, eventParams, reg, List.copyOf(regs), reads, returnsEvents, bits, flow);
    }

    private static List<List<FunctionFlow.Store>> storesOf(FunctionFlow flow) {
        List<List<FunctionFlow.Store>> out = new ArrayList<>();
        for (String v : flow.eventVars()) out.add(flow.stores(v));
        return out;
    }

    private static Summary.Registers conditionOf(Registration r) {
        Summary.Registers own = Summary.Registers.ALWAYS;
        for (Skip s : r.skips()) {
            if (s.kind() == Skip.Kind.EVENTS) own = worse(own, Summary.Registers.EVENTS_DEPENDENT);
            else if (s.kind() == Skip.Kind.STATE) own = worse(own, Summary.Registers.STATE_DEPENDENT);
        }
        if (r.helper() != null) own = worse(own, r.helper().registers());
        if (r.model() != null && r.model().registers() == HelperModel.Registers.CONDITIONAL) {
            own = worse(own, Summary.Registers.STATE_DEPENDENT);
        }
        return own;
    }

    private static Summary.Registers worse(Summary.Registers a, Summary.Registers b) {
        if (a == Summary.Registers.NEVER) return b;
        if (b == Summary.Registers.NEVER) return a;
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** Judges one call: a registration on the followed poll_table, or null. */
    private Registration registration(FunctionFlow flow, Expr.Call c, int depth) {
        TopLevel.Function f = flow.function();
        String file = f.span().file();
        int ptArg = -1;
        long ev = 0;
        List<String> argText = new ArrayList<>(c.args().size());
        for (int i = 0; i < c.args().size(); i++) {
            argText.add(CText.of(c.args().get(i)));
            if (ptArg < 0 && flow.ptAliases().contains(CText.nameOf(c.args().get(i)))) ptArg = i;
            else if (i < 64 && flow.readsEvents(c.args().get(i))) ev |= 1L << i;
        }
        String name = c.name();
        int node = flow.cfg().nodeOf(c);
        if (name == null) {
            if (ptArg < 0 || hasStringLiteral(c)) return null;
            return make(flow, c, node, Registration.Via.UNKNOWN, CText.of(c.callee()), List.of("unknown"), null, null);
        }
        TopLevel.Function def = program.function(name, file);
        HelperModel model = models.get(name);
        if (model != null && (model.primitive() || def == null)) {
            if (model.registers() == HelperModel.Registers.NEVER) return null;
            if (ptArg < 0 || (model.ptArg() > 0 && ptArg != model.ptArg() - 1 && !isAlias(flow, c, model.ptArg() - 1))) {
                return null;
            }
            return make(flow, c, node, Registration.Via.MODEL, name, model.queuesFor(argText), null, model);
        }
        if (def != null) {
            if (ptArg < 0) return null;
            if (!readable(def)) {
                return make(flow, c, node, Registration.Via.UNKNOWN, name, List.of("unknown"), null, null);
            }
            Summary hs = summary(def, ptArg, ev, depth + 1);
            if (hs == null) {
                return make(flow, c, node, Registration.Via.UNKNOWN, name, List.of("unknown"), null, null);
            }
            if (!hs.registersAnything()) return null;
            Set<String> qs = new LinkedHashSet<>();
            for (Registration r : hs.registrations()) qs.addAll(r.queues());
            return make(flow, c, node, Registration.Via.TREE, name, List.copyOf(qs), hs, null);
        }
        String text = MacroText.expandCall(program, file, name, argText);
        if (text != null) {
            List<String> queues = registeringCallsIn(text, flow);
            if (!queues.isEmpty()) {
                return make(flow, c, node, Registration.Via.MACRO, name, queues, null, null);
            }
            // An expansion that never names the table (#define poll_wait_set_exclusive(x), with
            // nothing after it) cannot register: the table is dropped with the argument.
            if (!namesAnyAlias(text, flow)) return null;
        }
        if (ptArg < 0 || hasStringLiteral(c)) return null;
        return make(flow, c, node, Registration.Via.UNKNOWN, name, List.of("unknown"), null, null);
    }

    /**
     * A call with a string literal argument ({@code printk("%p", wait)}, {@code dev_dbg(...)}) is
     * logging: it only prints the poll_table's address.
     */
    private static boolean hasStringLiteral(Expr.Call c) {
        for (Expr a : c.args()) {
            if (CText.strip(a) instanceof Expr.StringConst) return true;
        }
        return false;
    }

    private static boolean isAlias(FunctionFlow flow, Expr.Call c, int idx) {
        return idx >= 0 && idx < c.args().size() && flow.ptAliases().contains(CText.nameOf(c.args().get(idx)));
    }

    /**
     * The queues registered by modelled calls in a macro's expansion that name the followed
     * poll_table: {@code #define WAIT_ON(q) poll_wait(file, q, wait)}.
     */
    private List<String> registeringCallsIn(String text, FunctionFlow flow) {
        List<String> out = new ArrayList<>();
        Matcher m = CALL.matcher(text);
        while (m.find()) {
            HelperModel h = models.get(m.group(1));
            if (h == null || h.registers() == HelperModel.Registers.NEVER) continue;
            List<String> args = MacroText.splitArgs(text, m.end());
            if (args == null) continue;
            int pi = h.ptArg() - 1;
            if (pi >= 0 && pi < args.size() && flow.ptAliases().contains(args.get(pi).strip())) {
                out.addAll(h.queuesFor(args.stream().map(PollFlow::unparen).toList()));
            }
        }
        return out;
    }

    private static boolean namesAnyAlias(String text, FunctionFlow flow) {
        Matcher m = IDENT.matcher(text);
        while (m.find()) {
            if (flow.ptAliases().contains(m.group())) return true;
        }
        return false;
    }

    /** {@code (&q)} as {@code &q}: macro arguments are usually parenthesised in the body. */
    static String unparen(String s) {
        String t = s.strip();
        while (t.length() >= 2 && t.charAt(0) == '(' && t.charAt(t.length() - 1) == ')') {
            int depth = 0;
            boolean wraps = true;
            for (int i = 0; i < t.length() - 1; i++) {
                if (t.charAt(i) == '(') depth++;
                else if (t.charAt(i) == ')') depth--;
                if (depth == 0) {
                    wraps = false;
                    break;
                }
            }
            if (!wraps) break;
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private Registration make(FunctionFlow flow, Expr.Call c, int node, Registration.Via via, String callee,
                              List<String> queues, Summary helper, HelperModel model) {
        return new Registration(c, flow.function(), node, via, callee, queues, helper, model, skips(flow, node));
    }

    /** The conditions that can skip node {@code r}, nearest first. */
    List<Skip> skips(FunctionFlow flow, int r) {
        if (r < 0) return List.of();
        // Calls sharing a node (several in one statement, or a cut-off deep nest) share their skips.
        return flow.skipCache.computeIfAbsent(r, k -> computeSkips(flow, k));
    }

    private List<Skip> computeSkips(FunctionFlow flow, int r) {
        Cfg cfg = flow.cfg();
        List<Skip> out = new ArrayList<>();
        boolean[] fromR = null;
        for (int[] d : cfg.transitiveControlDeps(r)) {
            int b = d[0];
            int dependent = d[1];
            Cfg.Node bn = cfg.node(b);
            Expr cond = bn.condition();
            if (cond == null || isConstant(cond)) continue;
            List<Integer> skipSide = new ArrayList<>();
            for (int i = 0; i < bn.successors().size(); i++) {
                int s = bn.successors().get(i);
                if (!cfg.postDominates(dependent, s)) skipSide.add(i);
            }
            if (skipSide.isEmpty()) continue;
            boolean onTrue = bn.kind == Cfg.Kind.BRANCH && skipSide.size() == 1 && skipSide.get(0) == 0;
            List<Stmt.Return> rets = new ArrayList<>();
            // Past the budget the returns stay unknown (falls off): the rules then judge conservatively.
            boolean fallsOff = cfg.exhausted();
            for (int i : cfg.exhausted() ? List.<Integer>of() : skipSide) {
                boolean[] reach = cfg.reachableAvoiding(bn.successors().get(i), r);
                for (int rn : cfg.returns()) {
                    if (reach[rn] && rets.size() < 64) {
                        Stmt.Return ret = (Stmt.Return) cfg.node(rn).ast;
                        if (!rets.contains(ret)) rets.add(ret);
                    }
                }
                if (reach[cfg.exit()]) {
                    for (int p : cfg.predecessors().get(cfg.exit())) {
                        if (reach[p] && cfg.node(p).kind != Cfg.Kind.RETURN) {
                            fallsOff = true;
                            break;
                        }
                    }
                }
            }
            rets.sort((x, y) -> Integer.compare(x.span().line(), y.span().line()));
            List<Stmt.Return> exits = new ArrayList<>();
            if (fromR == null && !rets.isEmpty()) fromR = cfg.reachableAvoiding(r, -1);
            for (Stmt.Return ret : rets) {
                int rn = cfg.nodeOf(ret);
                if (rn >= 0 && !fromR[rn]) exits.add(ret);
            }
            Skip.Kind kind;
            if (flow.isEventBranch(b)) kind = Skip.Kind.EVENTS;
            else if (bn.loopHead) kind = Skip.Kind.LOOP;
            else if (flow.isPtCheck(cond)) kind = Skip.Kind.PT_CHECK;
            else kind = Skip.Kind.STATE;
            out.add(new Skip(b, cond, CText.of(cond), kind, onTrue, List.copyOf(rets), List.copyOf(exits), fallsOff,
                    dependent == r, skipSide.stream().map(i -> bn.successors().get(i)).toList()));
        }
        return out;
    }

    private static boolean isConstant(Expr e) {
        Expr x = CText.strip(e);
        return x instanceof Expr.IntConst;
    }
}
