package dev.pollcheck.model;

/** A function parameter; {@code name} is null for an unnamed one ({@code void}, a prototype). */
public record Param(Span span, String name, TypeRef type) {
}
