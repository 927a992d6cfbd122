package dev.pollcheck.flow;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Stmt;

/**
 * Prints expressions back as C text, for messages ({@code &dev->read_event}) and for matching
 * expressions by spelling. Nesting deeper than {@link #MAX_DEPTH} prints as {@code ...}, so hostile
 * input cannot overflow the stack.
 */
public final class CText {
    static final int MAX_DEPTH = 200;

    private CText() {
    }

    public static String of(Expr e) {
        StringBuilder sb = new StringBuilder();
        print(e, sb, 0);
        return sb.toString();
    }

    /** Strips casts, {@code __extension__} and a leading unary plus: the value an argument carries. */
    public static Expr strip(Expr e) {
        for (int i = 0; i < MAX_DEPTH && e != null; i++) {
            if (e instanceof Expr.Cast c) {
                e = c.operand();
            } else if (e instanceof Expr.Unary u && (u.op() == Expr.UnaryOp.EXTENSION || u.op() == Expr.UnaryOp.PLUS)) {
                e = u.operand();
            } else {
                return e;
            }
        }
        return e;
    }

    /**
     * The variable an expression names, after casts: {@code wait}, {@code (poll_table *)wait}. A
     * parameter spelled like a type ({@code poll_table *poll_table}) reads back as a type argument,
     * so a one-word type argument counts as a name too.
     */
    public static String nameOf(Expr e) {
        Expr x = strip(e);
        if (x instanceof Expr.Name n) return n.id();
        if (x instanceof Expr.TypeArg t && t.type().text().matches("[A-Za-z_][A-Za-z_0-9]*")) return t.type().text();
        return null;
    }

    private static void print(Expr e, StringBuilder sb, int depth) {
        if (e == null) {
            return;
        }
        if (depth > MAX_DEPTH) {
            sb.append("...");
            return;
        }
        int d = depth + 1;
        if (e instanceof Expr.Name n) {
            sb.append(n.id());
        } else if (e instanceof Expr.IntConst c) {
            sb.append(c.text());
        } else if (e instanceof Expr.FloatConst c) {
            sb.append(c.text());
        } else if (e instanceof Expr.StringConst c) {
            sb.append(c.text());
        } else if (e instanceof Expr.CharConst c) {
            sb.append(c.text());
        } else if (e instanceof Expr.Call c) {
            print(c.callee(), sb, d);
            sb.append('(');
            for (int i = 0; i < c.args().size(); i++) {
                if (i > 0) sb.append(", ");
                print(c.args().get(i), sb, d);
            }
            sb.append(')');
        } else if (e instanceof Expr.Unary u) {
            switch (u.op()) {
                case POST_INC, POST_DEC -> {
                    print(u.operand(), sb, d);
                    sb.append(u.op().symbol);
                }
                case SIZEOF, ALIGNOF, REAL, IMAG, EXTENSION -> {
                    sb.append(u.op().symbol).append('(');
                    print(u.operand(), sb, d);
                    sb.append(')');
                }
                default -> {
                    sb.append(u.op().symbol);
                    paren(u.operand(), sb, d);
                }
            }
        } else if (e instanceof Expr.Binary b) {
            paren(b.left(), sb, d);
            sb.append(' ').append(b.op().symbol).append(' ');
            paren(b.right(), sb, d);
        } else if (e instanceof Expr.Assign a) {
            print(a.target(), sb, d);
            sb.append(' ').append(a.op() == null ? "" : a.op().symbol).append("= ");
            print(a.value(), sb, d);
        } else if (e instanceof Expr.Conditional c) {
            paren(c.cond(), sb, d);
            sb.append(" ?");
            if (c.then() != null) {
                sb.append(' ');
                paren(c.then(), sb, d);
                sb.append(' ');
            }
            sb.append(": ");
            paren(c.otherwise(), sb, d);
        } else if (e instanceof Expr.Comma c) {
            for (int i = 0; i < c.exprs().size(); i++) {
                if (i > 0) sb.append(", ");
                print(c.exprs().get(i), sb, d);
            }
        } else if (e instanceof Expr.Cast c) {
            sb.append('(').append(c.type().text()).append(')');
            paren(c.operand(), sb, d);
        } else if (e instanceof Expr.Member m) {
            paren(m.base(), sb, d);
            sb.append(m.arrow() ? "->" : ".").append(m.member());
        } else if (e instanceof Expr.Index x) {
            paren(x.base(), sb, d);
            sb.append('[');
            print(x.index(), sb, d);
            sb.append(']');
        } else if (e instanceof Expr.TypeQuery q) {
            sb.append(q.op()).append('(').append(q.type().text()).append(')');
        } else if (e instanceof Expr.TypeArg t) {
            sb.append(t.type().text());
        } else if (e instanceof Expr.StmtExpr) {
            sb.append("({ ... })");
        } else if (e instanceof Expr.InitList) {
            sb.append("{ ... }");
        } else if (e instanceof Expr.CompoundLiteral c) {
            sb.append('(').append(c.type().text()).append("){ ... }");
        } else if (e instanceof Expr.LabelAddress l) {
            sb.append("&&").append(l.label());
        } else if (e instanceof Expr.Opaque o) {
            sb.append(o.text());
        }
    }

    /** Prints {@code e}, in parentheses when it is itself an operator expression. */
    private static void paren(Expr e, StringBuilder sb, int depth) {
        boolean simple = e instanceof Expr.Name || e instanceof Expr.IntConst || e instanceof Expr.Call
                || e instanceof Expr.Member || e instanceof Expr.Index || e instanceof Expr.CharConst
                || e instanceof Expr.StringConst || e instanceof Expr.Opaque
                || (e instanceof Expr.Unary u && u.op() != Expr.UnaryOp.POST_INC && u.op() != Expr.UnaryOp.POST_DEC
                    && !(u.operand() instanceof Expr.Binary));
        if (simple) {
            print(e, sb, depth);
        } else {
            sb.append('(');
            print(e, sb, depth);
            sb.append(')');
        }
    }

    /** A short description of a statement for messages: the first line of its text. */
    static String brief(Stmt s) {
        if (s instanceof Stmt.Return r) {
            return r.value() == null ? "return" : "return " + of(r.value());
        }
        if (s instanceof Stmt.Goto g) {
            return "goto " + g.label();
        }
        if (s instanceof Stmt.Break) {
            return "break";
        }
        if (s instanceof Stmt.Continue) {
            return "continue";
        }
        return s.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
