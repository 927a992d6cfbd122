package dev.pollcheck.sim;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Param;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TypeRef;
import dev.pollcheck.model.VarDecl;
import java.util.List;

/** Hand-built ASTs for tests that must not depend on the parser; every node gets its own line. */
final class Trees {
    private Trees() {
    }

    private static int line = 1;

    static Span sp() {
        int l = line++;
        return new Span("t.c", l, 1, l, 2);
    }

    static Expr.Name n(String id) {
        return new Expr.Name(sp(), id);
    }

    static Expr.IntConst i(long v) {
        return new Expr.IntConst(sp(), Long.toString(v), v);
    }

    static Expr.Call call(String fn, Expr... args) {
        return new Expr.Call(sp(), n(fn), List.of(args));
    }

    static Expr.Unary not(Expr e) {
        return new Expr.Unary(sp(), Expr.UnaryOp.NOT, e);
    }

    static Expr.Unary addr(Expr e) {
        return new Expr.Unary(sp(), Expr.UnaryOp.ADDRESS, e);
    }

    static Expr.Member arrow(Expr base, String m) {
        return new Expr.Member(sp(), base, m, true);
    }

    static Expr.Member dot(Expr base, String m) {
        return new Expr.Member(sp(), base, m, false);
    }

    static Expr.Binary bin(Expr.BinaryOp op, Expr a, Expr b) {
        return new Expr.Binary(sp(), op, a, b);
    }

    static Expr.Binary and(Expr a, Expr b) {
        return bin(Expr.BinaryOp.BIT_AND, a, b);
    }

    static Expr.Binary or(Expr a, Expr b) {
        return bin(Expr.BinaryOp.BIT_OR, a, b);
    }

    static Expr.Assign set(Expr t, Expr v) {
        return new Expr.Assign(sp(), null, t, v);
    }

    static Expr.Assign orSet(Expr t, Expr v) {
        return new Expr.Assign(sp(), Expr.BinaryOp.BIT_OR, t, v);
    }

    static Stmt.ExprStmt ex(Expr e) {
        return new Stmt.ExprStmt(sp(), e);
    }

    static Stmt.Block block(Stmt... s) {
        return new Stmt.Block(sp(), List.of(s));
    }

    static Stmt.If iff(Expr c, Stmt then) {
        return new Stmt.If(sp(), c, then, null);
    }

    static Stmt.If iff(Expr c, Stmt then, Stmt otherwise) {
        return new Stmt.If(sp(), c, then, otherwise);
    }

    static Stmt.Return ret(Expr e) {
        return new Stmt.Return(sp(), e);
    }

    static Stmt.Decl decl(String type, String name, Expr init) {
        return new Stmt.Decl(sp(), List.of(new VarDecl(sp(), name, new TypeRef(type), init)));
    }

    static Stmt.Switch sw(Expr sel, Stmt body) {
        return new Stmt.Switch(sp(), sel, body);
    }

    static Stmt.Case cse(Expr v, Stmt body) {
        return new Stmt.Case(sp(), v, null, body);
    }

    static Stmt.Default dflt(Stmt body) {
        return new Stmt.Default(sp(), body);
    }

    static Stmt.Break brk() {
        return new Stmt.Break(sp());
    }

    /** {@code poll_wait(file, &<queue>, wait)}. */
    static Stmt.ExprStmt pollWait(Expr queueAddr) {
        return ex(call("poll_wait", n("file"), queueAddr, n("wait")));
    }

    /** {@code static __poll_t name(struct file *file, poll_table *wait) { body }}. */
    static TopLevel.Function pollFn(String name, Stmt... body) {
        return new TopLevel.Function(sp(), sp(), name, new TypeRef("__poll_t"),
                List.of(new Param(sp(), "file", new TypeRef("struct file *")),
                        new Param(sp(), "wait", new TypeRef("poll_table *"))),
                true, block(body), ParseStatus.PARSED);
    }

    static TopLevel.Function fn(String name, List<Param> params, Stmt... body) {
        return new TopLevel.Function(sp(), sp(), name, new TypeRef("int"), params, true, block(body), ParseStatus.PARSED);
    }

    static Param param(String type, String name) {
        return new Param(sp(), name, new TypeRef(type));
    }
}
