package dev.pollcheck.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Statements of a function body. Labels ({@code case}, {@code default}, named labels) are
 * statements that wrap the statement they label, as in the C grammar; a label at the end of a
 * block wraps an {@link Empty}.
 */
public sealed interface Stmt extends Node {

    /** Direct sub-statements and expressions, in source order. */
    List<Node> children();

    record Block(Span span, List<Stmt> items) implements Stmt {
        public List<Node> children() { return List.copyOf(items); }
    }

    record ExprStmt(Span span, Expr expr) implements Stmt {
        public List<Node> children() { return List.of(expr); }
    }

    /** A block-scope declaration; each declarator with its initializer. {@code isStatic}: it outlives the call. */
    record Decl(Span span, List<VarDecl> decls, boolean isStatic) implements Stmt {
        public Decl(Span span, List<VarDecl> decls) {
            this(span, decls, false);
        }

        public List<Node> children() {
            List<Node> out = new ArrayList<>();
            for (VarDecl d : decls) {
                if (d.init() != null) {
                    out.add(d.init());
                }
            }
            return out;
        }
    }

    record If(Span span, Expr cond, Stmt then, Stmt otherwise) implements Stmt {
        public List<Node> children() {
            return otherwise == null ? List.of(cond, then) : List.of(cond, then, otherwise);
        }
    }

    record Switch(Span span, Expr selector, Stmt body) implements Stmt {
        public List<Node> children() { return List.of(selector, body); }
    }

    /** {@code case value:} or the GNU range {@code case value ... high:} ({@code high} null otherwise). */
    record Case(Span span, Expr value, Expr high, Stmt body) implements Stmt {
        public List<Node> children() {
            return high == null ? List.of(value, body) : List.of(value, high, body);
        }
    }

    record Default(Span span, Stmt body) implements Stmt {
        public List<Node> children() { return List.of(body); }
    }

    record Labeled(Span span, String label, Stmt body) implements Stmt {
        public List<Node> children() { return List.of(body); }
    }

    record While(Span span, Expr cond, Stmt body) implements Stmt {
        public List<Node> children() { return List.of(cond, body); }
    }

    record DoWhile(Span span, Stmt body, Expr cond) implements Stmt {
        public List<Node> children() { return List.of(body, cond); }
    }

    /** {@code init} is a {@link Decl} or {@link ExprStmt} or null; {@code cond} and {@code step} may be null. */
    record For(Span span, Stmt init, Expr cond, Expr step, Stmt body) implements Stmt {
        public List<Node> children() {
            List<Node> out = new ArrayList<>();
            if (init != null) out.add(init);
            if (cond != null) out.add(cond);
            if (step != null) out.add(step);
            out.add(body);
            return out;
        }
    }

    /**
     * A statement headed by a macro invocation: iterator macros ({@code list_for_each_entry(pos, head,
     * member) { ... }}) and scope macros ({@code scoped_guard(mutex, &m) { ... }}). Whether the body
     * runs zero, one or many times is the macro's business; the flow stage decides.
     */
    record MacroStmt(Span span, String macro, List<Expr> args, Stmt body) implements Stmt {
        public List<Node> children() {
            List<Node> out = new ArrayList<>(args);
            out.add(body);
            return out;
        }
    }

    record Return(Span span, Expr value) implements Stmt {
        public List<Node> children() { return value == null ? List.of() : List.of(value); }
    }

    record Goto(Span span, String label) implements Stmt {
        public List<Node> children() { return List.of(); }
    }

    /** {@code goto *expr;} (labels as values). */
    record ComputedGoto(Span span, Expr target) implements Stmt {
        public List<Node> children() { return List.of(target); }
    }

    record Break(Span span) implements Stmt {
        public List<Node> children() { return List.of(); }
    }

    record Continue(Span span) implements Stmt {
        public List<Node> children() { return List.of(); }
    }

    record Empty(Span span) implements Stmt {
        public List<Node> children() { return List.of(); }
    }

    /** Inline assembly; {@code gotoLabels} are the labels of {@code asm goto}. */
    record Asm(Span span, String text, List<String> gotoLabels) implements Stmt {
        public List<Node> children() { return List.of(); }
    }

    /**
     * A statement the grammar could not read, kept as its tokens, with the calls found in it
     * (their arguments parsed where possible, else {@link Expr.Opaque}).
     */
    record Opaque(Span span, String text, List<Expr.Call> calls) implements Stmt {
        public List<Node> children() { return List.copyOf(calls); }
    }
}
