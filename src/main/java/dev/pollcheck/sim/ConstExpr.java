package dev.pollcheck.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the body of an object-like {@code #define} as an integer constant expression:
 * {@code (EPOLLIN | EPOLLRDNORM)}, {@code (__force __poll_t)0x0008}, {@code 1U << 3}. Identifiers are
 * resolved through a lookup (null: not a constant, and then the whole body is not one); a
 * parenthesised run of type words is a cast and is skipped. Anything else gives null.
 */
final class ConstExpr {

    private static final Set<String> TYPE_WORDS = Set.of("__force", "__poll_t", "unsigned", "signed", "int", "long",
            "short", "char", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "__u8", "__u16", "__u32", "__u64",
            "__s32", "__le32", "__be32", "uint32_t", "uint64_t", "int32_t", "size_t", "bool", "const", "__kernel_ulong_t");

    private final List<String> toks;
    private final Function<String, Long> lookup;
    private int pos;

    private ConstExpr(List<String> toks, Function<String, Long> lookup) {
        this.toks = toks;
        this.lookup = lookup;
    }

    /** The value of {@code text}, or null when it is not an integer constant expression over known names. */
    static Long eval(String text, Function<String, Long> lookup) {
        List<String> toks = tokenize(text);
        if (toks == null || toks.isEmpty()) {
            return null;
        }
        ConstExpr c = new ConstExpr(toks, lookup);
        try {
            long v = c.ternary(0);
            return c.pos == toks.size() ? v : null;
        } catch (NotConstant | ArithmeticException e) {
            return null;
        }
    }

    private static final class NotConstant extends RuntimeException {
        NotConstant() {
            super(null, null, false, false);
        }
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
                out.add(s.substring(i, j));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)))) j++;
                out.add(s.substring(i, j));
                i = j;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (Set.of("<<", ">>", "==", "!=", "<=", ">=", "&&", "||").contains(two)) {
                    out.add(two);
                    i += 2;
                } else if ("()|&^~!+-*/%<>?:".indexOf(c) >= 0) {
                    out.add(String.valueOf(c));
                    i++;
                } else {
                    return null;
                }
            }
        }
        return out;
    }

    private String peek() {
        return pos < toks.size() ? toks.get(pos) : "";
    }

    private void expect(String t) {
        if (!peek().equals(t)) throw new NotConstant();
        pos++;
    }

    private static final String[][] LEVELS = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"},
    };

    private long ternary(int depth) {
        if (depth > 64) throw new NotConstant();
        long c = binary(0, depth);
        if (peek().equals("?")) {
            pos++;
            long a = ternary(depth + 1);
            expect(":");
            long b = ternary(depth + 1);
            return c != 0 ? a : b;
        }
        return c;
    }

    private long binary(int level, int depth) {
        if (level == LEVELS.length) {
            return unary(depth);
        }
        long left = binary(level + 1, depth);
        while (List.of(LEVELS[level]).contains(peek())) {
            String op = toks.get(pos++);
            long right = binary(level + 1, depth);
            left = switch (op) {
                case "||" -> (left != 0 || right != 0) ? 1 : 0;
                case "&&" -> (left != 0 && right != 0) ? 1 : 0;
                case "|" -> left | right;
                case "^" -> left ^ right;
                case "&" -> left & right;
                case "==" -> left == right ? 1 : 0;
                case "!=" -> left != right ? 1 : 0;
                case "<" -> left < right ? 1 : 0;
                case ">" -> left > right ? 1 : 0;
                case "<=" -> left <= right ? 1 : 0;
                case ">=" -> left >= right ? 1 : 0;
                case "<<" -> left << (right & 63);
                case ">>" -> left >>> (right & 63);
                case "+" -> left + right;
                case "-" -> left - right;
                case "*" -> left * right;
                case "/" -> left / right;
                default -> left % right;
            };
        }
        return left;
    }

    private long unary(int depth) {
        String t = peek();
        switch (t) {
            case "~": pos++; return ~unary(depth);
            case "!": pos++; return unary(depth) == 0 ? 1 : 0;
            case "-": pos++; return -unary(depth);
            case "+": pos++; return unary(depth);
            case "(": {
                int save = pos;
                pos++;
                int j = pos;
                while (j < toks.size() && TYPE_WORDS.contains(toks.get(j))) j++;
                if (j > pos && j < toks.size() && toks.get(j).equals(")")) {
                    pos = j + 1;
                    return unary(depth + 1);
                }
                pos = save + 1;
                long v = ternary(depth + 1);
                expect(")");
                return v;
            }
            default:
                break;
        }
        pos++;
        if (t.isEmpty()) throw new NotConstant();
        if (Character.isDigit(t.charAt(0))) {
            return number(t);
        }
        if (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_') {
            Long v = lookup.apply(t);
            if (v == null) throw new NotConstant();
            return v;
        }
        throw new NotConstant();
    }

    /** A C integer literal with its suffixes; null-free: throws when it is not one. */
    static long number(String t) {
        String s = t.replaceAll("[uUlL]+$", "");
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) return Long.parseUnsignedLong(s.substring(2), 16);
            if (s.startsWith("0b") || s.startsWith("0B")) return Long.parseUnsignedLong(s.substring(2), 2);
            if (s.length() > 1 && s.startsWith("0")) return Long.parseUnsignedLong(s.substring(1), 8);
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new NotConstant();
        }
    }
}
