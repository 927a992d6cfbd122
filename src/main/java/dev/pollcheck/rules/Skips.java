package dev.pollcheck.rules;

import dev.pollcheck.flow.CText;
import dev.pollcheck.flow.FunctionFlow;
import dev.pollcheck.flow.Registration;
import dev.pollcheck.flow.Skip;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Stmt;
import java.util.Set;
import java.util.function.Predicate;

/** Wording and mask facts shared by the registration rules. */
final class Skips {
    private Skips() {
    }

    /** {@code poll_wait of &dev->wq} / {@code vb2_poll (registers &q->done_wq)}. */
    static String what(Registration r) {
        String q = r.queueText();
        if (r.via() == Registration.Via.MODEL && r.model() != null && r.model().primitive()) {
            return "the " + r.callee() + " of " + q;
        }
        if (q.equals("unknown")) {
            return "the call to " + r.callee() + " (which is passed the poll_table)";
        }
        return "the call to " + r.callee() + " (which registers " + q + ")";
    }

    /** {@code when `x` (line 12) is true}, and for an early return, what it returns. */
    static String when(Skip s, FunctionFlow flow) {
        StringBuilder sb = new StringBuilder();
        sb.append("when `").append(s.text()).append("` (line ").append(s.span().line()).append(')');
        if (flow.cfg().node(s.node()).kind == dev.pollcheck.flow.Cfg.Kind.SWITCH) {
            sb.append(" selects another case");
        } else {
            sb.append(s.skipOnTrue() ? " is true" : " is false");
        }
        if (!s.exits().isEmpty()) {
            Stmt.Return r = s.exits().get(0);
            sb.append(" (taking `").append(r.value() == null ? "return" : "return " + CText.of(r.value()))
                    .append("` on line ").append(r.span().line()).append(')');
        }
        return sb.toString();
    }

    /**
     * Whether every path on the skipping side returns a non-zero (ready) mask: then poll and select
     * return at once and call again with a fresh poll_table, and only epoll loses the wake-up.
     */
    static boolean skipReturnsReady(Skip s, Registration reg, FunctionFlow flow) {
        if (s.fallsOff() || s.returns().isEmpty() || flow.cfg().exhausted()) return false;
        for (Stmt.Return r : s.returns()) {
            if (r.value() == null) return false;
            Expr v = CText.strip(r.value());
            if (v instanceof Expr.Name n && s.skipOnTrue() && sameName(s.condition(), n.id())) continue;
            Set<Long> vals = Masks.values(v, flow, storesAt(s, r, reg, flow));
            if (vals == null || vals.contains(0L)) return false;
        }
        return true;
    }

    /**
     * The stores that can give a returned variable its value at {@code ret} when the skip is taken:
     * not overwritten before {@code ret}, and made on the skipping side or before the branch (a
     * store after the registration feeds the same return only on the other path).
     */
    static Predicate<FunctionFlow.Store> storesAt(Skip s, Stmt.Return ret, Registration reg, FunctionFlow flow) {
        var cfg = flow.cfg();
        boolean[] before = cfg.canReach(s.node());
        boolean[] side = new boolean[cfg.nodes().size()];
        for (int succ : s.skipSides()) {
            boolean[] r = cfg.reachableAvoiding(succ, reg.node());
            for (int i = 0; i < side.length; i++) side[i] |= r[i];
        }
        ReachingStores reaching = new ReachingStores(flow, cfg.nodeOf(ret), reg.node());
        return st -> st.node() < 0
                || ((side[st.node()] || (before[st.node()] && st.node() != s.node())) && reaching.test(st));
    }

    /** {@code if (mask) return mask;}: the condition is the variable itself (or {@code v != 0}). */
    private static boolean sameName(Expr cond, String name) {
        Expr c = CText.strip(cond);
        if (c instanceof Expr.Call call && ("unlikely".equals(call.name()) || "likely".equals(call.name()))
                && call.args().size() == 1) {
            c = CText.strip(call.args().get(0));
        }
        if (c instanceof Expr.Name n) return n.id().equals(name);
        if (c instanceof Expr.Binary b && b.op() == Expr.BinaryOp.NE && CText.strip(b.left()) instanceof Expr.Name n
                && CText.strip(b.right()) instanceof Expr.IntConst k && k.value() == 0) {
            return n.id().equals(name);
        }
        return false;
    }
}
