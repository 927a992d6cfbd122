package dev.pollcheck.rules;

import dev.pollcheck.flow.CText;
import dev.pollcheck.flow.FunctionFlow;
import dev.pollcheck.model.Expr;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Evaluates poll masks to the small set of values they can take, or null when unknown. Event
 * constants come from {@code include/uapi/linux/eventpoll.h} (POLL* have the same values).
 */
final class Masks {
    static final long ERR = 0x8;
    static final long HUP = 0x10;
    static final long NVAL = 0x20;
    static final long RDHUP = 0x2000;
    private static final int MAX_VALUES = 16;
    private static final int MAX_DEPTH = 32;

    private static final Map<String, Long> CONSTANTS = Map.ofEntries(
            Map.entry("IN", 0x1L), Map.entry("PRI", 0x2L), Map.entry("OUT", 0x4L), Map.entry("ERR", 0x8L),
            Map.entry("HUP", 0x10L), Map.entry("NVAL", 0x20L), Map.entry("RDNORM", 0x40L), Map.entry("RDBAND", 0x80L),
            Map.entry("WRNORM", 0x100L), Map.entry("WRBAND", 0x200L), Map.entry("MSG", 0x400L),
            Map.entry("RDHUP", 0x2000L));

    /** The value of an event constant name ({@code EPOLLIN}, {@code POLLIN}, {@code DEFAULT_POLLMASK}), or null. */
    static Long constant(String name) {
        if (name.equals("DEFAULT_POLLMASK")) return 0x1L | 0x4L | 0x40L | 0x100L;
        String k = null;
        if (name.startsWith("EPOLL")) k = name.substring(5);
        else if (name.startsWith("POLL")) k = name.substring(4);
        return k == null ? null : CONSTANTS.get(k);
    }

    /** The values {@code e} can take, or null when unknown. */
    static Set<Long> values(Expr e, FunctionFlow flow) {
        return values(e, flow, st -> true);
    }

    /** Values counting only the stores {@code stores} accepts (those that can reach the use). */
    static Set<Long> values(Expr e, FunctionFlow flow, Predicate<FunctionFlow.Store> stores) {
        Masks m = new Masks(stores);
        return m.values(e, flow, 0, new HashSet<>());
    }

    private final Predicate<FunctionFlow.Store> accept;

    private Masks(Predicate<FunctionFlow.Store> accept) {
        this.accept = accept;
    }

    private Set<Long> values(Expr e, FunctionFlow flow, int depth, Set<String> visiting) {
        if (e == null || depth > MAX_DEPTH) return null;
        Expr x = CText.strip(e);
        if (x instanceof Expr.IntConst c) return Set.of(c.value());
        if (x instanceof Expr.Name n) {
            Long k = constant(n.id());
            if (k != null) return Set.of(k);
            if (n.id().equals("NULL") || n.id().equals("false")) return Set.of(0L);
            if (n.id().equals("true")) return Set.of(1L);
            return variable(n.id(), flow, depth, visiting);
        }
        if (x instanceof Expr.Unary u) {
            Set<Long> v = values(u.operand(), flow, depth + 1, visiting);
            if (v == null) return null;
            Set<Long> out = new TreeSet<>();
            for (long a : v) {
                switch (u.op()) {
                    case NEG -> out.add(-a);
                    case BIT_NOT -> out.add(~a);
                    case NOT -> out.add(a == 0 ? 1L : 0L);
                    default -> {
                        return null;
                    }
                }
            }
            return out;
        }
        if (x instanceof Expr.Binary b) {
            Set<Long> l = values(b.left(), flow, depth + 1, visiting);
            Set<Long> r = l == null ? null : values(b.right(), flow, depth + 1, visiting);
            if (l == null || r == null) return null;
            Set<Long> out = new TreeSet<>();
            for (long p : l) {
                for (long q : r) {
                    Long v = switch (b.op()) {
                        case BIT_OR -> p | q;
                        case BIT_AND -> p & q;
                        case BIT_XOR -> p ^ q;
                        case ADD -> p + q;
                        case SUB -> p - q;
                        case SHL -> q >= 0 && q < 64 ? p << q : null;
                        default -> null;
                    };
                    if (v == null) return null;
                    out.add(v);
                    if (out.size() > MAX_VALUES) return null;
                }
            }
            return out;
        }
        if (x instanceof Expr.Conditional c) {
            Set<Long> t = c.then() == null ? values(c.cond(), flow, depth + 1, visiting) : values(c.then(), flow, depth + 1, visiting);
            Set<Long> f = values(c.otherwise(), flow, depth + 1, visiting);
            if (t == null || f == null) return null;
            Set<Long> out = new TreeSet<>(t);
            out.addAll(f);
            return out;
        }
        return null;
    }

    /** A local's values: its plain stores, closed under its {@code |=} stores. */
    private Set<Long> variable(String name, FunctionFlow flow, int depth, Set<String> visiting) {
        if (flow == null || flow.params().contains(name) || !visiting.add(name)) return null;
        try {
            var stores = flow.stores(name);
            if (stores.isEmpty()) return null;
            Set<Long> plain = new TreeSet<>();
            Set<Long> ors = new TreeSet<>();
            for (FunctionFlow.Store s : stores) {
                if (!accept.test(s)) continue;
                if (s.value() == null) return null;
                Set<Long> v = values(s.value(), flow, depth + 1, visiting);
                if (v == null) return null;
                if (s.op() == null) plain.addAll(v);
                else if (s.op() == Expr.BinaryOp.BIT_OR) ors.addAll(v);
                else return null;
            }
            if (plain.isEmpty()) return null;
            Set<Long> out = new TreeSet<>(plain);
            for (long o : ors) {
                for (long p : new TreeSet<>(out)) {
                    out.add(p | o);
                    if (out.size() > MAX_VALUES) return null;
                }
            }
            return out;
        } finally {
            visiting.remove(name);
        }
    }
}
