package dev.pollcheck.parse;

import java.time.Duration;
import java.util.Set;

/**
 * What the parser is told on top of its built-in tables: more typedef names, more attribute-like
 * macros (a trailing {@code ()} in a name means the macro takes arguments, as in the resource
 * file), more iterator macros (usually {@link ForEachMacros#fromClangFormat}), the time one
 * function may spend in ANTLR before it falls back to recovery, and the time one file may spend in
 * the parser before the rest of it is left unparsed (with a notice).
 */
public record ParseConfig(Set<String> typeNames, Set<String> attributeMacros, Set<String> iteratorMacros,
                          Duration functionTimeBound, Duration fileTimeBound) {

    public static final Duration DEFAULT_TIME_BOUND = Duration.ofSeconds(2);
    /** Far above any file of the kernel tree (the slowest parses in well under a second). */
    public static final Duration DEFAULT_FILE_TIME_BOUND = Duration.ofSeconds(30);

    public ParseConfig {
        typeNames = Set.copyOf(typeNames);
        attributeMacros = Set.copyOf(attributeMacros);
        iteratorMacros = Set.copyOf(iteratorMacros);
        if (functionTimeBound == null || functionTimeBound.isNegative() || functionTimeBound.isZero()) {
            functionTimeBound = DEFAULT_TIME_BOUND;
        }
        if (fileTimeBound == null || fileTimeBound.isNegative() || fileTimeBound.isZero()) {
            fileTimeBound = DEFAULT_FILE_TIME_BOUND;
        }
    }

    public static ParseConfig defaults() {
        return new ParseConfig(Set.of(), Set.of(), Set.of(), DEFAULT_TIME_BOUND, DEFAULT_FILE_TIME_BOUND);
    }

    public ParseConfig withIteratorMacros(Set<String> more) {
        return new ParseConfig(typeNames, attributeMacros, more, functionTimeBound, fileTimeBound);
    }

    public ParseConfig withTypeNames(Set<String> more) {
        return new ParseConfig(more, attributeMacros, iteratorMacros, functionTimeBound, fileTimeBound);
    }

    public ParseConfig withAttributeMacros(Set<String> more) {
        return new ParseConfig(typeNames, more, iteratorMacros, functionTimeBound, fileTimeBound);
    }

    public ParseConfig withFunctionTimeBound(Duration bound) {
        return new ParseConfig(typeNames, attributeMacros, iteratorMacros, bound, fileTimeBound);
    }

    public ParseConfig withFileTimeBound(Duration bound) {
        return new ParseConfig(typeNames, attributeMacros, iteratorMacros, functionTimeBound, bound);
    }
}
