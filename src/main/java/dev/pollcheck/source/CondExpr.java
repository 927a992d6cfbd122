package dev.pollcheck.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates the expression of an {@code #if} / {@code #elif} without a compiler. The value is a
 * {@code Long}, or null when it cannot be decided (it depends on a name whose state is unknown, or on
 * a function-like macro the evaluator does not model). {@code &&}, {@code ||} and {@code ?:} short-cut
 * as in C, so {@code 0 && UNKNOWN} is 0. Nesting (parentheses, unary operators, macro bodies) is
 * bounded by {@link #MAX_DEPTH}; deeper input is undecided with an error, never a stack overflow.
 */
final class CondExpr {
    static final int MAX_DEPTH = 200;

    /** What the preprocessor knows about a name at the point of the directive. */
    sealed interface Macro permits ObjLike, FnLike, Undefined, BuiltIn {
    }

    /** {@code #define NAME body} or {@code -D NAME=body}. */
    record ObjLike(String body) implements Macro {
    }

    /**
     * A function-like macro defined in the file. A call is evaluated by substituting the argument
     * tokens for the parameters in the body; variadic macros and bodies using {@code #} or
     * {@code ##} stay undecided.
     */
    record FnLike(List<String> params, String body) implements Macro {
    }

    /** Known not to be defined ({@code -U}, {@code #undef}). */
    record Undefined() implements Macro {
    }

    /** {@code KERNEL_VERSION}, {@code IS_ENABLED}, {@code IS_BUILTIN}, {@code IS_MODULE}, {@code IS_REACHABLE}. */
    record BuiltIn() implements Macro {
    }

    interface Env {
        /** The state of {@code name}, or null when nothing is known about it. */
        Macro lookup(String name);
    }

    /** The outcome: {@code value} null when undecided; {@code error} non-null when the text is not an expression. */
    record Result(Long value, String error) {
    }

    private static final class Fail extends RuntimeException {
        Fail(String m) {
            super(m, null, false, false);
        }
    }

    // Boxed on purpose: a conditional mixing null and a long literal would unbox the null.
    private static final Long UNKNOWN = null;
    private static final Long ZERO = 0L;
    private static final Long ONE = 1L;

    static Result evaluate(String expr, Env env) {
        try {
            CondExpr e = new CondExpr(tokenize(expr), env, new HashSet<>(), 0);
            Long v = e.parseExpr();
            if (e.pos != e.toks.size()) {
                throw new Fail("unexpected '" + e.toks.get(e.pos) + "'");
            }
            return new Result(v, null);
        } catch (Fail f) {
            return new Result(null, f.getMessage());
        }
    }

    private final List<String> toks;
    private final Env env;
    private final Set<String> expanding;
    private int pos;
    private int depth;

    private CondExpr(List<String> toks, Env env, Set<String> expanding, int depth) {
        this.toks = toks;
        this.env = env;
        this.expanding = expanding;
        this.depth = depth;
    }

    static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u000b') {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && isIdent(s.charAt(j))) j++;
                String id = s.substring(i, j);
                if (id.startsWith("__has_include")) {
                    // Its argument is a header name, not an expression: keep the call as one token.
                    int k = j;
                    while (k < n && s.charAt(k) != ')') k++;
                    j = Math.min(k + 1, n);
                    id = s.substring(i, j);
                }
                out.add(id);
                i = j;
            } else if (c >= '0' && c <= '9') {
                int j = i + 1;
                while (j < n && (isIdent(s.charAt(j)) || s.charAt(j) == '.')) j++;
                out.add(s.substring(i, j));
                i = j;
            } else if (c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != '\'') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= n) throw new Fail("unterminated character constant");
                out.add(s.substring(i, j + 1));
                i = j + 1;
            } else {
                String two = i + 1 < n ? s.substring(i, i + 2) : "";
                switch (two) {
                    case "<<", ">>", "<=", ">=", "==", "!=", "&&", "||" -> {
                        out.add(two);
                        i += 2;
                    }
                    default -> {
                        if ("+-*/%<>&|^!~()?:,".indexOf(c) < 0) {
                            throw new Fail("unexpected character '" + c + "'");
                        }
                        out.add(String.valueOf(c));
                        i++;
                    }
                }
            }
        }
        return out;
    }

    static boolean isIdent(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c > 0x7f && Character.isLetterOrDigit(c);
    }

    private String peek() {
        return pos < toks.size() ? toks.get(pos) : "";
    }

    private boolean accept(String t) {
        if (peek().equals(t)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String t) {
        if (!accept(t)) {
            throw new Fail("expected '" + t + "'" + (pos < toks.size() ? " before '" + peek() + "'" : " at the end"));
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new Fail("expression nested deeper than " + MAX_DEPTH);
        }
    }

    private Long parseExpr() {
        enter();
        Long v = parseTernary();
        while (accept(",")) {
            v = parseTernary();
        }
        depth--;
        return v;
    }

    private Long parseTernary() {
        Long c = parseBinary(0);
        if (!accept("?")) {
            return c;
        }
        enter();
        Long a = parseExpr();
        expect(":");
        Long b = parseTernary();
        depth--;
        if (c == UNKNOWN) {
            return a != null && a.equals(b) ? a : UNKNOWN;
        }
        return c != 0 ? a : b;
    }

    private static final List<List<String>> LEVELS = List.of(
            List.of("||"), List.of("&&"), List.of("|"), List.of("^"), List.of("&"),
            List.of("==", "!="), List.of("<", ">", "<=", ">="), List.of("<<", ">>"),
            List.of("+", "-"), List.of("*", "/", "%"));

    /** Precedence climbing over the binary levels: iterative per level, recursion only by level. */
    private Long parseBinary(int level) {
        if (level == LEVELS.size()) {
            return parseUnary();
        }
        Long left = parseBinary(level + 1);
        while (true) {
            String op = peek();
            if (!LEVELS.get(level).contains(op)) {
                return left;
            }
            pos++;
            Long right = parseBinary(level + 1);
            left = apply(op, left, right);
        }
    }

    private static Long apply(String op, Long a, Long b) {
        switch (op) {
            case "||":
                if ((a != null && a != 0) || (b != null && b != 0)) return 1L;
                return a == null || b == null ? UNKNOWN : ZERO;
            case "&&":
                if ((a != null && a == 0) || (b != null && b == 0)) return 0L;
                return a == null || b == null ? UNKNOWN : ONE;
            default:
                break;
        }
        if (a == null || b == null) {
            return UNKNOWN;
        }
        long x = a;
        long y = b;
        if (((op.equals("<<") || op.equals(">>")) && (y < 0 || y > 63)) || ((op.equals("/") || op.equals("%")) && y == 0)) {
            return UNKNOWN;         // undefined in C: do not guess
        }
        return switch (op) {
            case "|" -> x | y;
            case "^" -> x ^ y;
            case "&" -> x & y;
            case "==" -> x == y ? 1L : 0L;
            case "!=" -> x != y ? 1L : 0L;
            case "<" -> x < y ? 1L : 0L;
            case ">" -> x > y ? 1L : 0L;
            case "<=" -> x <= y ? 1L : 0L;
            case ">=" -> x >= y ? 1L : 0L;
            case "<<" -> x << y;
            case ">>" -> x >> y;
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> x / y;
            case "%" -> x % y;
            default -> throw new Fail("unknown operator " + op);
        };
    }

    private Long parseUnary() {
        String t = peek();
        switch (t) {
            case "!", "-", "+", "~" -> {
                pos++;
                enter();
                Long v = parseUnary();
                depth--;
                if (v == null) return UNKNOWN;
                return switch (t) {
                    case "!" -> v == 0 ? 1L : 0L;
                    case "-" -> -v;
                    case "~" -> ~v;
                    default -> v;
                };
            }
            default -> {
                return parsePrimary();
            }
        }
    }

    private Long parsePrimary() {
        if (pos >= toks.size()) {
            throw new Fail("expression ends too early");
        }
        String t = toks.get(pos++);
        char c = t.charAt(0);
        if (t.equals("(")) {
            Long v = parseExpr();
            expect(")");
            return v;
        }
        if (c >= '0' && c <= '9') {
            return number(t);
        }
        if (c == '\'') {
            return charValue(t);
        }
        if (!(Character.isLetter(c) || c == '_')) {
            throw new Fail("unexpected '" + t + "'");
        }
        if (t.startsWith("__has_include")) {
            return UNKNOWN;                 // whether a header exists is not known without the include path
        }
        if (t.equals("defined")) {
            boolean paren = accept("(");
            String name = peek();
            if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
                throw new Fail("defined needs a macro name");
            }
            pos++;
            if (paren) expect(")");
            Macro m = env.lookup(name);
            if (m == null) return UNKNOWN;
            return m instanceof Undefined ? 0L : 1L;
        }
        Macro m = env.lookup(t);
        if (m instanceof BuiltIn && peek().equals("(")) {
            return builtIn(t);
        }
        if (m instanceof ObjLike o && !expanding.contains(t)) {
            expanding.add(t);
            try {
                CondExpr sub = new CondExpr(tokenize(o.body()), env, expanding, depth + 1);
                if (sub.toks.isEmpty()) {
                    return UNKNOWN;         // #define X (empty): "#if X" is an error in cpp; do not guess
                }
                Long v = sub.parseExpr();
                return sub.pos == sub.toks.size() ? v : UNKNOWN;
            } catch (Fail f) {
                if (f.getMessage().startsWith("expression nested")) throw f;
                return UNKNOWN;             // a body that is not an integer expression
            } finally {
                expanding.remove(t);
            }
        }
        if (m instanceof FnLike f && peek().equals("(") && !expanding.contains(t)) {
            return call(t, f);
        }
        if (peek().equals("(")) {
            skipArgs();
            return UNKNOWN;
        }
        if (m instanceof Undefined) {
            return 0L;                      // cpp: an identifier that is no macro is 0
        }
        return UNKNOWN;
    }

    private Long builtIn(String name) {
        expect("(");
        if (name.equals("KERNEL_VERSION")) {
            Long a = parseTernary();
            expect(",");
            Long b = parseTernary();
            expect(",");
            Long c = parseTernary();
            expect(")");
            if (a == null || b == null || c == null) return UNKNOWN;
            return (a << 16) + (b << 8) + c;
        }
        String option = peek();
        if (option.isEmpty() || !(Character.isLetter(option.charAt(0)) || option.charAt(0) == '_')) {
            throw new Fail(name + " needs a config name");
        }
        pos++;
        expect(")");
        Long builtin = configSet(option);
        Long module = configSet(option + "_MODULE");
        if (name.equals("IS_BUILTIN")) {
            return builtin;
        }
        if (name.equals("IS_MODULE")) {
            return module;
        }
        // IS_ENABLED / IS_REACHABLE: built in or module. -U CONFIG_X alone turns it off.
        if ((builtin != null && builtin == 1) || (module != null && module == 1)) {
            return ONE;
        }
        if (builtin != null && (module != null || env.lookup(option) instanceof Undefined)) {
            return ZERO;
        }
        return UNKNOWN;
    }

    /** 1 when the config symbol is defined (to anything but 0), 0 when known undefined, else unknown. */
    private Long configSet(String name) {
        Macro m = env.lookup(name);
        if (m == null) return UNKNOWN;
        if (m instanceof Undefined) return 0L;
        if (m instanceof ObjLike o && o.body().trim().equals("0")) return 0L;
        return 1L;
    }

    /** Evaluates a call of a function-like macro from the file: the '(' is next. */
    private Long call(String name, FnLike f) {
        int open = pos;
        skipArgs();
        List<List<String>> args = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        int level = 0;
        for (int k = open + 1; k < pos - 1; k++) {
            String a = toks.get(k);
            if (a.equals("(")) level++;
            if (a.equals(")")) level--;
            if (a.equals(",") && level == 0) {
                args.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(a);
            }
        }
        if (!cur.isEmpty() || !args.isEmpty()) args.add(cur);
        List<String> params = f.params();
        if (args.size() != params.size() || params.stream().anyMatch(p -> p.endsWith("..."))) {
            return UNKNOWN;
        }
        List<String> body;
        try {
            body = tokenize(f.body());
        } catch (Fail e) {
            return UNKNOWN;                 // '#', '##' or text that is no integer expression
        }
        List<String> expanded = new ArrayList<>();
        for (String b : body) {
            int i = params.indexOf(b);
            if (i >= 0) {
                expanded.addAll(args.get(i));
            } else {
                expanded.add(b);
            }
        }
        if (expanded.isEmpty()) {
            return UNKNOWN;
        }
        expanding.add(name);
        try {
            CondExpr sub = new CondExpr(expanded, env, expanding, depth + 1);
            Long v = sub.parseExpr();
            return sub.pos == sub.toks.size() ? v : UNKNOWN;
        } catch (Fail e) {
            if (e.getMessage().startsWith("expression nested")) throw e;
            return UNKNOWN;
        } finally {
            expanding.remove(name);
        }
    }

    private void skipArgs() {
        int level = 0;
        while (pos < toks.size()) {
            String t = toks.get(pos++);
            if (t.equals("(")) level++;
            else if (t.equals(")") && --level == 0) return;
        }
        throw new Fail("unbalanced parentheses");
    }

    private static Long number(String t) {
        String s = t;
        int end = s.length();
        while (end > 0 && "uUlL".indexOf(s.charAt(end - 1)) >= 0) end--;
        s = s.substring(0, end);
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) return Long.parseUnsignedLong(s.substring(2), 16);
            if (s.startsWith("0b") || s.startsWith("0B")) return Long.parseUnsignedLong(s.substring(2), 2);
            if (s.length() > 1 && s.charAt(0) == '0') return Long.parseUnsignedLong(s.substring(1), 8);
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new Fail("bad number '" + t + "'");
        }
    }

    private static Long charValue(String t) {
        String body = t.substring(1, t.length() - 1);
        if (body.isEmpty()) throw new Fail("empty character constant");
        if (body.charAt(0) != '\\') return (long) body.charAt(0);
        if (body.length() < 2) throw new Fail("bad character constant");
        char e = body.charAt(1);
        return switch (e) {
            case 'n' -> 10L;
            case 't' -> 9L;
            case 'r' -> 13L;
            case '0' -> 0L;
            case '\\' -> 92L;
            case '\'' -> 39L;
            default -> (long) e;
        };
    }
}
