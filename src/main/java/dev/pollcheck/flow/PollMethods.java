package dev.pollcheck.flow;

import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.model.VarDecl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the poll methods of a {@link Program}:
 * <ul>
 * <li>designated initializers of the listed ops types ({@link OpsTypes}), with or without {@code &},
 * in arrays of ops, nested initializers and compound literals;</li>
 * <li>any {@code .member = fn} (initializer or assignment) whose function has the poll shape
 * ({@link Shapes#hasPollShape});</li>
 * <li>the same through same-file macros: a {@code #define} naming the function, a function-like
 * macro whose expansion is an initializer, an object-like macro used as the whole initializer;</li>
 * <li>functions whose signature alone is a poll method's ({@link Shapes#isPollMethodSignature}).</li>
 * </ul>
 * One entry per reference (deduplicated by function and place), sorted by file, line, column.
 */
public final class PollMethods {
    private static final Pattern DESIGNATED = Pattern.compile("\\.\\s*([A-Za-z_]\\w*)\\s*=\\s*&?\\s*\\(?\\s*([A-Za-z_]\\w*)\\s*\\)?\\s*[,}]");
    private static final Pattern STRUCT_TAG = Pattern.compile("\\bstruct\\s+([A-Za-z_]\\w*)");

    private final Program program;
    private final OpsTypes ops;
    private final Map<String, PollMethod> found = new LinkedHashMap<>();

    private PollMethods(Program program, OpsTypes ops) {
        this.program = program;
        this.ops = ops;
    }

    public static List<PollMethod> find(Program program, OpsTypes ops) {
        return find(program, ops, 1);
    }

    /** {@link #find(Program, OpsTypes)}, the units read on {@code jobs} threads (the result is the same). */
    public static List<PollMethod> find(Program program, OpsTypes ops, int jobs) {
        PollMethods pm = new PollMethods(program, ops);
        // Each unit on its own, merged in the units' order as one pass would have found them.
        List<Map<String, PollMethod>> perUnit = Workers.map(program.units(), jobs, "pollcheck-discovery", tu -> {
            PollMethods one = new PollMethods(program, ops);
            one.scanUnit(tu);
            return one.found;
        });
        for (Map<String, PollMethod> m : perUnit) {
            for (Map.Entry<String, PollMethod> e : m.entrySet()) pm.found.putIfAbsent(e.getKey(), e.getValue());
        }
        // Identity: records hash their whole AST, far too slow for a kernel tree.
        Set<TopLevel.Function> referenced = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (PollMethod m : pm.found.values()) {
            if (m.function() != null) referenced.add(m.function());
        }
        for (TopLevel.Function f : program.functions()) {
            if (!referenced.contains(f) && Shapes.isPollMethodSignature(f)) {
                pm.add(new PollMethod(f.name(), f, f.span().file(), null, null, f.nameSpan(), PollMethod.How.SIGNATURE));
            }
        }
        List<PollMethod> out = new ArrayList<>(pm.found.values());
        out.sort(Comparator.comparing((PollMethod m) -> m.reference().file())
                .thenComparingInt(m -> m.reference().line())
                .thenComparingInt(m -> m.reference().column())
                .thenComparing(PollMethod::name));
        return out;
    }

    /** The distinct definitions among {@code methods}, in order: what the analysis runs on. */
    public static List<TopLevel.Function> definitions(List<PollMethod> methods) {
        Set<TopLevel.Function> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<TopLevel.Function> out = new ArrayList<>();
        for (PollMethod m : methods) {
            if (m.function() != null && seen.add(m.function())) out.add(m.function());
        }
        return out;
    }

    private void add(PollMethod m) {
        String key = m.name() + "@" + m.reference().file() + ":" + m.reference().line() + ":" + m.reference().column();
        found.putIfAbsent(key, m);
    }

    private void scanUnit(TranslationUnit tu) {
        String file = tu.file();
        for (TopLevel item : tu.items()) {
            if (item instanceof TopLevel.Declaration d) {
                String tag = d.baseType().tag();
                for (VarDecl v : d.declarators()) {
                    if (v.init() != null) {
                        scanInit(file, v.init(), tag);
                    }
                }
            } else if (item instanceof TopLevel.MacroInvocation mi) {
                MacroDef def = program.macro(file, mi.name());
                if (def != null && def.functionLike()) {
                    List<String> args = mi.args().stream().map(CText::of).toList();
                    scanText(file, expand(file, def, args, 0), null, mi.span());
                }
            } else if (item instanceof TopLevel.Function f) {
                scanBody(file, f);
            }
        }
    }

    /** Local ops structures, compound literals and {@code x->ops.poll = fn;} inside a function body. */
    private void scanBody(String file, TopLevel.Function f) {
        Ast.walk(f.body(), n -> {
            if (n instanceof Stmt.Decl d) {
                for (VarDecl v : d.decls()) {
                    if (v.init() instanceof Expr.InitList l) {
                        scanInit(file, l, v.type().tag());
                    }
                }
            } else if (n instanceof Expr.CompoundLiteral c) {
                scanInit(file, c.init(), c.type().tag());
            } else if (n instanceof Expr.Assign a && a.op() == null && a.target() instanceof Expr.Member m) {
                reference(file, a.value(), null, m.member(), PollMethod.How.ASSIGNMENT, false);
            }
        });
    }

    /** Walks an initializer without recursion; {@code tag} is the struct type of the list, if known. */
    private void scanInit(String file, Expr init, String tag) {
        record Work(Expr e, String tag) {
        }
        Deque<Work> stack = new ArrayDeque<>();
        stack.push(new Work(init, tag));
        while (!stack.isEmpty()) {
            Work w = stack.pop();
            Expr e = w.e();
            if (e instanceof Expr.CompoundLiteral c) {
                stack.push(new Work(c.init(), c.type().tag()));
            } else if (e instanceof Expr.InitList l) {
                for (Expr.InitItem item : l.items()) {
                    Expr.FieldDesignator field = null;
                    if (!item.designators().isEmpty() && item.designators().get(0) instanceof Expr.FieldDesignator fd) {
                        field = fd;
                    }
                    boolean single = item.designators().size() == 1;
                    Expr value = item.value();
                    if (field != null && single && !(value instanceof Expr.InitList) && !(value instanceof Expr.CompoundLiteral)) {
                        boolean listed = w.tag() != null && ops.isPollMember(w.tag(), field.name());
                        // The parser expands same-file macro invocations with every token at the
                        // invocation's position: a value starting where its list starts came from one.
                        boolean expanded = value.span().line() == l.span().line()
                                && value.span().column() == l.span().column();
                        reference(file, value, listed ? w.tag() : (ops.isOpsType(w.tag()) ? w.tag() : null),
                                field.name(), expanded ? PollMethod.How.MACRO : PollMethod.How.INITIALIZER, listed);
                    } else if (value instanceof Expr.InitList || value instanceof Expr.CompoundLiteral) {
                        // An array element keeps the type; a nested member's type is unknown.
                        String inner = field == null ? w.tag() : null;
                        stack.push(new Work(value, inner));
                    } else if (value instanceof Expr.Name n) {
                        macroInitializer(file, n, w.tag());
                    }
                }
            } else if (e instanceof Expr.Name n) {
                macroInitializer(file, n, w.tag());
            } else if (e instanceof Expr.Call c && c.name() != null) {
                MacroDef def = program.macro(file, c.name());
                if (def != null && def.functionLike()) {
                    List<String> args = c.args().stream().map(CText::of).toList();
                    scanText(file, expand(file, def, args, 0), w.tag(), c.span());
                }
            }
        }
    }

    /** An object-like macro used as a whole initializer: {@code static struct file_operations f = FOO_FOPS;}. */
    private void macroInitializer(String file, Expr.Name n, String tag) {
        MacroDef def = program.macro(file, n.id());
        if (def != null && !def.functionLike() && def.body().contains("=")) {
            scanText(file, expand(file, def, List.of(), 0), tag, n.span());
        }
    }

    /**
     * A value stored in {@code member}: when it names a function with the poll shape, or the member
     * is a listed poll member ({@code listed}), it is a poll method reference.
     */
    private void reference(String file, Expr value, String tag, String member, PollMethod.How how, boolean listed) {
        Expr v = CText.strip(value);
        if (v instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS) {
            v = CText.strip(u.operand());
        }
        String name = null;
        if (v instanceof Expr.Name n) {
            name = n.id();
            if (program.function(name, file) == null) {
                String target = throughDefines(file, name);
                if (target != null) {
                    name = target;
                    how = PollMethod.How.MACRO;
                }
            }
        } else if (v instanceof Expr.Call c && c.name() != null) {
            MacroDef def = program.macro(file, c.name());
            if (def != null && def.functionLike()) {
                String body = expand(file, def, c.args().stream().map(CText::of).toList(), 0).strip();
                if (body.matches("[A-Za-z_]\\w*")) {
                    name = body;
                    how = PollMethod.How.MACRO;
                }
            }
        }
        if (name == null) {
            return;
        }
        TopLevel.Function f = program.function(name, file);
        if (f == null && isNullPointer(name)) {
            return;
        }
        // A listed member holds a poll method whatever its function is declared to return: old
        // drivers spell the mask u_int, uint, unsigned long or a typedef of their own.
        if (listed || f != null && Shapes.hasPollShape(f)) {
            add(new PollMethod(name, f, file, OpsTypes.spell(tag), member, v.span(), how));
        }
    }

    /** {@code .poll = NULL}: the C null pointer constant leaves the member empty. */
    private static boolean isNullPointer(String name) {
        return name.equals("NULL");
    }

    /** Looks for {@code .member = name} in expanded macro text; every hit is reported at {@code at}. */
    private void scanText(String file, String text, String tag, Span at) {
        Matcher tm = STRUCT_TAG.matcher(text);
        String ctx = tag;
        if (tm.find() && ops.isOpsType(tm.group(1))) {
            ctx = tm.group(1);
        }
        Matcher m = DESIGNATED.matcher(text + ",");
        while (m.find()) {
            String member = m.group(1);
            String name = m.group(2);
            TopLevel.Function f = program.function(name, file);
            boolean listed = ctx != null && ops.isPollMember(ctx, member);
            boolean shaped = f != null && Shapes.hasPollShape(f);
            if (f == null && isNullPointer(name)) continue;
            if (listed || shaped) {
                add(new PollMethod(name, f, file, OpsTypes.spell(ctx), member, at, PollMethod.How.MACRO));
            }
        }
    }

    /**
     * Follows object-like {@code #define}s of the file whose body is a (possibly {@code &}-prefixed)
     * identifier, up to a few steps, to a function the tree defines; null if there is none.
     */
    private String throughDefines(String file, String name) {
        String cur = name;
        for (int i = 0; i < 4; i++) {
            MacroDef def = program.macro(file, cur);
            if (def == null || def.functionLike() || def.body() == null) return null;
            String body = def.body().strip();
            if (body.startsWith("&")) body = body.substring(1).strip();
            if (body.startsWith("(") && body.endsWith(")")) body = body.substring(1, body.length() - 1).strip();
            if (!body.matches("[A-Za-z_]\\w*")) return null;
            cur = body;
            if (program.function(cur, file) != null) return cur;
        }
        return null;
    }

    private String expand(String file, MacroDef def, List<String> args, int depth) {
        return new MacroText(program, file).expand(def, args, depth);
    }
}
