package dev.pollcheck.driver;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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

    /**
     * The 64-bit hashes ({@link #hash64}) of the distinct identifiers in {@code bytes[0, n)}, sorted:
     * a file's raw bytes, read without decoding (identifiers are ASCII). The raw text holds every
     * identifier its preprocessed text holds (the preprocessor drops lines and expands nothing), so
     * the index answers "may this file name X" for both; a collision only costs a parse.
     */
    static long[] index(byte[] bytes, int n) {
        // The distinct hashes in an open-addressing table (0 marks a free slot), sorted at the end:
        // a file names each identifier many times.
        long[] table = new long[1024];
        int size = 0;
        boolean zero = false;
        for (int i = 0; i < n; ) {
            int c = bytes[i];
            if (start(c)) {
                long h = 0xcbf29ce484222325L;
                int j = i;
                while (j < n && part(bytes[j])) {
                    h ^= bytes[j];
                    h *= 0x100000001b3L;
                    j++;
                }
                h ^= j - i;
                i = j;
                if (h == 0) {
                    zero = true;
                    continue;
                }
                int mask = table.length - 1;
                int slot = (int) (h ^ (h >>> 32)) & mask;
                while (table[slot] != 0 && table[slot] != h) slot = (slot + 1) & mask;
                if (table[slot] == 0) {
                    table[slot] = h;
                    if (++size * 2 > table.length) table = grown(table);
                }
            } else if (c >= '0' && c <= '9') {
                // A number's letters (0x1f, 10UL) are not identifiers.
                int j = i + 1;
                while (j < n && part(bytes[j])) j++;
                i = j;
            } else {
                i++;
            }
        }
        long[] out = new long[size + (zero ? 1 : 0)];
        int k = 0;
        for (long h : table) if (h != 0) out[k++] = h;
        if (zero) out[k] = 0;
        Arrays.sort(out);
        return out;
    }

    private static long[] grown(long[] table) {
        long[] bigger = new long[table.length * 2];
        int mask = bigger.length - 1;
        for (long h : table) {
            if (h == 0) continue;
            int slot = (int) (h ^ (h >>> 32)) & mask;
            while (bigger[slot] != 0) slot = (slot + 1) & mask;
            bigger[slot] = h;
        }
        return bigger;
    }

    /** Whether an index of {@link #index(byte[], int)} holds {@code word}. */
    static boolean contains(long[] index, String word) {
        return Arrays.binarySearch(index, hash64(word)) >= 0;
    }

    /** The tags of {@code struct TAG {} and {@code union TAG {} in {@code bytes[0, n)} (blanks allowed between). */
    static Set<String> structDefinitions(byte[] bytes, int n) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < n; ) {
            if (!start(bytes[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && part(bytes[j])) j++;
            if (isWord(bytes, i, j, "struct") || isWord(bytes, i, j, "union")) {
                int k = blanks(bytes, j, n);
                int t = k;
                while (t < n && part(bytes[t])) t++;
                if (t > k && start(bytes[k])) {
                    int b = blanks(bytes, t, n);
                    if (b < n && bytes[b] == '{') out.add(new String(bytes, k, t - k, java.nio.charset.StandardCharsets.US_ASCII));
                }
            }
            i = j;
        }
        return out;
    }

    /**
     * The enumerators of every {@code enum [TAG] { A [= ...], B, ... }} in {@code bytes[0, n)}:
     * comments, preprocessor lines and values skipped. Raw bytes, as {@link #structDefinitions}: an
     * enumerator under an inactive {@code #if} still names a constant, never a variable.
     */
    static Set<String> enumerators(byte[] bytes, int n) {
        Set<String> out = new HashSet<>();
        enums(bytes, n, out, null);
        return out;
    }

    /**
     * The bits that {@code bytes[0, n)} names both by a mask and by a number: for each enumerator
     * whose initializer, and each object-like {@code #define} whose body, is one bit of a named
     * number ({@code FOO = (1 << FOO_BIT)}, {@code #define FOO BIT(FOO_BIT)}), the mask's name to the
     * number's ({@link #bitNumber}). Raw bytes, as {@link #enumerators}.
     */
    static java.util.Map<String, String> bitDefinitions(byte[] bytes, int n) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        enums(bytes, n, new HashSet<>(), values);
        defines(bytes, n, values);
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (java.util.Map.Entry<String, String> e : values.entrySet()) {
            String bit = bitNumber(e.getValue());
            if (bit != null && !bit.equals(e.getKey())) out.put(e.getKey(), bit);
        }
        return out;
    }

    private static final java.util.regex.Pattern ONE_BIT = java.util.regex.Pattern.compile(
            "(?:\\(__force[^()]*\\))?(?:(?:BIT|BIT_ULL|BIT_MASK|_BITUL|_BITULL)\\(\\(*([A-Za-z_][A-Za-z_0-9]*)\\)*\\)"
            + "|\\(*1(?:[uU]?[lL]{0,2}|[lL]{1,2}[uU])\\)*<<\\(*([A-Za-z_][A-Za-z_0-9]*)\\)*)");

    /**
     * The bit number a mask's definition names, when the definition is that one bit:
     * {@code BIT(FOO_BIT)}, {@code BIT_ULL(FOO_BIT)}, {@code _BITUL(FOO_BIT)}, {@code 1 << FOO_BIT},
     * {@code (1UL << (FOO_BIT))}, a {@code (__force T)} cast before it; else null (a number, an
     * or of bits, anything else).
     */
    static String bitNumber(String definition) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < definition.length(); i++) if (!Character.isWhitespace(definition.charAt(i))) b.append(definition.charAt(i));
        String t = b.toString();
        // Parentheses around the whole: (x), ((x)).
        while (t.length() > 2 && t.charAt(0) == '(' && closes(t) == t.length() - 1) t = t.substring(1, t.length() - 1);
        java.util.regex.Matcher m = ONE_BIT.matcher(t);
        if (!m.matches()) return null;
        String bit = m.group(1) != null ? m.group(1) : m.group(2);
        // The parentheses around the number must balance: "(1 << (FOO)" is no definition of ours.
        int open = 0;
        for (int i = 0; i < t.length(); i++) open += t.charAt(i) == '(' ? 1 : t.charAt(i) == ')' ? -1 : 0;
        return open == 0 ? bit : null;
    }

    /** The index of the parenthesis closing the one at 0 of {@code t}, or -1. */
    private static int closes(String t) {
        int depth = 0;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '(') depth++;
            else if (t.charAt(i) == ')' && --depth == 0) return i;
        }
        return -1;
    }

    /**
     * The bodies of the object-like {@code #define NAME body} lines of {@code bytes[0, n)} into
     * {@code values}, continuations joined and comments dropped; a function-like macro is left out.
     */
    private static void defines(byte[] bytes, int n, java.util.Map<String, String> values) {
        for (int i = 0; i < n; ) {
            int k = i;
            while (k < n && (bytes[k] == ' ' || bytes[k] == '\t')) k++;
            int end = k;
            while (end < n && bytes[end] != '\n') end += bytes[end] == '\\' && end + 1 < n ? 2 : 1;
            if (k < n && bytes[k] == '#') {
                int d = k + 1;
                while (d < end && (bytes[d] == ' ' || bytes[d] == '\t')) d++;
                int w = d;
                while (w < end && part(bytes[w])) w++;
                if (isWord(bytes, d, w, "define")) {
                    int s = w;
                    while (s < end && (bytes[s] == ' ' || bytes[s] == '\t')) s++;
                    int e = s;
                    while (e < end && part(bytes[e])) e++;
                    if (e > s && start(bytes[s]) && (e >= end || bytes[e] != '(')) {
                        String name = new String(bytes, s, e - s, java.nio.charset.StandardCharsets.US_ASCII);
                        String body = new String(bytes, e, end - e, java.nio.charset.StandardCharsets.ISO_8859_1)
                                .replace("\\\n", " ").replaceAll("/\\*.*?\\*/|//.*", " ");
                        values.putIfAbsent(name, body);
                    }
                }
            }
            i = end + 1;
        }
    }

    /** The enum lists of {@code bytes[0, n)}: their enumerators into {@code out}, their initializers' text into {@code values} (when not null). */
    private static void enums(byte[] bytes, int n, Set<String> out, java.util.Map<String, String> values) {
        for (int i = 0; i < n; ) {
            int c = bytes[i];
            if (c == '"' || c == '\'') {
                i = skipLiteral(bytes, i, n);
                continue;
            }
            if (c == '/' && i + 1 < n && (bytes[i + 1] == '*' || bytes[i + 1] == '/')) {
                i = gap(bytes, i, n);
                continue;
            }
            if (!start(c)) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && part(bytes[j])) j++;
            if (isWord(bytes, i, j, "enum")) {
                int k = gap(bytes, j, n);
                if (k < n && start(bytes[k])) {
                    while (k < n && part(bytes[k])) k++;
                    k = gap(bytes, k, n);
                }
                if (k < n && bytes[k] == '{') j = enumList(bytes, k + 1, n, out, values);
            }
            i = j;
        }
    }

    /** Reads the enumerators of a list opening before {@code at} into {@code out}; the index after its {@code }}. */
    private static int enumList(byte[] bytes, int at, int n, Set<String> out, java.util.Map<String, String> values) {
        int k = at;
        while (k < n) {
            k = gap(bytes, k, n);
            while (k < n && bytes[k] == '#') {
                // A directive inside the list (#ifdef CONFIG_FOO): to its line's end, continuations included.
                while (k < n && bytes[k] != '\n') k += bytes[k] == '\\' ? 2 : 1;
                k = gap(bytes, k, n);
            }
            if (k >= n || bytes[k] == '}') return Math.min(n, k + 1);
            if (!start(bytes[k])) return k; // not an enumerator list after all
            int e = k;
            while (e < n && part(bytes[e])) e++;
            String name = new String(bytes, k, e - k, java.nio.charset.StandardCharsets.US_ASCII);
            out.add(name);
            // Past the value to the next ',' or the closing '}'.
            int depth = 0;
            StringBuilder value = values == null ? null : new StringBuilder();
            for (k = e; k < n; k++) {
                int c = bytes[k];
                if (c == '"' || c == '\'') {
                    k = skipLiteral(bytes, k, n) - 1;
                    if (value != null) value.append(' '); // a literal is no bit's name
                    continue;
                } else if (c == '/' && k + 1 < n && (bytes[k + 1] == '*' || bytes[k + 1] == '/')) {
                    k = gap(bytes, k, n) - 1;
                    if (value != null) value.append(' ');
                    continue;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (depth <= 0 && (c == ',' || c == '}' || c == ';' || c == '{')) {
                    break;
                }
                if (value != null) value.append((char) (c & 0xff));
            }
            if (value != null) {
                String v = value.toString().strip();
                if (v.startsWith("=")) values.putIfAbsent(name, v.substring(1));
            }
            if (k >= n || bytes[k] == '}') return Math.min(n, k + 1);
            if (bytes[k] != ',') return k;
            k++;
        }
        return n;
    }

    private static boolean isWord(byte[] bytes, int from, int to, String word) {
        if (to - from != word.length()) return false;
        for (int k = 0; k < word.length(); k++) if (bytes[from + k] != word.charAt(k)) return false;
        return true;
    }

    private static int blanks(byte[] bytes, int from, int n) {
        int k = from;
        while (k < n && (bytes[k] == ' ' || bytes[k] == '\t' || bytes[k] == '\n' || bytes[k] == '\r' || bytes[k] == '\f' || bytes[k] == 0x0B)) k++;
        return k;
    }


    /**
     * The names of the functions {@code text} may define: an identifier at file scope (brace depth
     * 0) followed by a parenthesised list and then {@code {} with no {@code ;} or {@code =} between.
     * A superset is harmless (it only costs a parse); a definition that a macro makes is missed, so
     * the caller treats a name no file seems to define as "not in the driver".
     */
    static String[] definitions(String source) {
        char[] text = source.toCharArray();
        Set<String> out = new HashSet<>();
        int n = text.length;
        int depth = 0;
        String candidate = null;
        int parens = 0;
        boolean closed = false;
        String lastIdent = null;
        for (int i = 0; i < n; ) {
            char c = text[i];
            if (start(c)) {
                int j = i + 1;
                while (j < n && part(text[j])) j++;
                if (depth == 0 && parens == 0) {
                    lastIdent = new String(text, i, j - i);
                    // After "name(...)" an identifier is an attribute or K&R noise: keep the candidate.
                    if (!closed) candidate = null;
                }
                i = j;
                continue;
            }
            if (c == '"' || c == '\'') {
                // Skip a literal: its braces and semicolons are not code.
                int j = i + 1;
                while (j < n && text[j] != c) j += text[j] == '\\' ? 2 : 1;
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
                    if (closed && candidate != null) out.add(candidate);
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

    /**
     * The names in {@code bytes[0, n)} that may be defined there as functions: an identifier followed
     * by a parenthesised list and then, after at most a few attribute words or groups, {@code {}.
     * Read on the raw bytes with no brace depth, so that {@code #if}/{@code #else} arms that each
     * open a body cannot hide what follows: a superset (a loop macro {@code list_for_each(p, h) {}
     * counts, which only costs a parse), with no definition left out but those a macro makes.
     */
    static long[] definitionCandidates(byte[] bytes, int n) {
        long[] out = new long[64];
        int size = 0;
        int i = 0;
        while (i < n) {
            int c = bytes[i];
            if (c == '"' || c == '\'') {
                i = skipLiteral(bytes, i, n);
            } else if (c == '/' && i + 1 < n && bytes[i + 1] == '*') {
                i = skipComment(bytes, i, n);
            } else if (c == '/' && i + 1 < n && bytes[i + 1] == '/') {
                while (i < n && bytes[i] != '\n') i++;
            } else if (start(c)) {
                int j = i;
                long h = 0xcbf29ce484222325L;
                while (j < n && part(bytes[j])) {
                    h ^= bytes[j];
                    h *= 0x100000001b3L;
                    j++;
                }
                if (opensBodyAfterList(bytes, j, n)) {
                    if (size == out.length) out = Arrays.copyOf(out, size * 2);
                    out[size++] = h ^ (j - i);
                }
                i = j;
            } else if (c >= '0' && c <= '9') {
                i++;
                while (i < n && part(bytes[i])) i++;
            } else {
                i++;
            }
        }
        Arrays.sort(out, 0, size);
        return Arrays.copyOf(out, size);
    }

    /** Whether {@code (...)} follows at {@code at}, then up to four attribute words or groups, then {@code {}. */
    private static boolean opensBodyAfterList(byte[] bytes, int at, int n) {
        int k = gap(bytes, at, n);
        if (k >= n || bytes[k] != '(') return false;
        for (int round = 0; round < 5; round++) {
            if (bytes[k] == '(') {
                k = skipGroup(bytes, k, n);
                if (k < 0) return false;
            } else if (start(bytes[k])) {
                while (k < n && part(bytes[k])) k++;
            } else {
                return false;
            }
            k = gap(bytes, k, n);
            if (k >= n) return false;
            if (bytes[k] == '{') return true;
        }
        return false;
    }

    /** The index after the parenthesised group opening at {@code at}, or -1 when it is not closed within 4 kB. */
    private static int skipGroup(byte[] bytes, int at, int n) {
        int depth = 0;
        for (int k = at; k < n && k < at + 4096; k++) {
            int c = bytes[k];
            if (c == '"' || c == '\'') {
                k = skipLiteral(bytes, k, n) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return k + 1;
            } else if (c == ';' || c == '{' || c == '}') {
                return -1;
            }
        }
        return -1;
    }

    /** The index after blanks and comments from {@code at}. */
    private static int gap(byte[] bytes, int at, int n) {
        int k = blanks(bytes, at, n);
        while (k + 1 < n && bytes[k] == '/' && (bytes[k + 1] == '*' || bytes[k + 1] == '/')) {
            if (bytes[k + 1] == '*') {
                k = skipComment(bytes, k, n);
            } else {
                while (k < n && bytes[k] != '\n') k++;
            }
            k = blanks(bytes, k, n);
        }
        return k;
    }

    private static int skipLiteral(byte[] bytes, int at, int n) {
        int q = bytes[at];
        int k = at + 1;
        while (k < n && bytes[k] != q && bytes[k] != '\n') k += bytes[k] == '\\' ? 2 : 1;
        return Math.min(n, k + 1);
    }

    private static int skipComment(byte[] bytes, int at, int n) {
        for (int k = at + 2; k + 1 < n; k++) if (bytes[k] == '*' && bytes[k + 1] == '/') return k + 2;
        return n;
    }

    /** How a function definition's text uses some names: those it calls, those it names otherwise, and the name it defines. */
    record Uses(String defines, Set<String> calls, Set<String> values) {
    }

    /**
     * The names of {@code names} that {@code item} (one function definition) calls ({@code f(}) and
     * those it names otherwise ({@code request_irq(irq, f, ...)}, {@code .open = f}), comments and
     * literals left out; its own name in its header is neither. {@code defines} is null unless the
     * item defines exactly one function.
     */
    static Uses uses(String item, Set<String> names) {
        String[] defs = definitions(item);
        String self = defs.length == 1 ? defs[0] : null;
        Set<String> calls = new java.util.TreeSet<>();
        Set<String> values = new java.util.TreeSet<>();
        int body = item.indexOf('{');
        int n = item.length();
        for (int i = 0; i < n; ) {
            char c = item.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && item.charAt(j) != c && item.charAt(j) != '\n') j += item.charAt(j) == '\\' ? 2 : 1;
                i = j + 1;
            } else if (c == '/' && i + 1 < n && item.charAt(i + 1) == '*') {
                int e = item.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else if (c == '/' && i + 1 < n && item.charAt(i + 1) == '/') {
                int e = item.indexOf('\n', i);
                i = e < 0 ? n : e;
            } else if (start(c)) {
                int j = i + 1;
                while (j < n && part(item.charAt(j))) j++;
                if (names.size() > 0) {
                    String id = item.substring(i, j);
                    if (names.contains(id) && !(id.equals(self) && (body < 0 || i < body))) {
                        int k = j;
                        while (k < n && Character.isWhitespace(item.charAt(k))) k++;
                        (k < n && item.charAt(k) == '(' ? calls : values).add(id);
                    }
                }
                i = j;
            } else if (c >= '0' && c <= '9') {
                i++;
                while (i < n && part(item.charAt(i))) i++;
            } else {
                i++;
            }
        }
        return new Uses(self, calls, values);
    }

    /** Whether the function definition {@code item} (a file-scope item) defines one of {@code names}. */
    static boolean definesAny(String item, Set<String> names) {
        for (String d : definitions(item)) if (names.contains(d)) return true;
        return false;
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

    /** Assignment operators: what may follow the target of a write. */
    private static final Set<String> ASSIGN = Set.of("=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "++", "--");

    /**
     * Whether {@code text} may write one of {@code keys} as the driver model reads writes: a key
     * that is the target of an assignment or of {@code ++}/{@code --} (after its indexes), a key
     * inside the arguments of one of {@code calls} (write APIs, list entry and unlink calls), or a
     * key on the right of {@code |=}, {@code &=} or {@code ^=} (a flag bit). A superset of the
     * bodies that hold such a write, found on tokens without parsing: most bodies that name a
     * member only read it.
     */
    static boolean writesAny(String text, Set<String> keys, Set<String> calls) {
        List<String> toks = tokens(text);
        int n = toks.size();
        // The callee before each open parenthesis, for "inside the arguments of".
        String[] callee = new String[n];
        java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
        boolean bits = false;
        for (int i = 0; i < n; i++) {
            String t = toks.get(i);
            switch (t) {
                case "(" -> open.push(i > 0 && isIdentifier(toks.get(i - 1)) ? toks.get(i - 1) : "");
                case ")" -> {
                    if (!open.isEmpty()) open.pop();
                }
                case ";" -> bits = false;
                case "|=", "&=", "^=" -> bits = true;
                case "++", "--" -> {
                    if (incrementsAny(toks, i, keys)) return true;
                }
                default -> {
                    if (!keys.contains(t)) break;
                    if (bits) return true;
                    for (String c : open) if (calls.contains(c)) return true;
                    int j = i + 1;
                    // dev->buf[i] = ..., (dev->x) = ...: indexes and closing parentheses come first.
                    while (j < n) {
                        String u = toks.get(j);
                        if (u.equals(")")) {
                            j++;
                        } else if (u.equals("[")) {
                            int depth = 0;
                            for (; j < n; j++) {
                                if (toks.get(j).equals("[")) depth++;
                                else if (toks.get(j).equals("]") && --depth == 0) break;
                            }
                            j++;
                        } else {
                            break;
                        }
                    }
                    if (j < n && ASSIGN.contains(toks.get(j))) return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the operand after the {@code ++} or {@code --} at {@code at} ends in one of {@code keys}:
     * {@code ++dev->count}, {@code --(*p)->users}, {@code ++dev->a[i].n}.
     */
    private static boolean incrementsAny(List<String> toks, int at, Set<String> keys) {
        String prev = toks.get(at);
        int depth = 0;
        for (int j = at + 1; j < toks.size(); j++) {
            String u = toks.get(j);
            boolean afterOperator = prev.equals("++") || prev.equals("--") || prev.equals("(") || prev.equals("*")
                    || prev.equals("&");
            boolean afterOperand = isIdentifier(prev) || prev.equals("]") || prev.equals(")");
            if (isIdentifier(u)) {
                if (!afterOperator && !prev.equals("->") && !prev.equals(".")) return false;
                if (keys.contains(u)) return true;
            } else if (u.equals("->") || u.equals(".")) {
                if (!afterOperand) return false;
            } else if (u.equals("(") || u.equals("*") || u.equals("&")) {
                if (!afterOperator) return false;
                if (u.equals("(")) depth++;
            } else if (u.equals(")")) {
                if (depth-- == 0) return false;
            } else if (u.equals("[")) {
                if (!afterOperand) return false;
                for (int d = 0; j < toks.size(); j++) {
                    if (toks.get(j).equals("[")) d++;
                    else if (toks.get(j).equals("]") && --d == 0) break;
                }
                u = "]";
            } else {
                return false;
            }
            prev = u;
        }
        return false;
    }

    /** One-character tokens, made once. */
    private static final String[] CHAR_TOKENS = new String[128];

    static {
        for (char c = 0; c < 128; c++) CHAR_TOKENS[c] = String.valueOf(c).intern();
    }

    /** The punctuator of more than one character at {@code i}, or null: {@code ->}, {@code ++}, {@code |=}, {@code <<=}... */
    private static String punctuator(String text, int i) {
        int n = text.length();
        char c = text.charAt(i);
        char d = i + 1 < n ? text.charAt(i + 1) : 0;
        char e = i + 2 < n ? text.charAt(i + 2) : 0;
        switch (c) {
            case '-':
                return d == '>' ? "->" : d == '-' ? "--" : d == '=' ? "-=" : null;
            case '+':
                return d == '+' ? "++" : d == '=' ? "+=" : null;
            case '<':
                return d == '<' ? (e == '=' ? "<<=" : "<<") : d == '=' ? "<=" : null;
            case '>':
                return d == '>' ? (e == '=' ? ">>=" : ">>") : d == '=' ? ">=" : null;
            case '=':
                return d == '=' ? "==" : null;
            case '!':
                return d == '=' ? "!=" : null;
            case '&':
                return d == '&' ? "&&" : d == '=' ? "&=" : null;
            case '|':
                return d == '|' ? "||" : d == '=' ? "|=" : null;
            case '*':
                return d == '=' ? "*=" : null;
            case '/':
                return d == '=' ? "/=" : null;
            case '%':
                return d == '=' ? "%=" : null;
            case '^':
                return d == '=' ? "^=" : null;
            case '.':
                return d == '.' && e == '.' ? "..." : null;
            default:
                return null;
        }
    }

    /** C tokens of {@code text}: identifiers, numbers ("0") and punctuators; comments, strings and characters left out. */
    static List<String> tokens(String text) {
        List<String> out = new java.util.ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c <= ' ') {
                i++;
            } else if (start(c)) {
                int j = i + 1;
                while (j < n && part(text.charAt(j))) j++;
                out.add(text.substring(i, j));
                i = j;
            } else if (c >= '0' && c <= '9') {
                int j = i + 1;
                while (j < n && (part(text.charAt(j)) || text.charAt(j) == '.')) j++;
                out.add("0");
                i = j;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') j += text.charAt(j) == '\\' ? 2 : 1;
                i = j + 1;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int e = text.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                int e = text.indexOf('\n', i);
                i = e < 0 ? n : e;
            } else {
                String p = punctuator(text, i);
                if (p == null) p = c < 128 ? CHAR_TOKENS[c] : String.valueOf(c);
                out.add(p);
                i += p.length();
            }
        }
        return out;
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

    private static final boolean[] START = new boolean[128];
    private static final boolean[] PART = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) START[c] = PART[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) START[c] = PART[c] = true;
        START['_'] = PART['_'] = true;
        for (char c = '0'; c <= '9'; c++) PART[c] = true;
    }

    private static boolean start(int c) {
        return c >= 0 && c < 128 && START[c];
    }

    private static boolean part(int c) {
        return c >= 0 && c < 128 && PART[c];
    }
}
