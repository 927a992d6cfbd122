package dev.pollcheck.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** Walks over the AST without recursion, so that deeply nested input cannot overflow the stack. */
public final class Ast {
    private Ast() {
    }

    /** Visits {@code root} and everything below it, parents before children, in source order. */
    public static void walk(Node root, Consumer<Node> visitor) {
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            visitor.accept(n);
            List<Node> kids = children(n);
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(kids.get(i));
            }
        }
    }

    public static List<Node> children(Node n) {
        if (n instanceof Stmt s) {
            return s.children();
        }
        if (n instanceof Expr e) {
            return e.children();
        }
        if (n instanceof TopLevel.Function f) {
            return List.of(f.body());
        }
        if (n instanceof TopLevel.Declaration d) {
            List<Node> out = new ArrayList<>();
            for (VarDecl v : d.declarators()) {
                if (v.init() != null) out.add(v.init());
            }
            return out;
        }
        if (n instanceof TopLevel.MacroInvocation m) {
            return List.copyOf(m.args());
        }
        return List.of();
    }

    /** Every call below {@code root}, in source order (including calls kept inside opaque statements). */
    public static List<Expr.Call> calls(Node root) {
        List<Expr.Call> out = new ArrayList<>();
        walk(root, n -> {
            if (n instanceof Expr.Call c) out.add(c);
        });
        return out;
    }
}
