package dev.pollcheck.fix;

import dev.pollcheck.flow.CText;
import dev.pollcheck.flow.HelperModel;
import dev.pollcheck.flow.Registration;
import dev.pollcheck.flow.Shapes;
import dev.pollcheck.flow.Skip;
import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Node;
import dev.pollcheck.model.Param;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.VarDecl;
import dev.pollcheck.sim.Simulator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans the edits of one poll method: for every skipped registration, a {@code poll_wait(file, Q, pt)}
 * at the earliest top-level point of the body where Q can be evaluated (after the declarations and
 * statements that set what Q reads and after the sanity checks of those values, before the first
 * condition that can skip it), and the removal of the conditional call that became redundant. Only the
 * text changes here; {@link Fixer} proves the result.
 */
final class Planner {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");
    /** Lock acquisitions by the kernel's naming ({@code mutex_lock}, {@code spin_lock_irqsave}, ...). */
    private static final Pattern LOCK = Pattern.compile("(.*_)?(lock|lock_irq|lock_irqsave|lock_bh|lock_nested"
            + "|lock_interruptible|lock_killable|trylock|read_lock|write_lock|down|down_read|down_write"
            + "|down_interruptible)");
    private static final Pattern WARN_LIKE = Pattern.compile("(.*_)?(WARN|BUG)(_ON)?(_ONCE)?(_SMP)?");

    /** One registration's share of the plan. */
    record Move(Registration reg, int at, int firstSkip, List<String> queues, String statement, Stmt remove, int order) {
    }

    /** The edits, the queues they register first (in order) and, per registration call left alone, why. */
    record Plan(List<Edit> edits, List<String> queues, Map<Expr.Call, String> reasons) {
    }

    private final TopLevel.Function m;
    private final TextEdits t;
    private final List<Stmt> items;
    private final Map<Node, Node> parent = new IdentityHashMap<>();
    private final Map<String, Stmt> localDecl = new LinkedHashMap<>();
    private final Set<String> params = new HashSet<>();
    private final List<Expr.Assign> assigns = new ArrayList<>();
    private final List<Expr.Unary> steps = new ArrayList<>();

    Planner(TopLevel.Function m, TextEdits t) {
        this.m = m;
        this.t = t;
        this.items = m.body().items();
        for (Param p : m.params()) {
            if (p.name() != null) params.add(p.name());
        }
        Ast.walk(m.body(), n -> {
            for (Node c : Ast.children(n)) parent.put(c, n);
            if (n instanceof Stmt.Decl d) {
                for (VarDecl v : d.decls()) {
                    if (v.name() != null) localDecl.putIfAbsent(v.name(), d);
                }
            }
            if (n instanceof Expr.Assign a) assigns.add(a);
            if (n instanceof Expr.Unary u && (u.op() == Expr.UnaryOp.PRE_INC || u.op() == Expr.UnaryOp.PRE_DEC
                    || u.op() == Expr.UnaryOp.POST_INC || u.op() == Expr.UnaryOp.POST_DEC)) {
                steps.add(u);
            }
        });
    }

    Plan plan(List<Registration> regs, int ptIndex) {
        Map<Expr.Call, String> reasons = new IdentityHashMap<>();
        String file = null;
        for (Param p : m.params()) {
            if (Shapes.isFile(p.type()) && p.name() != null) {
                file = p.name();
                break;
            }
        }
        String pt = ptIndex >= 0 && ptIndex < m.params().size() ? m.params().get(ptIndex).name() : null;
        List<Move> moves = new ArrayList<>();
        for (Registration r : regs) {
            if (file == null || pt == null) {
                reasons.put(r.call(), "the method has no named " + (file == null ? "struct file *" : "poll_table *")
                        + " parameter to register with");
                continue;
            }
            String[] why = new String[1];
            Move mv = move(r, file, pt, why);
            if (mv == null) reasons.put(r.call(), why[0]);
            else moves.add(mv);
        }
        if (moves.isEmpty()) return new Plan(List.of(), List.of(), reasons);
        moves.sort(Comparator.comparingInt(Move::order));
        // One block for all, at the latest of their points, when that still precedes every skip.
        int common = moves.stream().mapToInt(Move::at).max().orElseThrow();
        if (moves.stream().allMatch(mv -> common <= mv.firstSkip())) {
            List<Move> same = new ArrayList<>();
            for (Move mv : moves) same.add(new Move(mv.reg(), common, mv.firstSkip(), mv.queues(), mv.statement(),
                    mv.remove(), mv.order()));
            moves = same;
        }
        List<Edit> edits = new ArrayList<>();
        List<String> queues = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // One block of registrations per insertion point, in the registrations' original order.
        Map<Integer, StringBuilder> blocks = new TreeMap<>();
        String file0 = file;
        String pt0 = pt;
        for (Move mv : moves) {
            StringBuilder block = blocks.computeIfAbsent(mv.at(), k -> new StringBuilder());
            String indent = indentOf(items.get(mv.at()));
            if (mv.statement() != null) {
                if (seen.add(Simulator.canonicalQueue(String.join(";", mv.queues())))) {
                    block.append(indent).append(mv.statement()).append('\n');
                    queues.addAll(mv.queues());
                }
            } else {
                for (String q : mv.queues()) {
                    if (!seen.add(Simulator.canonicalQueue(q))) continue;
                    block.append(indent).append("poll_wait(").append(file0).append(", ").append(q).append(", ")
                            .append(pt0).append(");\n");
                    queues.add(q);
                }
            }
        }
        Set<Stmt> removed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Move mv : moves) {
            if (mv.remove() == null) continue;
            List<Edit> del = new ArrayList<>();
            String why = delete(mv.remove(), del, removed);
            if (why != null) {
                // The conditional call cannot be taken out cleanly: keep it (registering twice on one
                // path is harmless) only when the verification accepts the result; say so otherwise.
                reasons.put(mv.reg().call(), why);
                return new Plan(List.of(), List.of(), allReasons(moves, why, reasons));
            }
            edits.addAll(del);
        }
        for (Map.Entry<Integer, StringBuilder> b : blocks.entrySet()) {
            if (b.getValue().length() > 0) edits.add(insertion(b.getKey(), b.getValue().toString(), removed.contains(items.get(b.getKey()))));
        }
        return new Plan(edits, queues, reasons);
    }

    private static Map<Expr.Call, String> allReasons(List<Move> moves, String why, Map<Expr.Call, String> reasons) {
        for (Move mv : moves) reasons.putIfAbsent(mv.reg().call(), why);
        return reasons;
    }

    /** The move of one registration, or null with the reason in {@code why[0]}. */
    private Move move(Registration r, String file, String pt, String[] why) {
        if (r.owner() != m) {
            why[0] = "the registration is in " + r.owner().name() + "() (line " + r.call().span().line()
                    + "), called from " + m.name() + "(); the fix belongs in the caller's view, by hand";
            return null;
        }
        Expr.Call call = r.call();
        int ri = topIndex(call);
        if (ri < 0) {
            why[0] = "the registration is not inside the method's body";
            return null;
        }
        List<String> queues = new ArrayList<>();
        Stmt remove = null;
        String statement = null;
        if ("poll_wait".equals(call.name()) && call.args().size() == 3) {
            queues.add(source(call.args().get(1)));
            Node p = parent.get(call);
            if (!(p instanceof Stmt.ExprStmt es)) {
                why[0] = "the value of `" + source(call) + "` is used, so the call cannot be moved";
                return null;
            }
            remove = es;
        } else if (r.model() != null && !r.queues().isEmpty()) {
            HelperModel model = r.model();
            for (int i = 0; i < model.queues().size() && i < r.queues().size(); i++) {
                String template = model.queues().get(i);
                String q = r.queues().get(i);
                String bad = inexpressible(template, q);
                if (bad != null) {
                    why[0] = "`" + call.name() + "()` registers `" + q + "`, " + bad;
                    return null;
                }
                queues.add(q);
            }
            Node p = parent.get(call);
            if (model.primitive() && model.returns() == HelperModel.Returns.NONE && p instanceof Stmt.ExprStmt es) {
                // A registration primitive other than poll_wait moves as it is written.
                statement = source(es).strip();
                if (!statement.endsWith(";")) statement += ";";
                remove = es;
            }
        } else {
            why[0] = "`" + r.callee() + "()` registers queues pollcheck cannot name";
            return null;
        }
        int s0 = ri;
        int guard = -1;
        Set<Skip> guards = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        String skipText = null;
        int skipLine = 0;
        Set<String> names = new HashSet<>();
        for (String q : queues) names.addAll(reads(q));
        for (Skip s : r.skips()) {
            if (s.kind() == Skip.Kind.LOOP) {
                why[0] = "the registration is inside a loop (line " + s.span().line() + "), one per iteration";
                return null;
            }
            if (s.kind() == Skip.Kind.PT_CHECK) continue;
            int si = topIndex(s.condition());
            if (si < 0) continue;
            if (sanityGuard(items.get(si), names)) {
                guard = Math.max(guard, si);
                guards.add(s);
            } else if (si < s0 || si == s0 && skipText == null) {
                s0 = si;
                skipText = s.text();
                skipLine = s.span().line();
            }
        }
        if (skipText == null) {
            skipText = "the statement";
            skipLine = items.get(ri).span().line();
        }
        int at = firstStatement();
        int callOffset = offset(call.span());
        for (String n : names) {
            if (!params.contains(n) && !localDecl.containsKey(n)) continue; // a global: readable anywhere
            Stmt decl = localDecl.get(n);
            if (decl != null) {
                int di = topIndex(decl);
                if (di < 0 || parent.get(decl) != m.body()) {
                    why[0] = "`" + queues.get(0) + "` needs `" + n + "`, declared in an inner block at line "
                            + decl.span().line();
                    return null;
                }
                if (di >= s0) {
                    why[0] = "`" + queues.get(0) + "` needs `" + n + "`, declared at line " + decl.span().line()
                            + " after `" + skipText + "` (line " + skipLine + ") that can skip the registration";
                    return null;
                }
                at = Math.max(at, di + 1);
            }
            for (Node set : setters(n)) {
                if (offset(((Expr) set).span()) >= callOffset) continue;
                int ai = topIndex(set);
                if (ai >= s0) {
                    why[0] = "`" + queues.get(0) + "` needs `" + n + "`" + origin(set) + " at line "
                            + ((Expr) set).span().line() + ", " + (ai == s0 ? "under" : "after") + " `" + skipText
                            + "` (line " + skipLine + ") that can skip the registration";
                    return null;
                }
                at = Math.max(at, ai + 1);
            }
        }
        // A condition that tests a pointer the queue goes through (if (p) poll_wait(f, &p->q, pt)) is what
        // makes evaluating the queue safe: it cannot be skipped.
        for (Skip s : r.skips()) {
            if (s.kind() == Skip.Kind.PT_CHECK || s.kind() == Skip.Kind.LOOP || guards.contains(s)) continue;
            for (String q : queues) {
                String base = testedBase(q, s.condition());
                if (base != null) {
                    why[0] = "`" + q + "` goes through `" + base + "`, which `" + s.text().strip() + "` (line "
                            + s.span().line() + ") tests: registering it unconditionally could follow a NULL pointer";
                    return null;
                }
            }
        }
        if (guard >= s0) {
            why[0] = "`" + queues.get(0) + "` can be evaluated only after the check at line "
                    + items.get(guard).span().line() + ", which follows `" + skipText + "` (line " + skipLine + ")";
            return null;
        }
        at = Math.max(at, guard + 1);
        String load = loads(queues);
        if (load != null) {
            for (int k = at; k < ri; k++) {
                Expr.Call lock = lockCall(items.get(k));
                if (lock == null) continue;
                if (k < s0) {
                    at = k + 1; // read the queue pointer under the lock, as the original did
                } else {
                    why[0] = "`" + queues.get(0) + "` reads `" + load + "` under `" + source(lock) + "` taken at line "
                            + lock.span().line() + ", after `" + skipText + "` (line " + skipLine + ")";
                    return null;
                }
            }
        }
        // After the registrations that already come first, so the queues stay in their order.
        while (at < s0 && unconditionalRegistration(items.get(at))) at++;
        if (at > s0) {
            why[0] = "`" + queues.get(0) + "` cannot be evaluated before `" + skipText + "` (line " + skipLine
                    + "), the first condition that can skip it";
            return null;
        }
        return new Move(r, at, s0, queues, statement, remove, callOffset);
    }

    /** Why a model's queue cannot be written in the caller, or null. */
    private static String inexpressible(String template, String filled) {
        if (filled.contains("unknown") || filled.contains("?")) return "which pollcheck cannot name";
        if (!template.contains("$")) {
            return "which names a variable of the helper, not an argument of the call";
        }
        int at = template.indexOf('$');
        String rest = template.substring(at);
        int arrows = rest.split("->", -1).length - 1;
        if (arrows > 1) {
            return "which goes through a member whose type pollcheck does not know";
        }
        return null;
    }

    /** Where a variable's value came from, for a message: {@code  from `get_thread()`}. */
    private String origin(Node set) {
        if (set instanceof Expr.Assign a) {
            Expr v = CText.strip(a.value());
            if (v instanceof Expr.Call c) return " from `" + (c.name() != null ? c.name() : CText.of(c.callee())) + "()`";
        }
        return ", set";
    }

    /** Assignments, increments and address-taking that can change {@code name}. */
    private List<Node> setters(String name) {
        List<Node> out = new ArrayList<>();
        for (Expr.Assign a : assigns) {
            if (name.equals(CText.nameOf(a.target()))) out.add(a);
        }
        for (Expr.Unary u : steps) {
            if (name.equals(CText.nameOf(u.operand()))) out.add(u);
        }
        return out;
    }

    /** The identifiers a queue expression reads as variables (not members, not called names). */
    static Set<String> reads(String q) {
        Set<String> out = new HashSet<>();
        Matcher mt = IDENT.matcher(q);
        while (mt.find()) {
            int s = mt.start();
            String before = q.substring(0, s).stripTrailing();
            if (before.endsWith("->") || before.endsWith(".")) continue;
            String after = q.substring(mt.end()).stripLeading();
            if (after.startsWith("(")) continue;
            out.add(mt.group());
        }
        return out;
    }

    /**
     * A pointer the queue expression dereferences ({@code chan->in_fifo} in {@code &chan->in_fifo->waitq})
     * that the condition tests for NULL ({@code p}, {@code !p}, {@code p == NULL}, {@code IS_ERR(p)}, joined
     * by {@code &&}, {@code ||}), or null.
     */
    static String testedBase(String queue, Expr condition) {
        String q = queue.replace(" ", "");
        if (q.startsWith("&")) q = q.substring(1);
        List<String> bases = new ArrayList<>();
        for (int at = q.indexOf("->"); at > 0; at = q.indexOf("->", at + 2)) bases.add(q.substring(0, at));
        return nullTested(condition, bases, 0);
    }

    private static String nullTested(Expr e, List<String> bases, int depth) {
        if (e == null || depth > 20) return null;
        Expr x = CText.strip(e);
        if (x instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR)) {
            String l = nullTested(b.left(), bases, depth + 1);
            return l != null ? l : nullTested(b.right(), bases, depth + 1);
        }
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) return nullTested(u.operand(), bases, depth + 1);
        if (x instanceof Expr.Call c && c.name() != null && c.args().size() == 1
                && (c.name().equals("IS_ERR") || c.name().equals("IS_ERR_OR_NULL") || c.name().equals("likely")
                || c.name().equals("unlikely"))) {
            return nullTested(c.args().get(0), bases, depth + 1);
        }
        if (x instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.EQ || b.op() == Expr.BinaryOp.NE)) {
            if (isNull(b.right())) return nullTested(b.left(), bases, depth + 1);
            if (isNull(b.left())) return nullTested(b.right(), bases, depth + 1);
            return null;
        }
        String text = CText.of(x).replace(" ", "");
        return bases.contains(text) ? text : null;
    }

    /** A part of the queue expression read from memory beyond the variables themselves, or null. */
    private static String loads(List<String> queues) {
        for (String q : queues) {
            String s = q.replace(" ", "");
            int first = s.indexOf("->");
            if (first >= 0 && s.indexOf("->", first + 2) >= 0) {
                return s.substring(s.startsWith("&") ? 1 : 0, s.indexOf("->", first + 2));
            }
            if (s.contains("[")) return s.substring(s.startsWith("&") ? 1 : 0, s.indexOf('['));
        }
        return null;
    }

    /**
     * A top-level {@code if} that leaves the function when a value the queue reads is NULL, an error
     * pointer or fails a WARN/BUG-style check: the queue can be evaluated only after it.
     */
    private static boolean sanityGuard(Stmt s, Set<String> names) {
        if (!(s instanceof Stmt.If i) || i.otherwise() != null || !exits(i.then())) return false;
        return sanity(i.cond(), names, 0);
    }

    private static boolean sanity(Expr e, Set<String> names, int depth) {
        if (depth > 20) return false;
        Expr x = CText.strip(e);
        if (x instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.OR || b.op() == Expr.BinaryOp.AND)) {
            return sanity(b.left(), names, depth + 1) || sanity(b.right(), names, depth + 1);
        }
        if (x instanceof Expr.Call c && c.name() != null) {
            if (WARN_LIKE.matcher(c.name()).matches()) return readsAny(c, names);
            if ((c.name().equals("IS_ERR") || c.name().equals("IS_ERR_OR_NULL") || c.name().equals("unlikely"))
                    && c.args().size() == 1) {
                return c.name().equals("unlikely") ? sanity(c.args().get(0), names, depth + 1)
                        : readsAny(c.args().get(0), names);
            }
            return false;
        }
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
            Expr o = CText.strip(u.operand());
            return (o instanceof Expr.Name || o instanceof Expr.Member) && readsAny(o, names);
        }
        if (x instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.EQ)) {
            boolean nullRight = isNull(b.right());
            boolean nullLeft = isNull(b.left());
            return (nullRight && readsAny(b.left(), names)) || (nullLeft && readsAny(b.right(), names));
        }
        return false;
    }

    private static boolean isNull(Expr e) {
        Expr x = CText.strip(e);
        return x instanceof Expr.Name n && n.id().equals("NULL") || x instanceof Expr.IntConst c && c.value() == 0;
    }

    private static boolean readsAny(Node e, Set<String> names) {
        boolean[] hit = {false};
        Ast.walk(e, n -> {
            if (n instanceof Expr.Name nm && names.contains(nm.id())) hit[0] = true;
        });
        return hit[0];
    }

    /** Whether a statement always leaves the function ({@code return}, {@code goto}). */
    private static boolean exits(Stmt s) {
        if (s instanceof Stmt.Return || s instanceof Stmt.Goto) return true;
        if (s instanceof Stmt.Block b && !b.items().isEmpty()) return exits(b.items().get(b.items().size() - 1));
        return false;
    }

    private Expr.Call lockCall(Stmt s) {
        if (s instanceof Stmt.ExprStmt es && CText.strip(es.expr()) instanceof Expr.Call c && c.name() != null
                && LOCK.matcher(c.name()).matches()) {
            return c;
        }
        return null;
    }

    private static boolean unconditionalRegistration(Stmt s) {
        return s instanceof Stmt.ExprStmt es && CText.strip(es.expr()) instanceof Expr.Call c
                && "poll_wait".equals(c.name());
    }

    /** The index of the first top-level statement that is not a declaration. */
    private int firstStatement() {
        int i = 0;
        while (i < items.size() && items.get(i) instanceof Stmt.Decl) i++;
        return i;
    }

    /** The index in the body of the top-level statement holding {@code n}, or -1. */
    private int topIndex(Node n) {
        Node cur = n;
        while (cur != null) {
            Node p = parent.get(cur);
            if (p == m.body()) {
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i) == cur) return i;
                }
                return -1;
            }
            cur = p;
        }
        return -1;
    }

    private int offset(Span s) {
        return t.offset(s.line(), s.column());
    }

    private int endOffset(Span s) {
        return t.offset(s.endLine(), s.endColumn());
    }

    private String source(Node n) {
        Span s = n instanceof Expr e ? e.span() : ((Stmt) n).span();
        return t.text().substring(offset(s), Math.max(offset(s), endOffset(s)));
    }

    private String indentOf(Stmt s) {
        String line = t.line(s.span().line());
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
        return line.substring(0, i);
    }

    /**
     * The insertion of {@code block} before top-level statement {@code at}: at the start of its line,
     * above the comment lines that introduce it, set off by blank lines the way the code around is.
     */
    private Edit insertion(int at, String block, boolean replacesNext) {
        int line = items.get(at).span().line();
        while (line > 1 && commentOnly(t.line(line - 1))) line--;
        String prev = t.line(line - 1).strip();
        boolean afterDecl = at > 0 && items.get(at - 1) instanceof Stmt.Decl
                && items.get(at - 1).span().endLine() == line - 1;
        String text = block;
        if (afterDecl) {
            text = "\n" + text;
        } else if (prev.isEmpty() && !replacesNext) {
            text = text + "\n";
        }
        int off = t.lineStart(line);
        return t.edit(off, off, text);
    }

    private static boolean commentOnly(String line) {
        String s = line.strip();
        return s.startsWith("/*") || s.startsWith("//") || s.startsWith("*/") || s.equals("*") || s.startsWith("* ");
    }

    private static boolean pure(Expr cond) {
        boolean[] effect = {false};
        Ast.walk(cond, n -> {
            if (n instanceof Expr.Assign) effect[0] = true;
            if (n instanceof Expr.Unary u && (u.op() == Expr.UnaryOp.PRE_INC || u.op() == Expr.UnaryOp.PRE_DEC
                    || u.op() == Expr.UnaryOp.POST_INC || u.op() == Expr.UnaryOp.POST_DEC)) {
                effect[0] = true;
            }
        });
        return !effect[0];
    }

    /**
     * The deletion of a registration statement that became redundant, taking with it an {@code if} or
     * {@code else} that held nothing else, and braces that no longer hold two statements. Null, or why not.
     */
    private String delete(Stmt s, List<Edit> out, Set<Stmt> removed) {
        Node p = parent.get(s);
        if (p instanceof Stmt.Block b && b != m.body()) {
            Node pp = parent.get(b);
            long left = b.items().stream().filter(x -> x != s && !removed.contains(x)).count();
            if (left == 0 && pp instanceof Stmt.If i) {
                if (i.then() == b && i.otherwise() == null && pure(i.cond())) return delete(i, out, removed);
                if (i.otherwise() == b) return deleteElse(i, b, out, removed);
            }
            if (left == 0) return "removing the call would leave an empty block at line " + b.span().line();
            removed.add(s);
            deleteLines(s, out);
            if (left == 1 && pp instanceof Stmt.If i && i.then() == b && i.otherwise() == null) {
                Stmt rest = b.items().stream().filter(x -> x != s && !removed.contains(x)).findFirst().orElseThrow();
                // checkpatch wants no braces around one simple statement; a compound one keeps them
                if (simple(rest)) unbrace(b, out);
            }
            return null;
        }
        if (p == m.body()) {
            removed.add(s);
            deleteLines(s, out);
            return null;
        }
        if (p instanceof Stmt.If i) {
            if (i.then() == s && i.otherwise() == null) {
                if (!pure(i.cond())) return "the condition at line " + i.span().line() + " has side effects";
                return delete(i, out, removed);
            }
            if (i.otherwise() == s) return deleteElse(i, s, out, removed);
            return "the registration is the first arm of the if-else at line " + i.span().line();
        }
        if (p instanceof Stmt.Case || p instanceof Stmt.Default || p instanceof Stmt.Labeled) {
            return "the registration carries a label (a `case` of a switch, or a goto target) that must stay";
        }
        return "the registration is not a statement of its own block";
    }

    private String deleteElse(Stmt.If i, Stmt arm, List<Edit> out, Set<Stmt> removed) {
        removed.add(arm);
        int from = endOffset(i.then().span());
        int to = endOffset(arm.span());
        // a comment after the removed arm goes with it
        int el = t.lineOf(Math.max(from, to - 1));
        int lineEnd = t.lineEnd(el);
        String tail = t.text().substring(to, lineEnd).strip();
        if (tail.startsWith("/*") && tail.endsWith("*/") && tail.indexOf("*/") == tail.length() - 2) {
            to = t.text().charAt(lineEnd - 1) == '\n' ? lineEnd - 1 : lineEnd;
        }
        out.add(t.edit(from, to, ""));
        return null;
    }

    /** Deletes whole lines when the statement has them to itself, and a blank line that would be left doubled. */
    private void deleteLines(Stmt s, List<Edit> out) {
        int start = offset(s.span());
        int end = endOffset(s.span());
        while (end < t.text().length() && t.text().charAt(end) == ' ') end++;
        if (end < t.text().length() && t.text().charAt(end) == ';') end++;
        int sl = t.lineOf(start);
        int el = t.lineOf(Math.max(start, end - 1));
        boolean ownsStart = t.text().substring(t.lineStart(sl), start).isBlank();
        String tail = t.text().substring(end, Math.min(t.text().length(), t.lineEnd(el)));
        boolean ownsEnd = tail.isBlank() || tail.strip().startsWith("/*") && tail.strip().endsWith("*/");
        if (!ownsStart || !ownsEnd) {
            out.add(t.edit(start, end, ""));
            return;
        }
        int from = t.lineStart(sl);
        int to = t.lineEnd(el);
        String before = t.line(sl - 1).strip();
        boolean nextBlank = t.blank(el + 1) && el + 1 <= t.lines();
        String after = t.line(el + 1).strip();
        if (nextBlank && (before.isEmpty() || before.endsWith("{"))) {
            to = t.lineEnd(el + 1);
        } else if (before.isEmpty() && sl > 1 && after.startsWith("}")) {
            from = t.lineStart(sl - 1);
        }
        out.add(t.edit(from, to, ""));
    }

    private static boolean simple(Stmt s) {
        return (s instanceof Stmt.ExprStmt || s instanceof Stmt.Return || s instanceof Stmt.Break
                || s instanceof Stmt.Continue || s instanceof Stmt.Goto) && s.span().line() == s.span().endLine();
    }

    /** Drops the braces of a block left with one statement ({@code if (c) {\n x;\n }} becomes {@code if (c)\n x;}). */
    private void unbrace(Stmt.Block b, List<Edit> out) {
        int open = offset(b.span());
        int close = endOffset(b.span()) - 1;
        if (t.text().charAt(open) != '{' || close < 0 || t.text().charAt(close) != '}') return;
        int from = open;
        while (from > 0 && (t.text().charAt(from - 1) == ' ' || t.text().charAt(from - 1) == '\t')) from--;
        out.add(t.edit(from, open + 1, ""));
        int cl = t.lineOf(close);
        if (t.line(cl).strip().equals("}")) {
            out.add(t.edit(t.lineStart(cl), t.lineEnd(cl), ""));
        } else {
            out.add(t.edit(close, close + 1, ""));
        }
    }
}
