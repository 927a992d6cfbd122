package dev.pollcheck.driver;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Whole-identifier questions about C text: a file's identifiers, indexed once, answer "does this
 * file name X" by a lookup; a body is searched for whole identifiers only, so {@code state} no
 * longer matches inside {@code statement} (which parsed bodies for nothing); and the names a file
 * may define as functions.
 */
final class Words {
    private Words() {
    }

    static boolean isIdentifier(String w) {
        if (w.isEmpty() || !start(w.charAt(0))) return false;
        for (int i = 1; i < w.length(); i++) if (!part(w.charAt(i))) return false;
        return true;
    }

    /** The distinct identifiers of {@code text}, interned (files share most of theirs), sorted. */
    static String[] index(String text) {
        Set<String> out = new HashSet<>();
        int n = text.length();
        for (int i = 0; i < n; ) {
            char c = text.charAt(i);
            if (start(c)) {
                int j = i + 1;
                while (j < n && part(text.charAt(j))) j++;
                out.add(text.substring(i, j).intern());
                i = j;
            } else if (c >= '0' && c <= '9') {
                // A number's letters (0x1f, 10UL) are not identifiers.
                int j = i + 1;
                while (j < n && part(text.charAt(j))) j++;
                i = j;
            } else {
                i++;
            }
        }
        String[] a = out.toArray(new String[0]);
        Arrays.sort(a);
        return a;
    }

    /**
     * The names of the functions {@code text} may define: an identifier at file scope (brace depth
     * 0) followed by a parenthesised list and then {@code {} with no {@code ;} or {@code =} between.
     * A superset is harmless (it only costs a parse); a definition that a macro makes is missed, so
     * the caller treats a name no file seems to define as "not in the driver".
     */
    static String[] definitions(String text) {
        Set<String> out = new HashSet<>();
        int n = text.length();
        int depth = 0;
        String candidate = null;
        int parens = 0;
        boolean closed = false;
        String lastIdent = null;
        for (int i = 0; i < n; ) {
            char c = text.charAt(i);
            if (start(c)) {
                int j = i + 1;
                while (j < n && part(text.charAt(j))) j++;
                if (depth == 0 && parens == 0) {
                    lastIdent = text.substring(i, j);
                    // After "name(...)" an identifier is an attribute or K&R noise: keep the candidate.
                    if (!closed) candidate = null;
                }
                i = j;
                continue;
            }
            if (c == '"' || c == '\'') {
                // Skip a literal: its braces and semicolons are not code.
                int j = i + 1;
                while (j < n && text.charAt(j) != c) j += text.charAt(j) == '\\' ? 2 : 1;
                i = j + 1;
                continue;
            }
            if (depth == 0) {
                if (c == '(') {
                    if (parens == 0 && !closed) candidate = lastIdent;
                    parens++;
                } else if (c == ')') {
                    if (parens > 0 && --parens == 0 && candidate != null) closed = true;
                } else if (c == '{' && parens == 0) {
                    if (closed && candidate != null) out.add(candidate.intern());
                    candidate = null;
                    closed = false;
                    depth = 1;
                } else if ((c == ';' || c == '=' || c == ',') && parens == 0) {
                    candidate = null;
                    closed = false;
                }
                lastIdent = Character.isWhitespace(c) ? lastIdent : (c == '(' ? lastIdent : null);
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            i++;
        }
        String[] a = out.toArray(new String[0]);
        Arrays.sort(a);
        return a;
    }

    static boolean contains(String[] index, String word) {
        return Arrays.binarySearch(index, word) >= 0;
    }

    /**
     * Whether {@code text} names one of {@code words}: identifiers are matched whole, anything else
     * (a word that is not an identifier) as a substring.
     */
    static boolean mentionsAny(String text, Set<String> words) {
        for (String w : words) {
            if (!isIdentifier(w)) {
                if (text.contains(w)) return true;
                continue;
            }
            // indexOf is the JIT's vectorised search; a hit counts only as a whole identifier.
            for (int i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
                int after = i + w.length();
                if ((i == 0 || !part(text.charAt(i - 1))) && (after == text.length() || !part(text.charAt(after)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * How often {@code word} occurs in {@code text} as a whole identifier; with {@code uncalled}, only
     * where no {@code (} follows it (an initializer's {@code .poll = foo_poll}, not a prototype).
     */
    static int count(String text, String word, boolean uncalled) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            int end = i + word.length();
            if (i > 0 && part(text.charAt(i - 1)) || end < text.length() && part(text.charAt(end))) continue;
            if (uncalled) {
                int j = end;
                while (j < text.length() && Character.isWhitespace(text.charAt(j))) j++;
                if (j < text.length() && text.charAt(j) == '(') continue;
            }
            n++;
        }
        return n;
    }

    /** FNV-1a over the characters, 64 bits: tells items of one file apart. */
    static long hash64(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h ^ text.length();
    }

    private static boolean start(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean part(char c) {
        return start(c) || (c >= '0' && c <= '9');
    }
}
