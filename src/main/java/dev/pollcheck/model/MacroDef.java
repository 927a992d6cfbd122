package dev.pollcheck.model;

import java.util.List;

/**
 * A {@code #define} met in a file. {@code params} is null for an object-like macro; a variadic
 * macro has {@code ...} (or {@code name...}) as its last parameter. {@code body} is the
 * replacement text with line continuations joined and comments removed.
 */
public record MacroDef(Span span, String name, List<String> params, String body) {
    public boolean functionLike() {
        return params != null;
    }
}
