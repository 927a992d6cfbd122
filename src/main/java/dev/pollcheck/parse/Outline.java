package dev.pollcheck.parse;

import dev.pollcheck.model.MacroDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file-scope items of one text (function definitions and declarations, by offset), found once,
 * with the identifiers each names: for a reader that parses the same text again and again for other
 * items ({@link CParser#parseWanted}), so that choosing the items costs a lookup each and a parse
 * costs what it reads, not the size of the file. The names the text's typedefs declare are learnt
 * once too, on the first parse that needs them. Thread-safe.
 */
public final class Outline {
    private final String text;
    private final List<Item> items;
    /** The text's characters, for the lexer (read only). */
    private final char[] chars;
    /** Offsets where lines start. */
    private final int[] lineStarts;
    private Set<String> typedefNames;

    /** One item: a function definition or a file-scope declaration. */
    public final class Item {
        private final ItemBlanker.Item at;
        /** For a possible macro invocation, the body of the function-like macro it invokes, or null. */
        private final String macroBody;
        private volatile long[] idents;

        private Item(ItemBlanker.Item at, String macroBody) {
            this.at = at;
            this.macroBody = macroBody;
        }

        /** Where the item starts in the text: what tells two items of one text apart. */
        public int start() {
            return at.start();
        }

        public boolean isBody() {
            return at.body();
        }

        /**
         * The item's text; for a possible macro invocation, followed by the body of the macro it
         * invokes, which is what the parser reads (SEQ_PROFILE_FOPS(name) makes a function calling
         * seq_profile_open).
         */
        public String text() {
            String own = Outline.this.text.substring(at.start(), at.end() + 1);
            return macroBody == null ? own : own + "\n" + macroBody;
        }

        /** Whether the item's text ({@link #text}) names one of {@code words} as a whole identifier. */
        public boolean mentionsAny(Collection<String> words) {
            if (idents == null) {
                long[] own = Identifiers.of(chars, at.start(), at.end() + 1);
                idents = macroBody == null ? own : Identifiers.union(own, Identifiers.of(macroBody.toCharArray(), 0, macroBody.length()));
            }
            for (String w : words) {
                if (Arrays.binarySearch(idents, Identifiers.hash(w)) >= 0) return true;
            }
            return false;
        }

        ItemBlanker.Item at() {
            return at;
        }
    }

    private Outline(String text, List<MacroDef> macros) {
        this.text = text;
        this.chars = text.toCharArray();
        List<ItemBlanker.Item> found = ItemBlanker.items(chars, text);
        Map<String, String> macroBodies = new HashMap<>();
        if (macros != null) {
            for (MacroDef m : macros) if (m.functionLike() && m.body() != null) macroBodies.put(m.name(), m.body());
        }
        List<Item> out = new ArrayList<>(found.size());
        for (ItemBlanker.Item it : found) {
            int split = it.body() ? invocationBefore(chars, it.start(), it.bodyOpen()) : -1;
            if (split > 0) {
                // DEFINE_SHOW_ATTRIBUTE(x) with no semicolon, then a function: two items.
                ItemBlanker.Item first = new ItemBlanker.Item(it.start(), -1, split - 1, false, false);
                out.add(new Item(first, macroBodies.get(invokedName(chars, first.start(), split))));
                it = new ItemBlanker.Item(firstNonBlank(chars, split), it.bodyOpen(), it.end(), false, false);
            }
            boolean invocation = !it.body() && !it.blankable() && !it.typedef();
            out.add(new Item(it, invocation ? macroBodies.get(invokedName(chars, it.start(), it.end() + 1)) : null));
        }
        this.items = List.copyOf(out);
        lineStarts = CParser.lineStarts(text);
    }

    /** The outline of {@code text}, whose function-like {@code macros} (may be null) a possible invocation is read with. */
    public static Outline of(String text, List<MacroDef> macros) {
        return new Outline(text, macros);
    }

    public static Outline of(String text) {
        return new Outline(text, List.of());
    }

    String text() {
        return text;
    }

    char[] chars() {
        return chars;
    }

    public List<Item> items() {
        return items;
    }

    int[] lineStarts() {
        return lineStarts;
    }

    /**
     * Where a function's header starts when an unterminated macro invocation stands before it on its
     * own lines ({@code NAME(...)} at the item's start, the rest of its line blank, and a header with
     * its own parentheses after); -1 when there is none.
     */
    private static int invocationBefore(char[] s, int from, int bodyOpen) {
        int k = firstNonBlank(s, from);
        int name = k;
        while (k < bodyOpen && (Character.isLetterOrDigit(s[k]) || s[k] == '_')) k++;
        if (k == name) return -1;
        while (k < bodyOpen && (s[k] == ' ' || s[k] == '\t')) k++;
        if (k >= bodyOpen || s[k] != '(') return -1;
        int depth = 0;
        for (; k < bodyOpen; k++) {
            if (s[k] == '(') depth++;
            else if (s[k] == ')' && --depth == 0) break;
            else if (s[k] == '"' || s[k] == '\'' || s[k] == '{' || s[k] == ';') return -1;
        }
        if (k >= bodyOpen) return -1;
        int end = k + 1;
        int j = end;
        while (j < bodyOpen && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) j++;
        if (j >= bodyOpen || s[j] != '\n') return -1;
        for (int h = j; h < bodyOpen; h++) if (s[h] == '(') return end;
        return -1;
    }

    private static int firstNonBlank(char[] s, int from) {
        int k = from;
        while (k < s.length && Character.isWhitespace(s[k])) k++;
        return k;
    }

    /** The name before the first parenthesis of a possible macro invocation ({@code static DEFINE_MUTEX(x);}), or "". */
    private static String invokedName(char[] s, int from, int to) {
        int open = from;
        while (open < to && s[open] != '(') open++;
        int end = open >= to ? from : open;
        while (end > from && Character.isWhitespace(s[end - 1])) end--;
        int start = end;
        while (start > from && (Character.isLetterOrDigit(s[start - 1]) || s[start - 1] == '_')) start--;
        return new String(s, start, end - start);
    }

    /** The names the text's file-scope typedefs declare, lexed with {@code parser} the first time. */
    synchronized Set<String> typedefNames(CParser parser) {
        if (typedefNames == null) {
            List<int[]> ranges = new ArrayList<>();
            for (Item it : items) {
                if (it.at.typedef()) ranges.add(new int[] {it.at.start(), it.at.end() + 1});
            }
            typedefNames = ranges.isEmpty() ? Set.of() : Set.copyOf(parser.typedefsIn(this, ranges));
        }
        return typedefNames;
    }

    /** Hashes of whole identifiers, as {@link Item#mentionsAny} compares them. */
    static final class Identifiers {
        private Identifiers() {
        }

        static long hash(String w) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < w.length(); i++) {
                h ^= w.charAt(i);
                h *= 0x100000001b3L;
            }
            return h ^ w.length();
        }

        /** The sorted, distinct hashes of the identifiers in {@code s[from, to)} (numbers' letters left out). */
        static long[] of(char[] s, int from, int to) {
            long[] out = new long[32];
            int size = 0;
            for (int i = from; i < to; ) {
                char c = s[i];
                if (c < 128 && START[c]) {
                    long h = 0xcbf29ce484222325L;
                    int j = i;
                    while (j < to && s[j] < 128 && PART[s[j]]) {
                        h ^= s[j];
                        h *= 0x100000001b3L;
                        j++;
                    }
                    if (size == out.length) out = Arrays.copyOf(out, size * 2);
                    out[size++] = h ^ (j - i);
                    i = j;
                } else if (c >= '0' && c <= '9') {
                    i++;
                    while (i < to && s[i] < 128 && PART[s[i]]) i++;
                } else {
                    i++;
                }
            }
            Arrays.sort(out, 0, size);
            int distinct = 0;
            for (int k = 0; k < size; k++) if (distinct == 0 || out[k] != out[distinct - 1]) out[distinct++] = out[k];
            return Arrays.copyOf(out, distinct);
        }

        static long[] union(long[] a, long[] b) {
            long[] all = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            Arrays.sort(all);
            int distinct = 0;
            for (int k = 0; k < all.length; k++) if (distinct == 0 || all[k] != all[distinct - 1]) all[distinct++] = all[k];
            return Arrays.copyOf(all, distinct);
        }

        private static final boolean[] START = new boolean[128];
        private static final boolean[] PART = new boolean[128];

        static {
            for (char c = 'a'; c <= 'z'; c++) START[c] = PART[c] = true;
            for (char c = 'A'; c <= 'Z'; c++) START[c] = PART[c] = true;
            START['_'] = PART['_'] = true;
            for (char c = '0'; c <= '9'; c++) PART[c] = true;
        }
    }
}
