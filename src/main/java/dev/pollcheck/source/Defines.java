package dev.pollcheck.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code -D NAME[=VALUE]} and {@code -U NAME} settings of a run, on top of built-in defaults.
 * Immutable.
 *
 * <p>Built-in defaults (each can be overridden by {@code -D} or removed by {@code -U}):
 * <ul>
 *   <li>{@code LINUX_VERSION_CODE} = {@code KERNEL_VERSION(6,12,0)}, so that version checks in
 *       out-of-tree drivers take the modern branch;</li>
 *   <li>{@code KERNEL_VERSION(a,b,c)} = {@code ((a)<<16)+((b)<<8)+(c)} (built into the evaluator;
 *       counts as defined for {@code #ifdef});</li>
 *   <li>{@code __KERNEL__} = 1: driver code is compiled as kernel code.</li>
 * </ul>
 * A name that is neither defined nor undefined is unknown: a condition that depends on it cannot
 * be decided (see {@link Preprocessor}). {@code -U NAME} makes it known to be undefined.
 */
public final class Defines {
    private static final Map<String, String> BUILT_IN = Map.of(
            "LINUX_VERSION_CODE", "KERNEL_VERSION(6,12,0)",
            "__KERNEL__", "1");

    private static final Defines DEFAULTS = new Defines(new LinkedHashMap<>(BUILT_IN), new LinkedHashSet<>());

    private final Map<String, String> defined;
    private final Set<String> undefined;

    private Defines(Map<String, String> defined, Set<String> undefined) {
        this.defined = Collections.unmodifiableMap(defined);
        this.undefined = Collections.unmodifiableSet(undefined);
    }

    public static Defines defaults() {
        return DEFAULTS;
    }

    /**
     * From command-line values: {@code d} holds {@code NAME} or {@code NAME=VALUE} ({@code NAME} alone
     * means 1), {@code u} holds names. {@code -U} wins over a {@code -D} of the same name, as with gcc
     * when -U comes last. A malformed name throws IllegalArgumentException (a usage error).
     */
    public static Defines parse(List<String> d, List<String> u) {
        Map<String, String> def = new LinkedHashMap<>(BUILT_IN);
        Set<String> undef = new LinkedHashSet<>();
        if (d != null) {
            for (String s : d) {
                int eq = s.indexOf('=');
                String name = (eq < 0 ? s : s.substring(0, eq)).trim();
                String value = eq < 0 ? "1" : s.substring(eq + 1).trim();
                checkName(name, "-D " + s);
                def.put(name, value);
            }
        }
        if (u != null) {
            for (String s : u) {
                String name = s.trim();
                checkName(name, "-U " + s);
                def.remove(name);
                undef.add(name);
            }
        }
        return new Defines(def, undef);
    }

    private static void checkName(String name, String option) {
        boolean ok = !name.isEmpty() && !Character.isDigit(name.charAt(0));
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (!ok) {
            throw new IllegalArgumentException("not a macro name in " + option);
        }
    }

    /** NAME to value for every defined name (built-ins and -D). */
    public Map<String, String> defined() {
        return defined;
    }

    /** Names given with -U. */
    public Set<String> undefined() {
        return undefined;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Defines d && d.defined.equals(defined) && d.undefined.equals(undefined);
    }

    @Override
    public int hashCode() {
        return defined.hashCode() * 31 + undefined.hashCode();
    }

    @Override
    public String toString() {
        return "Defines" + defined + " -U" + undefined;
    }
}
