package dev.pollcheck.driver;

import dev.pollcheck.flow.CText;
import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Param;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.VarDecl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state atoms a condition reads, each with the value that takes the skipping side. A local is
 * read through the values stored to it in its function; a helper with a body in the driver through
 * its {@code return}s and the tests that choose a constant {@code return} (three levels), its parameters
 * bound to the call's arguments; a parameter of the poll method is not state. Bit tests ({@code test_bit},
 * {@code x & FLAG}), list and fifo emptiness, {@code atomic_read} and the {@code read} lines of
 * {@code write-apis.txt} ({@code video_drvdata}) give their own kinds.
 */
public final class Atoms {
    private static final int MAX_DEPTH = 4;
    private static final Set<String> EMPTINESS = Set.of("list_empty", "list_empty_careful", "kfifo_is_empty",
            "kfifo_is_empty_spinlocked", "kfifo_is_empty_spinlocked_noirqsave", "skb_queue_empty", "skb_queue_empty_lockless", "llist_empty", "hlist_empty");
    private static final Set<String> COUNTERS = Set.of("atomic_read", "atomic_long_read", "kfifo_len",
            "kfifo_avail", "skb_queue_len", "refcount_read");
    private static final Set<String> TRANSPARENT = Set.of("likely", "unlikely", "READ_ONCE", "smp_load_acquire",
            "rcu_dereference", "rcu_access_pointer", "rcu_dereference_protected", "!!", "container_of",
            "list_entry", "list_first_entry", "list_first_entry_or_null", "to_video_device");

    private final DriverModel model;
    private Map<String, Atom> out = new LinkedHashMap<>();

    private Atoms(DriverModel model) {
        this.model = model;
    }

    /**
     * The atoms of {@code cond} as written in {@code owner}; {@code skipOnTrue} says which value of
     * the condition skips. Deterministic: in the order of the condition's text, each key once.
     */
    public static List<Atom> of(Expr cond, boolean skipOnTrue, TopLevel.Function owner, DriverModel model) {
        return of(cond, skipOnTrue, owner, model, null);
    }

    /**
     * The same in a calling context: a parameter of {@code owner} that {@code binding} binds is read
     * through the argument its caller passes (a helper shared by several poll methods has the atoms
     * of each caller's arguments).
     */
    public static List<Atom> of(Expr cond, boolean skipOnTrue, TopLevel.Function owner, DriverModel model,
                                Binding binding) {
        Atoms a = new Atoms(model);
        a.walk(cond, skipOnTrue ? Boolean.TRUE : Boolean.FALSE, owner, a.scope(owner, binding), 0);
        return List.copyOf(a.out.values());
    }

    /**
     * A call's arguments for the callee's parameters: {@code callee} is called with {@code args} from
     * {@code caller}, itself called in the context {@code outer} (null at the poll method).
     */
    public record Binding(TopLevel.Function callee, List<Expr> args, TopLevel.Function caller, Binding outer) {
        /** The argument passed for parameter {@code name} of {@code callee}, or null. */
        Expr arg(String name) {
            List<Param> ps = callee.params();
            for (int i = 0; i < ps.size() && i < args.size(); i++) {
                if (name.equals(ps.get(i).name())) return args.get(i);
            }
            return null;
        }
    }

    /** A function's scope, made once per function and model (a long function has many conditions). */
    private Scope scope(TopLevel.Function f, Binding binding) {
        Scope plain = (Scope) model.memo(f, () -> new Scope(f, null));
        return binding == null || binding.callee() != f ? plain : new Scope(plain, binding);
    }

    /** Locals and parameters of a function, with their types and stored values. */
    private static final class Scope {
        final Set<String> params = new HashSet<>();
        final Map<String, String> tags = new HashMap<>();
        final Map<String, List<Expr>> stores = new HashMap<>();
        final Set<String> locals = new HashSet<>();
        final Binding binding;

        Scope(TopLevel.Function f) {
            this(f, null);
        }

        Scope(Scope plain, Binding binding) {
            this.binding = binding;
            params.addAll(plain.params);
            tags.putAll(plain.tags);
            stores.putAll(plain.stores);
            locals.addAll(plain.locals);
        }

        Scope(TopLevel.Function f, Binding binding) {
            this.binding = binding != null && binding.callee() == f ? binding : null;
            for (Param p : f.params()) {
                if (p.name() == null) continue;
                params.add(p.name());
                if (p.type().tag() != null) tags.put(p.name(), p.type().tag());
            }
            if (f.body() == null) return;
            Ast.walk(f.body(), n -> {
                if (n instanceof Stmt.Decl d) {
                    for (VarDecl v : d.decls()) {
                        locals.add(v.name());
                        if (v.type() != null && v.type().tag() != null) tags.put(v.name(), v.type().tag());
                        if (v.init() != null && !(v.init() instanceof Expr.InitList)) {
                            stores.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v.init());
                        }
                    }
                } else if (n instanceof Expr.Assign a && a.op() == null && CText.strip(a.target()) instanceof Expr.Name nm) {
                    stores.computeIfAbsent(nm.id(), k -> new ArrayList<>()).add(a.value());
                }
            });
        }
    }

    /** {@code pol}: the value of {@code e} that skips (TRUE nonzero, FALSE zero), or null when not known. */
    private void walk(Expr e, Boolean pol, TopLevel.Function owner, Scope scope, int depth) {
        Expr x = CText.strip(e);
        if (x == null || out.size() > 16) return;
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
            walk(u.operand(), pol == null ? null : !pol, owner, scope, depth);
        } else if (x instanceof Expr.Unary u && (u.op() == Expr.UnaryOp.DEREF || u.op() == Expr.UnaryOp.ADDRESS)) {
            walk(u.operand(), pol, owner, scope, depth);
        } else if (x instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR)) {
            if (pol == null) {
                walk(b.left(), null, owner, scope, depth);
                walk(b.right(), null, owner, scope, depth);
                return;
            }
            // One state tested against several constants (q->state == A || q->state == B): its
            // skipping values are a set, the intersection of the sides' when skipping needs both
            // (an && that skips when true, an || that skips when false), else their union.
            Map<String, Atom> saved = out;
            out = new LinkedHashMap<>();
            walk(b.left(), pol, owner, scope, depth);
            Map<String, Atom> left = out;
            out = new LinkedHashMap<>();
            walk(b.right(), pol, owner, scope, depth);
            Map<String, Atom> right = out;
            out = saved;
            boolean both = (b.op() == Expr.BinaryOp.AND) == pol;
            for (Map.Entry<String, Atom> side : left.entrySet()) {
                if (out.size() > 16) return; // as many as the walk reads of one condition
                Atom r = right.get(side.getKey());
                Atom l = side.getValue();
                String sv = r == null || !l.text().equals(r.text()) ? null : StateJudge.combine(l.skipValue(), r.skipValue(), both);
                add(sv == null ? l : l.withSkipValue(sv));
            }
            for (Atom r : right.values()) {
                if (out.size() > 16) return;
                add(r);
            }
        } else if (x instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.EQ || b.op() == Expr.BinaryOp.NE)) {
            String kl = constant(b.left(), scope);
            String kr = constant(b.right(), scope);
            if (kr != null || kl != null) {
                String k = kr != null ? kr : kl;
                Expr side = kr != null ? b.left() : b.right();
                boolean eq = b.op() == Expr.BinaryOp.EQ;
                String sv = null;
                if (pol != null) {
                    boolean equalSkips = eq == pol;
                    sv = k.equals("0") ? (equalSkips ? "0" : "nonzero") : (equalSkips ? k : "!" + k);
                }
                leafValue(side, sv, owner, scope, depth);
            } else {
                walk(b.left(), null, owner, scope, depth);
                walk(b.right(), null, owner, scope, depth);
            }
        } else if (x instanceof Expr.Binary b && relational(b.op()) != null
                && (number(b.right()) != null || number(b.left()) != null)) {
            // dev->interface < 0: the skipping side as a bound ("<0", ">=0") the written values are checked against.
            boolean right = number(b.right()) != null;
            String op = right ? b.op().symbol : relational(b.op());
            Expr side = right ? b.left() : b.right();
            String k = right ? number(b.right()) : number(b.left());
            String sv = pol == null ? null : (pol ? op : negate(op)) + k;
            leafValue(side, sv, owner, scope, depth);
        } else if (x instanceof Expr.Binary b && relational(b.op()) != null) {
            // cl->tx_cb_queued < dev->tx_queue_limit: the skipping side is reached by the left side going
            // down and the right going up (or the reverse); a counter's ++ or -- has that direction.
            String op = pol == null ? null : pol ? b.op().symbol : negate(b.op().symbol);
            boolean less = op != null && op.startsWith("<");
            leafValue(b.left(), op == null ? null : less ? "down" : "up", owner, scope, depth);
            leafValue(b.right(), op == null ? null : less ? "up" : "down", owner, scope, depth);
        } else if (x instanceof Expr.Binary b && b.op() == Expr.BinaryOp.BIT_AND) {
            List<String> bits = bits(b.right());
            Expr obj = b.left();
            if (bits.isEmpty()) {
                bits = bits(b.left());
                obj = b.right();
            }
            if (bits.isEmpty()) {
                walk(b.left(), null, owner, scope, depth);
                walk(b.right(), null, owner, scope, depth);
            } else {
                String word = CText.strip(obj) instanceof Expr.Member ? CText.of(CText.strip(obj)) : null;
                for (String bit : bits) add(new Atom(Atom.Kind.FLAG, bit, null, bit, pol == null ? null : pol ? "1" : "0", word));
                // Skipping while a bit is set: the word is nonzero then, and `|=` of any bits keeps it so.
                walk(obj, Boolean.TRUE.equals(pol) ? Boolean.TRUE : null, owner, scope, depth);
            }
        } else if (x instanceof Expr.Binary b) {
            walk(b.left(), null, owner, scope, depth);
            walk(b.right(), null, owner, scope, depth);
        } else if (x instanceof Expr.Conditional c) {
            walk(c.cond(), null, owner, scope, depth);
            if (c.then() != null) walk(c.then(), pol, owner, scope, depth);
            walk(c.otherwise(), pol, owner, scope, depth);
        } else if (x instanceof Expr.Comma c && !c.exprs().isEmpty()) {
            walk(c.exprs().get(c.exprs().size() - 1), pol, owner, scope, depth);
        } else if (x instanceof Expr.Call c) {
            call(c, pol, owner, scope, depth);
        } else if (x instanceof Expr.Unary u) {
            walk(u.operand(), null, owner, scope, depth); // -x, ~x, x++: the state read, value not followed
        } else {
            leafValue(x, pol == null ? null : pol ? "nonzero" : "0", owner, scope, depth);
        }
    }

    private void call(Expr.Call c, Boolean pol, TopLevel.Function owner, Scope scope, int depth) {
        String name = c.name();
        if (name == null) {
            if (CText.strip(c.callee()) instanceof Expr.Member m) {
                add(new Atom(Atom.Kind.HELPER, m.member(), null, CText.of(c.callee()) + "()", null));
            }
            return;
        }
        if (TRANSPARENT.contains(name) && !c.args().isEmpty()) {
            walk(c.args().get(0), pol, owner, scope, depth);
        } else if ((name.equals("test_bit") || name.equals("constant_test_bit") || name.equals("variable_test_bit"))
                && c.args().size() == 2) {
            for (String bit : bits(c.args().get(0))) {
                add(new Atom(Atom.Kind.FLAG, bit, null, bit, pol == null ? null : pol ? "1" : "0"));
            }
        } else if (EMPTINESS.contains(name) && !c.args().isEmpty()) {
            String m = DriverModel.lastMember(c.args().get(0));
            if (m != null) {
                add(new Atom(Atom.Kind.LIST, m, tagOf(c.args().get(0), scope), CText.of(c.args().get(0)),
                        pol == null ? null : pol ? "empty" : "nonempty"));
            }
        } else if (model.knowledge().lookupArg(name) >= 0 && model.knowledge().lookupArg(name) < c.args().size()) {
            // q = xa_load(&raw->chans_q, id): NULL when the xarray holds nothing for the key, so the
            // test reads the container's contents, which its insert and erase calls write.
            Expr container = c.args().get(model.knowledge().lookupArg(name));
            String m = DriverModel.lastMember(container);
            if (m != null) {
                add(new Atom(Atom.Kind.LIST, m, tagOf(container, scope), CText.of(container),
                        pol == null ? null : pol ? "nonempty" : "empty"));
            }
        } else if (COUNTERS.contains(name) && !c.args().isEmpty()) {
            String m = DriverModel.lastMember(c.args().get(0));
            if (m != null) add(new Atom(Atom.Kind.COUNTER, m, tagOf(c.args().get(0), scope), CText.of(c.args().get(0)), null));
        } else if (model.knowledge().readKey(name) != null) {
            String key = model.knowledge().readKey(name);
            add(new Atom(Atom.Kind.DRVDATA, key, null, name + "()", pol == null ? null : pol ? "nonzero" : "0"));
        } else {
            Expr expanded = depth < MAX_DEPTH ? model.expansion(owner.span().file(), c) : null;
            if (expanded != null) {
                // is_read_mode(dp->file_mode): the macro's text is the test ((dp->file_mode) & SNDRV_SEQ_OSS_FILE_READ).
                walk(expanded, pol, owner, scope, depth + 1);
                return;
            }
            TopLevel.Function h = depth < MAX_DEPTH ? model.function(name, owner.span().file()) : null;
            String always = h == null || h.body() == null ? null : constantResult(h, scope(h, null));
            if (always != null) {
                // A helper that returns one constant on every path: the test can never change.
                add(new Atom(Atom.Kind.CONSTANT, name, h.span().file() + ":" + h.span().line(), name + "()", always));
            } else if (h != null && h.body() != null && !h.body().items().isEmpty()) {
                // The helper's parameters are this call's arguments, so its tests read the caller's state.
                Scope hs = scope(h, new Binding(h, c.args(), owner, scope.binding));
                int before = out.size();
                Ast.walk(h.body(), n -> {
                    if (n instanceof Stmt.Return r && r.value() != null) {
                        walk(r.value(), pol, h, hs, depth + 1);
                    } else if (n instanceof Stmt.If i) {
                        // if (c) return K;: c decides the result, and K says which side of c skips.
                        String k = constantReturn(i.then(), hs);
                        if (k != null) walk(i.cond(), pol == null ? null : k.equals("0") != pol, h, hs, depth + 1);
                    }
                });
                if (out.size() == before) add(new Atom(Atom.Kind.HELPER, name, null, name + "()", null));
            } else {
                add(new Atom(Atom.Kind.HELPER, name, null, name + "()", null));
            }
        }
    }

    /** The constant that {@code s} returns when it is, or ends in, {@code return K;}; else null. */
    private String constantReturn(Stmt s, Scope scope) {
        while (s instanceof Stmt.Block b && !b.items().isEmpty()) s = b.items().get(b.items().size() - 1);
        return s instanceof Stmt.Return r && r.value() != null ? constant(r.value(), scope) : null;
    }

    /**
     * The constant {@code e} spells: a number, NULL, an upper-case name, or a name of no local or
     * parameter of {@code scope} that the driver declares as an enumerator ({@code smu_file_commands}).
     */
    private String constant(Expr e, Scope scope) {
        String k = DriverModel.constant(e);
        if (k != null) return k;
        return CText.strip(e) instanceof Expr.Name n && !scope.params.contains(n.id()) && !scope.locals.contains(n.id())
                && model.enumerator(n.id()) ? n.id() : null;
    }

    /** The one constant every {@code return} of {@code h} returns, or null (none, or several values). */
    private String constantResult(TopLevel.Function h, Scope scope) {
        String[] k = {null};
        boolean[] other = {false};
        Ast.walk(h.body(), n -> {
            if (n instanceof Stmt.Return r) {
                String c = r.value() == null ? null : constant(r.value(), scope);
                if (c == null || (k[0] != null && !k[0].equals(c))) other[0] = true;
                else k[0] = c;
            }
        });
        return other[0] ? null : k[0];
    }

    /** A member, a local or a file-scope name, whose skipping value is {@code sv}. */
    private void leafValue(Expr e, String sv, TopLevel.Function owner, Scope scope, int depth) {
        Expr x = CText.strip(e);
        if (x instanceof Expr.Unary u && (u.op() == Expr.UnaryOp.DEREF || u.op() == Expr.UnaryOp.ADDRESS)) x = CText.strip(u.operand());
        while (x instanceof Expr.Index ix) x = CText.strip(ix.base());
        if (x instanceof Expr.Member m) {
            if (m.member().equals("private_data")) {
                // The private data of the poll method's own file: the outermost function of the context.
                String method = owner.name();
                for (Binding b = scope.binding; b != null; b = b.outer()) method = b.caller().name();
                add(new Atom(Atom.Kind.PRIVATE_DATA, m.member(), DriverModel.baseTag(m.base(), scope.tags), CText.of(m), sv,
                        null, method));
            } else {
                add(new Atom(Atom.Kind.MEMBER, m.member(), DriverModel.baseTag(m.base(), scope.tags), CText.of(m), sv));
            }
        } else if (x instanceof Expr.Name n) {
            String id = n.id();
            if (scope.params.contains(id)) {
                // A parameter is the caller's argument, where the context says which; else not state.
                Expr arg = scope.binding == null || depth >= MAX_DEPTH ? null : scope.binding.arg(id);
                if (arg != null) {
                    Binding b = scope.binding;
                    walk(arg, sv == null ? null : sv.equals("0") ? Boolean.FALSE : sv.equals("nonzero") ? Boolean.TRUE : null,
                            b.caller(), scope(b.caller(), b.outer()), depth + 1);
                }
                return;
            }
            if (scope.locals.contains(id)) {
                if (depth >= MAX_DEPTH) return;
                if (setUnder(id, sv, owner, scope, depth)) return;
                for (Expr v : scope.stores.getOrDefault(id, List.of())) {
                    if ("0".equals(DriverModel.constant(v))) continue; // struct foo *p = NULL; p = ...;
                    walk(v, sv == null ? null : sv.equals("0") ? Boolean.FALSE : sv.equals("nonzero") ? Boolean.TRUE : null,
                            owner, scope, depth + 1);
                }
            } else if (constant(x, scope) == null) {
                add(new Atom(Atom.Kind.MEMBER, id, null, id, sv));
            }
        } else if (x instanceof Expr.Call || x instanceof Expr.Binary || x instanceof Expr.Unary) {
            walk(x, sv == null ? null : sv.equals("0") ? Boolean.FALSE : sv.equals("nonzero") ? Boolean.TRUE : null,
                    owner, scope, depth);
        }
    }

    /**
     * A local that holds constants only, set to a nonzero one under a condition
     * ({@code ret = 0; if (!idev->info) ret = -EIO; ... if (ret) return ret;}): the conditions that set
     * it are what the test reads. True when that is how {@code id} is made (its atoms are then added).
     */
    private boolean setUnder(String id, String sv, TopLevel.Function owner, Scope scope, int depth) {
        if (owner.body() == null || !("0".equals(sv) || "nonzero".equals(sv))) return false;
        List<Expr> stores = scope.stores.getOrDefault(id, List.of());
        if (stores.isEmpty()) return false;
        for (Expr v : stores) if (constantLike(v) == null) return false;
        List<Expr> conds = new ArrayList<>();
        Ast.walk(owner.body(), n -> {
            if (n instanceof Stmt.If i && setsTo(i.then(), id) != null && !"0".equals(setsTo(i.then(), id))) conds.add(i.cond());
        });
        // Every nonzero store must sit under such an if (the zero ones reset it).
        int nonzero = 0;
        for (Expr v : stores) if (!"0".equals(constantLike(v))) nonzero++;
        if (conds.isEmpty() || conds.size() != nonzero) return false;
        for (Expr c : conds) walk(c, "nonzero".equals(sv) ? Boolean.TRUE : Boolean.FALSE, owner, scope, depth + 1);
        return true;
    }

    /** The constant {@code s} (an assignment statement, or a block of one) stores in {@code id}, or null. */
    private static String setsTo(Stmt s, String id) {
        while (s instanceof Stmt.Block b && b.items().size() == 1) s = b.items().get(0);
        if (s instanceof Stmt.ExprStmt es && CText.strip(es.expr()) instanceof Expr.Assign a && a.op() == null
                && CText.strip(a.target()) instanceof Expr.Name nm && nm.id().equals(id)) {
            return constantLike(a.value());
        }
        return null;
    }

    /** {@code 0}, a number, {@code -EIO}, {@code EPOLLERR}: a constant's spelling ("0" for zero), else null. */
    private static String constantLike(Expr v) {
        Expr x = CText.strip(v);
        while (x instanceof Expr.Cast c) x = CText.strip(c.operand());
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
            String k = constantLike(u.operand());
            return k == null ? null : "0".equals(k) ? "0" : "-" + k;
        }
        return DriverModel.constant(x);
    }

    /** For {@code <}, {@code >}, {@code <=}, {@code >=}: the operator with its sides swapped; null for others. */
    private static String relational(Expr.BinaryOp op) {
        return switch (op) {
            case LT -> ">";
            case GT -> "<";
            case LE -> ">=";
            case GE -> "<=";
            default -> null;
        };
    }

    private static String negate(String op) {
        return switch (op) {
            case "<" -> ">=";
            case ">" -> "<=";
            case "<=" -> ">";
            default -> "<";
        };
    }

    /** The integer a constant expression spells ({@code 0}, {@code -1}), or null. */
    private static String number(Expr e) {
        String k = DriverModel.constant(e);
        if (k == null) return null;
        try {
            Long.parseLong(k);
            return k;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static String tagOf(Expr e, Scope scope) {
        Expr x = CText.strip(e);
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS) x = CText.strip(u.operand());
        if (x instanceof Expr.Member m) return DriverModel.baseTag(m.base(), scope.tags);
        return null;
    }

    private void add(Atom a) {
        out.putIfAbsent(a.kind() + ":" + a.key(), a);
    }

    /** Upper-case names in a bit mask expression. */
    private static List<String> bits(Expr e) {
        List<String> out = new ArrayList<>();
        boolean[] other = {false};
        Ast.walk(e, n -> {
            if (n instanceof Expr.Name nm) {
                String id = nm.id();
                if (id.equals(id.toUpperCase(java.util.Locale.ROOT)) && Character.isLetter(id.charAt(0)) && !id.equals("BIT")) out.add(id);
                else if (!id.equals("BIT")) other[0] = true;
            } else if (n instanceof Expr.Member) {
                other[0] = true;
            }
        });
        return other[0] ? List.of() : out;
    }
}
