package dev.pollcheck.model;

/**
 * One declarator of a declaration: {@code struct foo *p = NULL} gives name {@code p}, type
 * {@code struct foo *}. {@code init} is null when there is no initializer; an initializer list is an
 * {@link Expr.InitList}.
 */
public record VarDecl(Span span, String name, TypeRef type, Expr init) {
}
