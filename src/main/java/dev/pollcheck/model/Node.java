package dev.pollcheck.model;

/** Anything in the typed AST: it knows where it came from. */
public sealed interface Node permits Stmt, Expr, TopLevel {
    Span span();
}
