package dev.pollcheck.model;

import java.util.ArrayList;
import java.util.List;

/** Expressions. Operators are enums so that the flow stage and the simulator cannot misspell them. */
public sealed interface Expr extends Node {

    /** Direct sub-expressions (and the block of a statement expression), in source order. */
    List<Node> children();

    record Name(Span span, String id) implements Expr {
        public List<Node> children() { return List.of(); }
    }

    /** An integer constant; {@code value} holds the low 64 bits, whatever the suffix. */
    record IntConst(Span span, String text, long value) implements Expr {
        public List<Node> children() { return List.of(); }
    }

    record FloatConst(Span span, String text) implements Expr {
        public List<Node> children() { return List.of(); }
    }

    /** One or more adjacent string literals, as written. */
    record StringConst(Span span, String text) implements Expr {
        public List<Node> children() { return List.of(); }
    }

    record CharConst(Span span, String text, long value) implements Expr {
        public List<Node> children() { return List.of(); }
    }

    record Call(Span span, Expr callee, List<Expr> args) implements Expr {
        /** The called name when the callee is a plain identifier, else null. */
        public String name() {
            return callee instanceof Name n ? n.id() : null;
        }

        public List<Node> children() {
            List<Node> out = new ArrayList<>();
            out.add(callee);
            out.addAll(args);
            return out;
        }
    }

    enum UnaryOp {
        NEG("-"), PLUS("+"), NOT("!"), BIT_NOT("~"), DEREF("*"), ADDRESS("&"),
        PRE_INC("++"), PRE_DEC("--"), POST_INC("++"), POST_DEC("--"),
        SIZEOF("sizeof"), ALIGNOF("_Alignof"), REAL("__real__"), IMAG("__imag__"), EXTENSION("__extension__");

        public final String symbol;

        UnaryOp(String symbol) { this.symbol = symbol; }
    }

    record Unary(Span span, UnaryOp op, Expr operand) implements Expr {
        public List<Node> children() { return List.of(operand); }
    }

    enum BinaryOp {
        MUL("*"), DIV("/"), MOD("%"), ADD("+"), SUB("-"), SHL("<<"), SHR(">>"),
        LT("<"), GT(">"), LE("<="), GE(">="), EQ("=="), NE("!="),
        BIT_AND("&"), BIT_XOR("^"), BIT_OR("|"), AND("&&"), OR("||");

        public final String symbol;

        BinaryOp(String symbol) { this.symbol = symbol; }

        public static BinaryOp ofSymbol(String s) {
            for (BinaryOp op : values()) {
                if (op.symbol.equals(s)) return op;
            }
            throw new IllegalArgumentException("not a binary operator: " + s);
        }
    }

    record Binary(Span span, BinaryOp op, Expr left, Expr right) implements Expr {
        public List<Node> children() { return List.of(left, right); }
    }

    /** {@code target = value}, or a compound assignment when {@code op} is non-null ({@code |=} has op BIT_OR). */
    record Assign(Span span, BinaryOp op, Expr target, Expr value) implements Expr {
        public List<Node> children() { return List.of(target, value); }
    }

    /** {@code cond ? then : otherwise}; {@code then} is null for GNU {@code cond ?: otherwise}. */
    record Conditional(Span span, Expr cond, Expr then, Expr otherwise) implements Expr {
        public List<Node> children() {
            return then == null ? List.of(cond, otherwise) : List.of(cond, then, otherwise);
        }
    }

    record Comma(Span span, List<Expr> exprs) implements Expr {
        public List<Node> children() { return List.copyOf(exprs); }
    }

    record Cast(Span span, TypeRef type, Expr operand) implements Expr {
        public List<Node> children() { return List.of(operand); }
    }

    record Member(Span span, Expr base, String member, boolean arrow) implements Expr {
        public List<Node> children() { return List.of(base); }
    }

    record Index(Span span, Expr base, Expr index) implements Expr {
        public List<Node> children() { return List.of(base, index); }
    }

    /** {@code sizeof(type)}, {@code _Alignof(type)}, {@code __alignof__(type)}: {@code op} is the keyword. */
    record TypeQuery(Span span, String op, TypeRef type) implements Expr {
        public List<Node> children() { return List.of(); }
    }

    /** A type used as a macro argument: {@code container_of(p, struct foo, member)}. */
    record TypeArg(Span span, TypeRef type) implements Expr {
        public List<Node> children() { return List.of(); }
    }

    /** GNU statement expression {@code ({ ... })}; its value is that of the last expression statement. */
    record StmtExpr(Span span, Stmt.Block block) implements Expr {
        public List<Node> children() { return List.of(block); }
    }

    /** A designator of an initializer item: {@code .field} or {@code [lo]} / {@code [lo ... hi]}. */
    sealed interface Designator permits FieldDesignator, IndexDesignator {
    }

    record FieldDesignator(String name) implements Designator {
    }

    record IndexDesignator(Expr low, Expr high) implements Designator {
    }

    /** One item of a brace initializer: {@code .a.b = value}, {@code [0 ... 3] = value}, or a bare value. */
    record InitItem(List<Designator> designators, Expr value) {
    }

    record InitList(Span span, List<InitItem> items) implements Expr {
        public List<Node> children() {
            List<Node> out = new ArrayList<>();
            for (InitItem i : items) {
                for (Designator d : i.designators()) {
                    if (d instanceof IndexDesignator x) {
                        out.add(x.low());
                        if (x.high() != null) out.add(x.high());
                    }
                }
                out.add(i.value());
            }
            return out;
        }
    }

    /** {@code (struct foo){ .a = 1 }}. */
    record CompoundLiteral(Span span, TypeRef type, InitList init) implements Expr {
        public List<Node> children() { return List.of(init); }
    }

    /** GNU labels as values: {@code &&label}. */
    record LabelAddress(Span span, String label) implements Expr {
        public List<Node> children() { return List.of(); }
    }

    /** Tokens the grammar could not read as an expression, kept as text. */
    record Opaque(Span span, String text) implements Expr {
        public List<Node> children() { return List.of(); }
    }
}
