package dev.pollcheck.sim;

import dev.pollcheck.model.Expr;
import java.util.ArrayList;
import java.util.List;

/** Prints an expression compactly, as a reader would write it; used for labels and notes only. */
final class ExprText {
    private ExprText() {
    }

    static String of(Expr e) {
        StringBuilder sb = new StringBuilder();
        print(e, sb, 0);
        return sb.toString();
    }

    private static void wrapped(Expr e, StringBuilder sb, int depth) {
        boolean paren = e instanceof Expr.Binary || e instanceof Expr.Conditional || e instanceof Expr.Assign;
        if (paren) sb.append('(');
        print(e, sb, depth);
        if (paren) sb.append(')');
    }

    private static void print(Expr e, StringBuilder sb, int depth) {
        if (depth > 200 || sb.length() > 400) {
            sb.append("...");
            return;
        }
        if (e == null) {
            return;
        }
        if (e instanceof Expr.Name n) {
            sb.append(n.id());
        } else if (e instanceof Expr.IntConst c) {
            sb.append(c.text());
        } else if (e instanceof Expr.CharConst c) {
            sb.append(c.text());
        } else if (e instanceof Expr.FloatConst c) {
            sb.append(c.text());
        } else if (e instanceof Expr.StringConst c) {
            sb.append(c.text());
        } else if (e instanceof Expr.Call c) {
            print(c.callee(), sb, depth + 1);
            sb.append('(');
            List<Expr> args = c.args();
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) sb.append(", ");
                print(args.get(i), sb, depth + 1);
            }
            sb.append(')');
        } else if (e instanceof Expr.Unary u) {
            switch (u.op()) {
                case POST_INC, POST_DEC -> {
                    print(u.operand(), sb, depth + 1);
                    sb.append(u.op().symbol);
                }
                case SIZEOF, ALIGNOF, REAL, IMAG, EXTENSION -> {
                    sb.append(u.op().symbol).append('(');
                    print(u.operand(), sb, depth + 1);
                    sb.append(')');
                }
                default -> {
                    sb.append(u.op().symbol);
                    print(u.operand(), sb, depth + 1);
                }
            }
        } else if (e instanceof Expr.Binary b) {
            wrapped(b.left(), sb, depth + 1);
            sb.append(' ').append(b.op().symbol).append(' ');
            wrapped(b.right(), sb, depth + 1);
        } else if (e instanceof Expr.Assign a) {
            print(a.target(), sb, depth + 1);
            sb.append(' ').append(a.op() == null ? "" : a.op().symbol).append("= ");
            print(a.value(), sb, depth + 1);
        } else if (e instanceof Expr.Conditional c) {
            print(c.cond(), sb, depth + 1);
            sb.append(" ? ");
            print(c.then(), sb, depth + 1);
            sb.append(" : ");
            print(c.otherwise(), sb, depth + 1);
        } else if (e instanceof Expr.Comma c) {
            List<String> parts = new ArrayList<>();
            for (Expr x : c.exprs()) parts.add(of(x));
            sb.append(String.join(", ", parts));
        } else if (e instanceof Expr.Cast c) {
            sb.append('(').append(c.type().text()).append(')');
            print(c.operand(), sb, depth + 1);
        } else if (e instanceof Expr.Member m) {
            print(m.base(), sb, depth + 1);
            sb.append(m.arrow() ? "->" : ".").append(m.member());
        } else if (e instanceof Expr.Index i) {
            print(i.base(), sb, depth + 1);
            sb.append('[');
            print(i.index(), sb, depth + 1);
            sb.append(']');
        } else if (e instanceof Expr.TypeQuery t) {
            sb.append(t.op()).append('(').append(t.type().text()).append(')');
        } else if (e instanceof Expr.TypeArg t) {
            sb.append(t.type().text());
        } else if (e instanceof Expr.StmtExpr) {
            sb.append("({...})");
        } else if (e instanceof Expr.LabelAddress l) {
            sb.append("&&").append(l.label());
        } else if (e instanceof Expr.Opaque o) {
            sb.append(o.text());
        } else {
            sb.append("{...}");
        }
    }
}
