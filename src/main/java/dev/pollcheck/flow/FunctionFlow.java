package dev.pollcheck.flow;

import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Param;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TypeRef;
import dev.pollcheck.model.VarDecl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Facts about one function in one context: its CFG, the names aliasing its poll_table, the
 * variables derived from the requested events, and which branches read them.
 *
 * <p>The requested-events data flow is flow-insensitive over local names, with implicit flow: a
 * variable is derived when some assignment to it reads a derived value (assignments, casts, bit
 * and boolean operators, helper results that depend on the events) or when some assignment to it is
 * control dependent, transitively, on a condition that reads the events ({@code if (req & EPOLLPRI)
 * mask |= EPOLLPRI;} makes {@code mask} derived). Iterated to a fixed point.
 */
public final class FunctionFlow {
    /** One store to a local name: {@code value} is null for an unknown value (++, &x taken). */
    public record Store(String name, Expr value, Expr.BinaryOp op, int node) {
    }

    private final PollFlow owner;
    private final TopLevel.Function function;
    private final Cfg cfg;
    private final int depth;
    private final Set<String> params = new HashSet<>();
    private final Set<String> fileParams = new HashSet<>();
    private final Set<String> ptAliases = new HashSet<>();
    private final Set<String> eventVars = new HashSet<>();
    /** Whether some struct field (by its text) holds requested events. */
    private boolean memberEvents;
    private final Map<String, List<Store>> stores = new LinkedHashMap<>();
    private final Map<String, TypeRef> localTypes = new HashMap<>();
    private final boolean[] eventBranch;
    /** Per node: transitively control dependent on an event branch (any / one whose sides rejoin). */
    private boolean[] under;
    private boolean[] underRejoining;

    FunctionFlow(PollFlow owner, TopLevel.Function f, Cfg cfg, int ptParam, long eventParams, int depth) {
        this.owner = owner;
        this.function = f;
        this.cfg = cfg;
        this.depth = depth;
        List<Param> ps = f.params();
        for (int i = 0; i < ps.size(); i++) {
            String n = ps.get(i).name();
            if (n == null) continue;
            params.add(n);
            if (Shapes.isFile(ps.get(i).type())) fileParams.add(n);
            if (i == ptParam) ptAliases.add(n);
            if (i < 64 && (eventParams & (1L << i)) != 0) eventVars.add(n);
        }
        collectStores();
        // poll_table aliases: locals assigned only... any assignment from an alias makes an alias.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Store> l : stores.values()) {
                for (Store s : l) {
                    if (!ptAliases.contains(s.name()) && s.value() != null && s.op() == null
                            && ptAliases.contains(CText.nameOf(s.value()))) {
                        ptAliases.add(s.name());
                        changed = true;
                    }
                }
            }
        }
        eventBranch = new boolean[cfg.nodes().size()];
        propagateUnder();
        computeEvents();
    }

    private void collectStores() {
        Ast.walk(function.body(), n -> {
            if (n instanceof Expr.Assign a) {
                Expr t = CText.strip(a.target());
                if (t instanceof Expr.Name nm) {
                    add(new Store(nm.id(), a.value(), a.op(), cfg.nodeOf(a)));
                } else if (t instanceof Expr.Member m) {
                    // cl->want = poll_requested_events(wait): the field holds the requested events,
                    // by its text within this function (the same spelling read back).
                    add(new Store(CText.of(m), a.value(), a.op(), cfg.nodeOf(a)));
                }
            } else if (n instanceof Stmt.Decl d) {
                for (VarDecl v : d.decls()) {
                    if (v.name() == null) continue;
                    localTypes.put(v.name(), v.type());
                    if (v.init() != null) add(new Store(v.name(), v.init(), null, cfg.nodeOf(v)));
                }
            } else if (n instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS
                    && CText.strip(u.operand()) instanceof Expr.Name nm && !nm.id().isEmpty()) {
                // Its address escapes: a callee may store anything in it.
                add(new Store(nm.id(), null, null, cfg.nodeOf(u)));
            }
        });
    }

    private void add(Store s) {
        stores.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
    }

    private void computeEvents() {
        int rounds = 0;
        boolean changed = true;
        while (changed && rounds++ < 64) {
            changed = false;
            for (Cfg.Node n : cfg.nodes()) {
                Expr c = n.condition();
                if (c != null && !eventBranch[n.id] && readsEvents(c)) {
                    eventBranch[n.id] = true;
                    changed = true;
                }
            }
            propagateUnder();
            for (List<Store> l : stores.values()) {
                for (Store s : l) {
                    if (eventVars.contains(s.name()) || ptAliases.contains(s.name())) continue;
                    boolean derived = (s.value() != null && readsEvents(s.value())) || storedUnderEvents(s.node());
                    if (derived) {
                        eventVars.add(s.name());
                        if (s.name().contains("->") || s.name().contains(".")) memberEvents = true;
                        changed = true;
                    }
                }
            }
        }
    }

    /** Both "under" arrays in one pass per change, to a fixed point over the control dependences. */
    private void propagateUnder() {
        int n = cfg.nodes().size();
        under = new boolean[n];
        underRejoining = new boolean[n];
        boolean changed = true;
        int rounds = 0;
        while (changed && rounds++ < n + 1) {
            changed = false;
            for (int i = 0; i < n; i++) {
                if ((i & 0xFF) == 0) TimeBound.check();
                for (int b : cfg.controlDeps(i)) {
                    if (!under[i] && (eventBranch[b] || under[b])) {
                        under[i] = true;
                        changed = true;
                    }
                    boolean rejoins = eventBranch[b] && rejoins(b);
                    if (!underRejoining[i] && (rejoins || underRejoining[b])) {
                        underRejoining[i] = true;
                        changed = true;
                    }
                }
            }
        }
    }

    private final Map<Integer, Boolean> rejoinCache = new HashMap<>();
    /**
     * Scratch memo for later stages judging this function's skips (the rules): registrations that
     * share a node share their skips, so a judgement keyed by skip can be reused. Not thread-safe,
     * like the rest of one analysis run.
     */
    public final Map<Object, Object> memo = new HashMap<>();
    /** Skips per registration node, filled by {@link PollFlow}. */
    final Map<Integer, List<Skip>> skipCache = new HashMap<>();

    /**
     * Whether the sides of a branch meet again before the exit (some node other than the exit is
     * reachable from two of its successors). {@code if (!(req & EPOLLIN)) return 0;} does not: its
     * early-return side only reaches the exit.
     */
    private boolean rejoins(int b) {
        if (cfg.exhausted()) return true; // conservative: more implicit flow, never less
        return rejoinCache.computeIfAbsent(b, k -> {
            List<Integer> succ = cfg.node(k).successors();
            int[] count = new int[cfg.nodes().size()];
            for (int s : new java.util.LinkedHashSet<>(succ)) {
                boolean[] r = cfg.reachableAvoiding(s, -1);
                for (int i = 0; i < r.length; i++) {
                    if (r[i] && i != cfg.exit() && ++count[i] >= 2) return true;
                }
            }
            return false;
        });
    }

    /** Whether node {@code n} is control dependent, transitively, on a branch that reads the events. */
    public boolean underEvents(int n) {
        return n >= 0 && under != null && under[n];
    }

    /**
     * Implicit flow into a store: it is control dependent on an event branch whose sides meet again
     * before the exit. A branch whose other side only returns ({@code if (!(req & EPOLLIN)) return 0;})
     * does not make later stores event-dependent: where they run, the branch went one way only.
     */
    private boolean storedUnderEvents(int n) {
        return n >= 0 && underRejoining != null && underRejoining[n];
    }

    /** Whether the branch or switch node reads the requested events. */
    public boolean isEventBranch(int node) {
        return eventBranch[node];
    }

    /** Whether {@code e} reads the requested events or a value derived from them. */
    public boolean readsEvents(Expr e) {
        if (e == null) return false;
        boolean[] hit = new boolean[1];
        Ast.walk(e, x -> {
            if (hit[0]) return;
            if (x instanceof Expr.Name n && eventVars.contains(n.id())) {
                hit[0] = true;
            } else if (x instanceof Expr.Member m && m.member().equals("_key")) {
                hit[0] = true;
            } else if (x instanceof Expr.Member m && memberEvents && eventVars.contains(CText.of(m))) {
                hit[0] = true;
            } else if (x instanceof Expr.Call c && callReturnsEvents(c)) {
                hit[0] = true;
            } else if (x instanceof Expr.Opaque o && mentionsAny(o.text(), eventVars)) {
                hit[0] = true;
            }
        });
        return hit[0];
    }

    private boolean callReturnsEvents(Expr.Call c) {
        String name = c.name();
        if (name == null) return false;
        TopLevel.Function def = owner.program().function(name, function.span().file());
        HelperModel m = owner.models().get(name);
        if (m != null && (m.primitive() || def == null)) {
            return m.returns() == HelperModel.Returns.EVENTS;
        }
        if (def == null) return false;
        int pt = -1;
        long ev = 0;
        for (int i = 0; i < c.args().size(); i++) {
            if (pt < 0 && ptAliases.contains(CText.nameOf(c.args().get(i)))) pt = i;
            else if (i < 64 && readsEventsShallow(c.args().get(i))) ev |= 1L << i;
        }
        if (pt < 0 && ev == 0) return false;
        Summary s = owner.summary(def, pt, ev, depth + 1);
        return s != null && s.returnsEvents();
    }

    /** Argument check without following calls again (keeps helper analysis bounded). */
    private boolean readsEventsShallow(Expr e) {
        boolean[] hit = new boolean[1];
        Ast.walk(e, x -> {
            if (x instanceof Expr.Name n && eventVars.contains(n.id())) hit[0] = true;
            else if (x instanceof Expr.Member m && m.member().equals("_key")) hit[0] = true;
            else if (x instanceof Expr.Call c && c.name() != null) {
                HelperModel m = owner.models().get(c.name());
                if (m != null && m.returns() == HelperModel.Returns.EVENTS) hit[0] = true;
            }
        });
        return hit[0];
    }

    static boolean mentionsAny(String text, Set<String> names) {
        for (String w : text.split("[^A-Za-z0-9_]+")) {
            if (names.contains(w)) return true;
        }
        return false;
    }

    /**
     * Whether a condition tests only the poll_table or file pointer itself: {@code wait},
     * {@code !pt}, {@code wait == NULL}, {@code poll_does_not_wait(wait)}, {@code wait->_qproc}.
     */
    public boolean isPtCheck(Expr cond) {
        boolean[] ok = {true};
        boolean[] saw = {false};
        Predicate<String> ptOrFile = n -> ptAliases.contains(n) || fileParams.contains(n);
        Ast.walk(cond, x -> {
            if (!ok[0]) return;
            if (x instanceof Expr.TypeArg t && ptOrFile.test(t.type().text())) {
                saw[0] = true;
            } else if (x instanceof Expr.Name n) {
                if (ptOrFile.test(n.id())) saw[0] = true;
                else if (!n.id().equals("NULL") && !isWrapper(n.id()) && !isPtCheckCallee(n.id())) ok[0] = false;
            } else if (x instanceof Expr.Member m) {
                if (!(ptAliases.contains(CText.nameOf(m.base())) && m.member().equals("_qproc"))) {
                    ok[0] = false;
                }
            } else if (x instanceof Expr.Call c) {
                if (c.name() == null || !(isWrapper(c.name()) || isPtCheckCallee(c.name()))) ok[0] = false;
            } else if (x instanceof Expr.IntConst i) {
                if (i.value() != 0) ok[0] = false;
            } else if (x instanceof Expr.Unary u) {
                if (u.op() != Expr.UnaryOp.NOT) ok[0] = false;
            } else if (x instanceof Expr.Binary b) {
                if (b.op() != Expr.BinaryOp.EQ && b.op() != Expr.BinaryOp.NE) ok[0] = false;
            } else if (!(x instanceof Expr.Cast)) {
                ok[0] = false;
            }
        });
        return ok[0] && saw[0];
    }

    private static boolean isWrapper(String name) {
        return name.equals("likely") || name.equals("unlikely");
    }

    private boolean isPtCheckCallee(String name) {
        HelperModel m = owner.models().get(name);
        return m != null && m.returns() == HelperModel.Returns.PTCHECK;
    }

    public TopLevel.Function function() {
        return function;
    }

    public Cfg cfg() {
        return cfg;
    }

    public Set<String> ptAliases() {
        return Collections.unmodifiableSet(ptAliases);
    }

    public Set<String> eventVars() {
        return Collections.unmodifiableSet(eventVars);
    }

    public Set<String> params() {
        return Collections.unmodifiableSet(params);
    }

    public Set<String> fileParams() {
        return Collections.unmodifiableSet(fileParams);
    }

    /** Every store to a local name, in source order. */
    public List<Store> stores(String name) {
        List<Store> l = stores.get(name);
        return l == null ? List.of() : Collections.unmodifiableList(l);
    }

    /** The declared type of a local, or null for a parameter or unknown name. */
    public TypeRef localType(String name) {
        return localTypes.get(name);
    }

    int depth() {
        return depth;
    }
}
