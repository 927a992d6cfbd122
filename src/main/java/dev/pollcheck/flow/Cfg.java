package dev.pollcheck.flow;

import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.VarDecl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The control-flow graph of one function, with post-dominators and control dependence.
 *
 * <p>Nodes are statements and atomic conditions: {@code if (a && !b)} gives two {@link Kind#BRANCH}
 * nodes, one per operand, so a condition names exactly what skips a registration. Short circuits,
 * {@code ?:} and comma at the top of an expression statement, a return value or a condition are
 * split the same way; statement expressions are split into their statements. A branch node's
 * successor 0 is its true side, successor 1 its false side; a switch node has one successor per
 * case label (and the exit when there is no default).
 *
 * <p>Macro statements ({@link Stmt.MacroStmt}) are loops (a {@code list_for_each_entry} head is a
 * loop-head branch) except scope macros: {@code scoped_guard(...)} and other {@code scoped_*} run
 * their body once, {@code scoped_cond_guard(...)} runs it when the guard is taken (a branch).
 *
 * <p>Nesting deeper than {@link #MAX_DEPTH} is kept as one statement node, so hostile input cannot
 * overflow the stack.
 */
public final class Cfg {
    static final int MAX_DEPTH = 400;
    /** Transitive control dependences followed per node, nearest first. */
    static final int MAX_DEPS = 256;
    /**
     * Node visits allowed for reachability questions on one function. Past it, callers give up on
     * the details that need reachability (which returns a skip reaches) and judge conservatively;
     * real functions stay far below it, hostile ones (10,000 else-if arms, each registering) do not.
     */
    public static final long BUDGET = 20_000_000L;
    private long work;

    public enum Kind { ENTRY, EXIT, STMT, BRANCH, SWITCH, RETURN, JOIN }

    /** One node; {@code ast} is what it evaluates (a statement, a condition, a switch selector). */
    public static final class Node {
        public final int id;
        public final Kind kind;
        public final dev.pollcheck.model.Node ast;
        /** A loop's condition (while/for/do head, iterator macro): taking the false side leaves the loop. */
        public final boolean loopHead;
        final List<Integer> succ = new ArrayList<>(2);

        Node(int id, Kind kind, dev.pollcheck.model.Node ast, boolean loopHead) {
            this.id = id;
            this.kind = kind;
            this.ast = ast;
            this.loopHead = loopHead;
        }

        public List<Integer> successors() {
            return Collections.unmodifiableList(succ);
        }

        /** The condition of a branch or switch node, else null. */
        public Expr condition() {
            return (kind == Kind.BRANCH || kind == Kind.SWITCH) && ast instanceof Expr e ? e : null;
        }

        public Span span() {
            return ast == null ? null : ast.span();
        }

        @Override
        public String toString() {
            return id + ":" + kind + (ast == null ? "" : "@" + ast.span().line()) + "->" + succ;
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Map<dev.pollcheck.model.Node, Integer> nodeOf = new IdentityHashMap<>();
    private final Map<VarDecl, Integer> declNode = new IdentityHashMap<>();
    private final List<Integer> returns = new ArrayList<>();
    private int entry;
    private int exit;
    private int[] ipdom;
    private List<List<Integer>> cd;
    private List<List<Integer>> preds;

    private Cfg() {
    }

    public static Cfg build(TopLevel.Function f) {
        Cfg g = new Cfg();
        new Builder(g).function(f);
        g.postDominators();
        g.controlDependence();
        return g;
    }

    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    public int entry() {
        return entry;
    }

    public int exit() {
        return exit;
    }

    /** The return nodes, in source order. */
    public List<Integer> returns() {
        return Collections.unmodifiableList(returns);
    }

    /** The node evaluating a call, an assignment, a condition or a statement; -1 if none (dead macro text). */
    public int nodeOf(dev.pollcheck.model.Node n) {
        Integer i = nodeOf.get(n);
        return i == null ? -1 : i;
    }

    public int nodeOf(VarDecl d) {
        Integer i = declNode.get(d);
        return i == null ? -1 : i;
    }

    /** Immediate post-dominator; the exit's is itself. */
    public int ipdom(int n) {
        return ipdom[n];
    }

    /** Whether {@code a} post-dominates {@code b} (every path from b to the exit passes a). */
    public boolean postDominates(int a, int b) {
        int x = b;
        while (true) {
            if (x == a) return true;
            if (++work > BUDGET) return false;
            int p = ipdom[x];
            if (p == x || p < 0) return false;
            x = p;
        }
    }

    /** The branch and switch nodes {@code n} is directly control dependent on. */
    public List<Integer> controlDeps(int n) {
        return cd.get(n);
    }

    /**
     * The control dependences of {@code n} followed transitively, nearest first (at most
     * {@link #MAX_DEPS}), each with the node that depends on it (so the skipping side of the branch
     * can be found).
     */
    public List<int[]> transitiveControlDeps(int n) {
        List<int[]> out = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        Deque<Integer> q = new ArrayDeque<>();
        q.add(n);
        seen.add(n);
        while (!q.isEmpty() && out.size() < MAX_DEPS) {
            int x = q.poll();
            for (int b : cd.get(x)) {
                if (seen.add(b)) {
                    out.add(new int[] {b, x});
                    q.add(b);
                    if (out.size() >= MAX_DEPS) break;
                }
            }
        }
        return out;
    }

    /** Whether the reachability budget of this function is spent (see {@link #BUDGET}). */
    public boolean exhausted() {
        return work > BUDGET;
    }

    /** Nodes reachable from {@code from} without passing through {@code avoid} (-1: avoid nothing). */
    public boolean[] reachableAvoiding(int from, int avoid) {
        boolean[] blocked = new boolean[nodes.size()];
        if (avoid >= 0) {
            blocked[avoid] = true;
        }
        return reachableAvoiding(from, blocked);
    }

    /** Nodes reachable from {@code from} without entering any node marked in {@code avoid}. */
    public boolean[] reachableAvoiding(int from, boolean[] avoid) {
        boolean[] seen = new boolean[nodes.size()];
        if (avoid[from]) return seen;
        Deque<Integer> st = new ArrayDeque<>();
        st.push(from);
        seen[from] = true;
        while (!st.isEmpty()) {
            int x = st.pop();
            if ((++work & 0x3FF) == 0) TimeBound.check();
            for (int s : nodes.get(x).succ) {
                if (s >= 0 && !avoid[s] && !seen[s]) {
                    seen[s] = true;
                    st.push(s);
                }
            }
        }
        return seen;
    }

    /** Predecessor lists, built once. */
    public List<List<Integer>> predecessors() {
        if (preds == null) {
            List<List<Integer>> p = new ArrayList<>(nodes.size());
            for (int i = 0; i < nodes.size(); i++) p.add(new ArrayList<>(2));
            for (Node x : nodes) {
                for (int s : x.succ) if (s >= 0) p.get(s).add(x.id);
            }
            preds = p;
        }
        return preds;
    }

    /** Nodes from which {@code target} can be reached. */
    public boolean[] canReach(int target) {
        predecessors();
        boolean[] seen = new boolean[nodes.size()];
        Deque<Integer> st = new ArrayDeque<>();
        st.push(target);
        seen[target] = true;
        while (!st.isEmpty()) {
            int x = st.pop();
            if ((++work & 0x3FF) == 0) TimeBound.check();
            for (int p : preds.get(x)) {
                if (!seen[p]) {
                    seen[p] = true;
                    st.push(p);
                }
            }
        }
        return seen;
    }

    /** Whether {@code to} can be reached from {@code from}. */
    public boolean reaches(int from, int to) {
        return reachableAvoiding(from, -1)[to];
    }

    // ---------------------------------------------------------------- post-dominators (Cooper, Harvey, Kennedy on the reverse graph)

    private void postDominators() {
        int n = nodes.size();
        List<List<Integer>> preds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) preds.add(new ArrayList<>());
        for (Node x : nodes) {
            for (int s : x.succ) {
                if (s >= 0) preds.get(s).add(x.id);
            }
        }
        // Nodes that cannot reach the exit (endless loops) get a virtual edge to it, for this computation only.
        List<List<Integer>> rsucc = new ArrayList<>(n); // successors in the reverse graph = predecessors
        List<List<Integer>> rpred = new ArrayList<>(n); // predecessors in the reverse graph = successors
        for (int i = 0; i < n; i++) {
            rsucc.add(new ArrayList<>(preds.get(i)));
            List<Integer> l = new ArrayList<>();
            for (int s : nodes.get(i).succ) if (s >= 0) l.add(s);
            rpred.add(l);
        }
        boolean[] reach = reverseReach(rsucc);
        for (int i = 0; i < n; i++) {
            if (!reach[i]) {
                rsucc.get(exit).add(i);
                rpred.get(i).add(exit);
            }
        }
        // Reverse postorder of the reverse graph from the exit.
        int[] order = new int[n];
        int[] rpo = new int[n];
        java.util.Arrays.fill(rpo, -1);
        int count = 0;
        int[] it = new int[n];
        boolean[] vis = new boolean[n];
        Deque<Integer> st = new ArrayDeque<>();
        st.push(exit);
        vis[exit] = true;
        List<Integer> post = new ArrayList<>(n);
        while (!st.isEmpty()) {
            int x = st.peek();
            List<Integer> ss = rsucc.get(x);
            if (it[x] < ss.size()) {
                int y = ss.get(it[x]++);
                if (!vis[y]) {
                    vis[y] = true;
                    st.push(y);
                }
            } else {
                st.pop();
                post.add(x);
            }
        }
        for (int i = post.size() - 1; i >= 0; i--) {
            order[count] = post.get(i);
            rpo[post.get(i)] = count++;
        }
        ipdom = new int[n];
        java.util.Arrays.fill(ipdom, -1);
        ipdom[exit] = exit;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int k = 1; k < count; k++) {
                int b = order[k];
                int idom = -1;
                for (int p : rpred.get(b)) {
                    if (ipdom[p] < 0) continue;
                    idom = idom < 0 ? p : intersect(p, idom, rpo);
                }
                if (idom >= 0 && ipdom[b] != idom) {
                    ipdom[b] = idom;
                    changed = true;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (ipdom[i] < 0) ipdom[i] = exit;
        }
    }

    private int intersect(int a, int b, int[] rpo) {
        while (a != b) {
            while (rpo[a] > rpo[b]) a = ipdom[a];
            while (rpo[b] > rpo[a]) b = ipdom[b];
        }
        return a;
    }

    private boolean[] reverseReach(List<List<Integer>> rsucc) {
        boolean[] seen = new boolean[nodes.size()];
        Deque<Integer> st = new ArrayDeque<>();
        st.push(exit);
        seen[exit] = true;
        while (!st.isEmpty()) {
            int x = st.pop();
            for (int y : rsucc.get(x)) {
                if (!seen[y]) {
                    seen[y] = true;
                    st.push(y);
                }
            }
        }
        return seen;
    }

    /** Ferrante-Ottenstein-Warren: for each edge a->b of a branch, the post-dominator path from b up to ipdom(a). */
    private void controlDependence() {
        int n = nodes.size();
        cd = new ArrayList<>(n);
        for (int i = 0; i < n; i++) cd.add(new ArrayList<>(1));
        for (Node a : nodes) {
            if (a.kind != Kind.BRANCH && a.kind != Kind.SWITCH) continue;
            int stop = ipdom[a.id];
            for (int b : a.succ) {
                if (b < 0) continue;
                int runner = b;
                int guard = 0;
                while (runner != stop && runner != exit && guard++ < n) {
                    List<Integer> l = cd.get(runner);
                    if (l.isEmpty() || l.get(l.size() - 1) != a.id) {
                        if (!l.contains(a.id)) l.add(a.id);
                    }
                    runner = ipdom[runner];
                }
            }
        }
    }

    // ---------------------------------------------------------------- construction

    /** Builds the graph forward; an open end is a (node, successor slot) waiting for its target. */
    private static final class Builder {
        private final Cfg g;
        private final Map<String, Integer> labels = new HashMap<>();
        private final Deque<List<long[]>> breaks = new ArrayDeque<>();
        private final Deque<List<long[]>> continues = new ArrayDeque<>();
        private final Deque<SwitchCtx> switches = new ArrayDeque<>();
        private int depth;

        private static final class SwitchCtx {
            final int node;
            boolean hasDefault;

            SwitchCtx(int node) {
                this.node = node;
            }
        }

        Builder(Cfg g) {
            this.g = g;
        }

        private int add(Kind k, dev.pollcheck.model.Node ast, boolean loopHead, int slots) {
            Node n = new Node(g.nodes.size(), k, ast, loopHead);
            for (int i = 0; i < slots; i++) n.succ.add(-1);
            g.nodes.add(n);
            return n.id;
        }

        /**
         * {@code break} or {@code continue}: a node whose one edge waits on the innermost enclosing
         * {@code targets} list (filled in when the loop or switch closes), or goes to the exit when
         * there is none (a stray jump in recovered code).
         */
        private List<long[]> jump(Stmt s, List<long[]> in, Deque<List<long[]>> targets) {
            int id = add(Kind.STMT, s, false, 1);
            connect(in, id);
            g.nodeOf.put(s, id);
            if (targets.isEmpty()) {
                g.nodes.get(id).succ.set(0, g.exit);
            } else {
                targets.peek().add(new long[] {id, 0});
            }
            return new ArrayList<>();
        }

        private static List<long[]> end(int node, int slot) {
            List<long[]> l = new ArrayList<>(1);
            l.add(new long[] {node, slot});
            return l;
        }

        private void connect(List<long[]> ends, int target) {
            for (long[] e : ends) {
                g.nodes.get((int) e[0]).succ.set((int) e[1], target);
            }
        }

        private int label(String name) {
            return labels.computeIfAbsent(name, k -> add(Kind.JOIN, null, false, 1));
        }

        void function(TopLevel.Function f) {
            g.entry = add(Kind.ENTRY, null, false, 1);
            g.exit = add(Kind.EXIT, null, false, 0);
            List<long[]> out = stmt(f.body(), end(g.entry, 0));
            connect(out, g.exit);
            // Labels never defined (goto into dead macro text) and dangling slots go to the exit.
            for (Node n : g.nodes) {
                for (int i = 0; i < n.succ.size(); i++) {
                    if (n.succ.get(i) < 0) n.succ.set(i, g.exit);
                }
            }
        }

        /** A plain node evaluating {@code ast}; every call, assignment and declarator in it maps to it. */
        private List<long[]> simple(dev.pollcheck.model.Node ast, List<long[]> in) {
            int id = add(Kind.STMT, ast, false, 1);
            connect(in, id);
            mapAll(ast, id);
            return end(id, 0);
        }

        private void mapAll(dev.pollcheck.model.Node ast, int id) {
            Ast.walk(ast, x -> {
                if (x instanceof Expr.Call || x instanceof Expr.Assign || x instanceof Stmt) {
                    g.nodeOf.putIfAbsent(x, id);
                }
                if (x instanceof Stmt.Decl d) {
                    for (VarDecl v : d.decls()) g.declNode.putIfAbsent(v, id);
                }
            });
        }

        List<long[]> stmt(Stmt s, List<long[]> in) {
            if (s == null) return in;
            if (++depth > MAX_DEPTH) {
                depth--;
                return simple(s, in);
            }
            try {
                return stmtInner(s, in);
            } finally {
                depth--;
            }
        }

        private List<long[]> stmtInner(Stmt s, List<long[]> in) {
            if (s instanceof Stmt.Block b) {
                List<long[]> cur = in;
                for (Stmt x : b.items()) cur = stmt(x, cur);
                return cur;
            }
            if (s instanceof Stmt.ExprStmt e) {
                return expr(e.expr(), in);
            }
            if (s instanceof Stmt.Decl d) {
                List<long[]> cur = in;
                for (VarDecl v : d.decls()) {
                    if (v.init() != null && splittable(v.init())) {
                        cur = expr(v.init(), cur);
                    }
                }
                int id = add(Kind.STMT, d, false, 1);
                connect(cur, id);
                mapAll(d, id);
                return end(id, 0);
            }
            if (s instanceof Stmt.If i) {
                List<long[]>[] tf = cond(i.cond(), in, false);
                List<long[]> t = stmt(i.then(), tf[0]);
                List<long[]> f = i.otherwise() == null ? tf[1] : stmt(i.otherwise(), tf[1]);
                List<long[]> out = new ArrayList<>(t);
                out.addAll(f);
                return out;
            }
            if (s instanceof Stmt.While w) {
                int head = add(Kind.JOIN, null, false, 1);
                connect(in, head);
                List<long[]>[] tf = cond(w.cond(), end(head, 0), true);
                return loopBody(w.body(), tf[0], tf[1], head, head);
            }
            if (s instanceof Stmt.DoWhile d) {
                int top = add(Kind.JOIN, null, false, 1);
                connect(in, top);
                int contTarget = add(Kind.JOIN, null, false, 1);
                breaks.push(new ArrayList<>());
                continues.push(new ArrayList<>());
                List<long[]> bodyEnd = stmt(d.body(), end(top, 0));
                List<long[]> brk = breaks.pop();
                connect(continues.pop(), contTarget);
                connect(bodyEnd, contTarget);
                List<long[]>[] tf = cond(d.cond(), end(contTarget, 0), true);
                connect(tf[0], top);
                List<long[]> out = new ArrayList<>(tf[1]);
                out.addAll(brk);
                return out;
            }
            if (s instanceof Stmt.For f) {
                List<long[]> cur = f.init() == null ? in : stmt(f.init(), in);
                int head = add(Kind.JOIN, null, false, 1);
                connect(cur, head);
                List<long[]> t;
                List<long[]> fl;
                if (f.cond() == null) {
                    t = end(head, 0);
                    fl = new ArrayList<>();
                } else {
                    List<long[]>[] tf = cond(f.cond(), end(head, 0), true);
                    t = tf[0];
                    fl = tf[1];
                }
                int step = add(Kind.JOIN, null, false, 1);
                List<long[]> stepEnd = f.step() == null ? end(step, 0) : expr(f.step(), end(step, 0));
                connect(stepEnd, head);
                return loopBody(f.body(), t, fl, head, step);
            }
            if (s instanceof Stmt.MacroStmt m) {
                return macroStmt(m, in);
            }
            if (s instanceof Stmt.Switch sw) {
                List<long[]> cur = splittable(sw.selector()) ? expr(sw.selector(), in) : in;
                int id = add(Kind.SWITCH, sw.selector(), false, 0);
                connect(cur, id);
                mapAll(sw.selector(), id);
                g.nodeOf.put(sw, id);
                SwitchCtx ctx = new SwitchCtx(id);
                switches.push(ctx);
                breaks.push(new ArrayList<>());
                List<long[]> bodyEnd = stmt(sw.body(), new ArrayList<>());
                List<long[]> out = new ArrayList<>(bodyEnd);
                out.addAll(breaks.pop());
                switches.pop();
                if (!ctx.hasDefault) {
                    g.nodes.get(id).succ.add(-1);
                    out.add(new long[] {id, g.nodes.get(id).succ.size() - 1});
                }
                return out;
            }
            if (s instanceof Stmt.Case c) {
                return caseLabel(c.body(), in, false);
            }
            if (s instanceof Stmt.Default d) {
                return caseLabel(d.body(), in, true);
            }
            if (s instanceof Stmt.Labeled l) {
                int id = label(l.label());
                connect(in, id);
                return stmt(l.body(), end(id, 0));
            }
            if (s instanceof Stmt.Return r) {
                List<long[]> cur = r.value() != null && splittable(r.value()) ? expr(r.value(), in) : in;
                int id = add(Kind.RETURN, r, false, 1);
                connect(cur, id);
                mapAll(r, id);
                g.returns.add(id);
                g.nodes.get(id).succ.set(0, g.exit);
                return new ArrayList<>();
            }
            if (s instanceof Stmt.Goto gt) {
                int id = add(Kind.STMT, gt, false, 1);
                connect(in, id);
                g.nodeOf.put(gt, id);
                g.nodes.get(id).succ.set(0, label(gt.label()));
                return new ArrayList<>();
            }
            if (s instanceof Stmt.ComputedGoto cg) {
                int id = add(Kind.STMT, cg, false, 1);
                connect(in, id);
                mapAll(cg, id);
                g.nodes.get(id).succ.set(0, g.exit);
                return new ArrayList<>();
            }
            if (s instanceof Stmt.Break) {
                return jump(s, in, breaks);
            }
            if (s instanceof Stmt.Continue) {
                return jump(s, in, continues);
            }
            if (s instanceof Stmt.Empty) {
                return in;
            }
            // Asm, Opaque and anything else: one node keeping its calls.
            return simple(s, in);
        }

        private List<long[]> loopBody(Stmt body, List<long[]> enter, List<long[]> leave, int head, int contTarget) {
            breaks.push(new ArrayList<>());
            continues.push(new ArrayList<>());
            List<long[]> bodyEnd = stmt(body, enter);
            connect(bodyEnd, contTarget);
            connect(continues.pop(), contTarget);
            List<long[]> out = new ArrayList<>(leave);
            out.addAll(breaks.pop());
            return out;
        }

        private List<long[]> caseLabel(Stmt body, List<long[]> in, boolean isDefault) {
            int id = add(Kind.JOIN, null, false, 1);
            connect(in, id);
            if (!switches.isEmpty()) {
                SwitchCtx ctx = switches.peek();
                g.nodes.get(ctx.node).succ.add(id);
                ctx.hasDefault |= isDefault;
            }
            return stmt(body, end(id, 0));
        }

        private List<long[]> macroStmt(Stmt.MacroStmt m, List<long[]> in) {
            String name = m.macro();
            Expr head = new Expr.Call(m.span(), new Expr.Name(m.span(), name), m.args());
            if (name.equals("scoped_cond_guard")) {
                int id = add(Kind.BRANCH, head, false, 2);
                connect(in, id);
                mapAll(head, id);
                g.nodeOf.put(m, id);
                List<long[]> out = new ArrayList<>(stmt(m.body(), end(id, 0)));
                out.add(new long[] {id, 1});
                return out;
            }
            if (name.startsWith("scoped_")) {
                int id = add(Kind.STMT, head, false, 1);
                connect(in, id);
                mapAll(head, id);
                g.nodeOf.put(m, id);
                // A break inside a scope macro leaves the enclosing loop/switch, as in C.
                return stmt(m.body(), end(id, 0));
            }
            int top = add(Kind.JOIN, null, false, 1);
            connect(in, top);
            int id = add(Kind.BRANCH, head, true, 2);
            g.nodes.get(top).succ.set(0, id);
            mapAll(head, id);
            g.nodeOf.put(m, id);
            return loopBody(m.body(), end(id, 0), end(id, 1), top, top);
        }

        /** Whether an expression has control flow of its own at the top (short circuit, ?:, comma, ({...})). */
        private static boolean splittable(Expr e) {
            Expr x = e;
            if (x instanceof Expr.Assign a) x = a.value();
            if (x instanceof Expr.Cast c) x = c.operand();
            return x instanceof Expr.Conditional || x instanceof Expr.Comma || x instanceof Expr.StmtExpr
                    || (x instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR));
        }

        /** Evaluates an expression for its value or effects, splitting top-level control flow. */
        List<long[]> expr(Expr e, List<long[]> in) {
            if (++depth > MAX_DEPTH) {
                depth--;
                return simple(e, in);
            }
            try {
                Expr x = e;
                Expr.Assign assign = x instanceof Expr.Assign a ? a : null;
                if (assign != null) x = assign.value();
                if (x instanceof Expr.Cast c && splittable(c.operand())) x = c.operand();
                List<long[]> out;
                if (x instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR)) {
                    List<long[]>[] tf = cond(x, in, false);
                    out = new ArrayList<>(tf[0]);
                    out.addAll(tf[1]);
                } else if (x instanceof Expr.Conditional c) {
                    List<long[]>[] tf = cond(c.cond(), in, false);
                    List<long[]> t = c.then() == null ? tf[0] : expr(c.then(), tf[0]);
                    List<long[]> f = expr(c.otherwise(), tf[1]);
                    out = new ArrayList<>(t);
                    out.addAll(f);
                } else if (x instanceof Expr.Comma c) {
                    out = in;
                    for (Expr y : c.exprs()) out = expr(y, out);
                } else if (x instanceof Expr.StmtExpr se) {
                    out = stmt(se.block(), in);
                } else {
                    return simple(e, in);
                }
                if (assign != null) {
                    // The store itself: a node owning the assignment (its value's parts have their own nodes).
                    int id = add(Kind.STMT, assign, false, 1);
                    connect(out, id);
                    g.nodeOf.putIfAbsent(assign, id);
                    mapAll(assign.target(), id);
                    out = end(id, 0);
                }
                return out;
            } finally {
                depth--;
            }
        }

        /** A condition: returns {true ends, false ends}. {@code !}, {@code &&}, {@code ||}, comma are split. */
        @SuppressWarnings("unchecked")
        List<long[]>[] cond(Expr e, List<long[]> in, boolean loopHead) {
            if (++depth > MAX_DEPTH) {
                depth--;
                return atom(e, in, loopHead);
            }
            try {
                if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT && isSplit(u.operand())) {
                    List<long[]>[] tf = cond(u.operand(), in, loopHead);
                    return new List[] {tf[1], tf[0]};
                }
                if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND) {
                    List<long[]>[] l = cond(b.left(), in, loopHead);
                    List<long[]>[] r = cond(b.right(), l[0], loopHead);
                    List<long[]> f = new ArrayList<>(l[1]);
                    f.addAll(r[1]);
                    return new List[] {r[0], f};
                }
                if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.OR) {
                    List<long[]>[] l = cond(b.left(), in, loopHead);
                    List<long[]>[] r = cond(b.right(), l[1], loopHead);
                    List<long[]> t = new ArrayList<>(l[0]);
                    t.addAll(r[0]);
                    return new List[] {t, r[1]};
                }
                if (e instanceof Expr.Comma c && !c.exprs().isEmpty()) {
                    List<long[]> cur = in;
                    for (int i = 0; i < c.exprs().size() - 1; i++) cur = expr(c.exprs().get(i), cur);
                    return cond(c.exprs().get(c.exprs().size() - 1), cur, loopHead);
                }
                return atom(e, in, loopHead);
            } finally {
                depth--;
            }
        }

        private static boolean isSplit(Expr e) {
            return e instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR)
                    || e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT;
        }

        @SuppressWarnings("unchecked")
        private List<long[]>[] atom(Expr e, List<long[]> in, boolean loopHead) {
            int id = add(Kind.BRANCH, e, loopHead, 2);
            connect(in, id);
            mapAll(e, id);
            g.nodeOf.putIfAbsent(e, id);
            return new List[] {end(id, 0), end(id, 1)};
        }
    }

    /** For tests and debugging. */
    Set<Integer> debugIds() {
        Set<Integer> s = new java.util.TreeSet<>();
        for (Node n : nodes) s.add(n.id);
        return s;
    }
}
