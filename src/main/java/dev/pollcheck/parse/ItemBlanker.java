package dev.pollcheck.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds a text's file-scope items and plans what a parse reads of them, so that the lexer, the
 * chunker and the parser pay only for what a run wants (on a kernel tree, a few functions per file);
 * what is not read:
 * <ul>
 *   <li>a function definition that {@code wantBody} refuses: a body is the brace pair that follows
 *       {@code )} at file scope. When the header is plain (one parenthesised group, after the name)
 *       the whole function is blanked and described by a {@link Skipped}; otherwise only the inside
 *       of the braces is, and the lexer still sees the header. Either way the parser lists the
 *       function as a SKIPPED definition with its name;</li>
 *   <li>a declaration (an item ending with {@code ;} at file scope) that {@code wantDeclaration}
 *       refuses, unless it is a typedef (the parser learns type names from those), may be a macro
 *       invocation ({@code NAME(...)} after plain words: the parser expands those, and a macro's
 *       body may hold an ops initializer), or does not start with a word (the rest of something
 *       before it, such as the {@code ;} after a compound literal {@code &(struct s) {...}}, which
 *       looks like a function body here).</li>
 * </ul>
 * The text offered to a predicate runs from the end of the previous top-level item to the closing
 * brace or semicolon, so a helper whose header names {@code poll_table} is kept. The lexer is put
 * at each range to read ({@link Plan}), so positions are those of the text; {@link #blank} gives the
 * text with the rest blank, for tests. Strings, character literals, comments and {@code #} lines are
 * stepped over; a brace that is never closed leaves the rest of the text to be read.
 */
final class ItemBlanker {
    private ItemBlanker() {
    }

    /**
     * The text with unwanted items blanked, and what {@code wantBody} said of each body, by the
     * offset of its opening brace, so that it is asked once per function.
     */
    record Result(char[] chars, Map<Integer, Boolean> decisions, List<Skipped> skipped) {
        String text() {
            return new String(chars);
        }
    }

    /**
     * An unwanted function whose header is plain ({@code [words] name(params)}, nothing else with
     * parentheses, braces or semicolons): it is blanked whole, header too, and described here by
     * offsets into the text ({@code end} is its closing brace), so that it costs no lexing at all.
     * Other unwanted functions keep their header for the lexer, which finds their name in its tokens.
     */
    record Skipped(int start, int nameAt, String name, boolean isStatic, int bodyOpen, int end) {
    }

    static Result blank(String text, Predicate<String> wantBody) {
        return blank(text, wantBody, d -> true);
    }

    /**
     * One top-level item: a function body ({@code bodyOpen >= 0}, {@code end} its closing brace) or
     * a declaration ({@code end} its {@code ;}, or the text's last character for an unterminated rest,
     * such as a final {@code module_init(foo_init)}). A declaration is {@code blankable} when it starts
     * with a word and is no typedef and no possible macro invocation; {@code typedef} marks one that
     * is a typedef.
     */
    record Item(int start, int bodyOpen, int end, boolean blankable, boolean typedef) {
        boolean body() {
            return bodyOpen >= 0;
        }
    }

    static Result blank(String text, Predicate<String> wantBody, Predicate<String> wantDeclaration) {
        char[] chars = text.toCharArray();
        Plan plan = plan(text, chars, items(chars, text), wantBody, wantDeclaration);
        char[] s = new char[chars.length];
        java.util.Arrays.fill(s, ' ');
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) s[i] = '\n';
        for (int[] r : plan.ranges()) System.arraycopy(chars, r[0], s, r[0], r[1] - r[0]);
        return new Result(s, plan.decisions(), plan.skipped());
    }

    /**
     * What a parse lexes of a text: the offset ranges to read, in order, what {@code wantBody} said of
     * each body (by the offset of its brace), and the unwanted functions listed from offsets alone.
     */
    record Plan(List<int[]> ranges, Map<Integer, Boolean> decisions, List<Skipped> skipped) {
    }

    /**
     * The {@link Plan} of a text: everything is read but the unwanted bodies (whole, when their header
     * is plain; their inside otherwise) and the unwanted declarations that may be blanked. The
     * predicates are asked in the items' order, once each.
     */
    static Plan plan(String text, char[] chars, List<Item> items, Predicate<String> wantBody,
                     Predicate<String> wantDeclaration) {
        Region bodies = new Region(text, wantBody);
        Region declarations = new Region(text, wantDeclaration);
        List<int[]> ranges = new ArrayList<>();
        Map<Integer, Boolean> decisions = new HashMap<>();
        List<Skipped> skipped = new ArrayList<>();
        int pos = 0;
        for (Item it : items) {
            int from = -1;
            int to = -1;
            if (it.body()) {
                boolean wanted = bodies.wants(it.start(), it.end() + 1);
                decisions.put(it.bodyOpen(), wanted);
                if (!wanted) {
                    Skipped plain = plainHeader(chars, it.start(), it.bodyOpen(), it.end());
                    if (plain != null) {
                        skipped.add(plain);
                        from = it.start();
                        to = it.end() + 1;
                    } else {
                        from = it.bodyOpen() + 1;
                        to = it.end();
                    }
                }
            } else if (it.blankable() && !declarations.wants(it.start(), it.end() + 1)) {
                from = it.start();
                to = it.end() + 1;
            }
            if (from >= 0) {
                if (from > pos) ranges.add(new int[] {pos, from});
                pos = to;
            }
        }
        if (pos < chars.length) ranges.add(new int[] {pos, chars.length});
        return new Plan(ranges, decisions, List.copyOf(skipped));
    }

    /**
     * The file-scope items of {@code text}, in order: function definitions and declarations, found
     * with strings, character literals, comments and {@code #} lines stepped over.
     */
    static List<Item> items(String source) {
        return items(source.toCharArray(), source);
    }

    /** {@link #items(String)} of {@code source}, whose characters {@code text} holds. */
    static List<Item> items(char[] text, String source) {
        // A char array: charAt is slow on texts with a non-Latin-1 character (a name in a comment).
        List<Item> items = new ArrayList<>();
        Mentions.Cursor typedefs = new Mentions.Cursor(source, "typedef");
        int n = text.length;
        int depth = 0;
        int itemStart = -1;
        int bodyOpen = -1;
        char lastSignificant = ';';
        boolean lineStart = true;
        int i = 0;
        while (i < n) {
            char c = text[i];
            if (ordinary(c)) {
                // A run of characters that change nothing but where the item starts and what was
                // last seen: most of a file, stepped over in a tight loop.
                if (itemStart < 0) {
                    itemStart = i;
                }
                lineStart = false;
                int j = i + 1;
                while (j < n && ordinary(text[j])) {
                    j++;
                }
                lastSignificant = text[j - 1];
                i = j;
                continue;
            }
            if (c == '\n') {
                lineStart = true;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                i++;
                while (i < n && (text[i] == ' ' || text[i] == '\t')) {
                    i++;   // indentation comes in runs
                }
                continue;
            }
            if (lineStart && c == '#') {
                i = endOfDirective(source, i);
                continue;
            }
            lineStart = false;
            boolean comment = c == '/' && i + 1 < n && (text[i + 1] == '*' || text[i + 1] == '/');
            if (itemStart < 0 && !comment) {
                itemStart = i;
            }
            if (c == '/' && i + 1 < n && text[i + 1] == '*') {
                int e = source.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
                continue;
            }
            if (c == '/' && i + 1 < n && text[i + 1] == '/') {
                int e = source.indexOf('\n', i);
                i = e < 0 ? n : e;
                continue;
            }
            if (c == '"' || c == '\'') {
                i = endOfLiteral(source, i);
                lastSignificant = c;
                continue;
            }
            if (c == '{') {
                if (depth == 0 && lastSignificant == ')') {
                    bodyOpen = i;
                }
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
                if (depth == 0 && bodyOpen >= 0) {
                    items.add(new Item(itemStart, bodyOpen, i, false, false));
                    bodyOpen = -1;
                    itemStart = -1;
                }
            } else if (c == ';' && depth == 0) {
                boolean typedef = typedefs.in(itemStart, i + 1);
                boolean blankable = startsWithWord(text[itemStart]) && !typedef
                        && !mayBeMacroInvocation(source, itemStart, i + 1);
                items.add(new Item(itemStart, -1, i, blankable, typedef));
                itemStart = -1;
            }
            lastSignificant = c;
            i++;
        }
        if (itemStart >= 0 && depth == 0) {
            // The rest after the last item, unterminated: module_init(foo_init) with no semicolon at
            // the end of a file. Never blanked; listed so that a reader of items alone sees it.
            items.add(new Item(itemStart, -1, n - 1, false, false));
        }
        return List.copyOf(items);
    }

    /** The characters the loop of {@link #blank} acts on; every other one is ordinary. */
    private static final boolean[] SPECIAL = new boolean[128];

    static {
        for (char c : "\n \t\r\f#/\"'{};".toCharArray()) {
            SPECIAL[c] = true;
        }
    }

    private static boolean ordinary(char c) {
        return c >= 128 || !SPECIAL[c];
    }

    /**
     * A predicate over the items of one text, asked in order: a {@link Mentions} is answered by its
     * cursor over the text, any other predicate on the item cut out as a string. No predicate, or
     * one that throws, keeps the item: reading too much only costs time.
     */
    private static final class Region {
        private final String text;
        private final Predicate<String> p;
        private final Mentions.Cursor cursor;

        Region(String text, Predicate<String> p) {
            this.text = text;
            this.p = p;
            this.cursor = p instanceof Mentions m ? m.finder(text) : null;
        }

        boolean wants(int from, int to) {
            if (cursor != null) {
                return cursor.in(from, to);
            }
            try {
                return p == null || p.test(text.substring(from, to));
            } catch (RuntimeException e) {
                return true;
            }
        }
    }

    /**
     * The {@link Skipped} of a function whose header {@code [start, bodyOpen)} is plain, or null: one
     * parenthesised group, right after the name, and no brace, semicolon or quote in the header.
     */
    private static Skipped plainHeader(char[] s, int start, int bodyOpen, int end) {
        int open = -1;
        int close = -1;
        int depth = 0;
        for (int j = start; j < bodyOpen; j++) {
            char c = s[j];
            if (c == '(') {
                if (depth == 0) {
                    if (open >= 0) {
                        return null;   // a second group: an attribute macro, a function pointer...
                    }
                    open = j;
                }
                depth++;
            } else if (c == ')') {
                if (--depth < 0) {
                    return null;
                }
                if (depth == 0) {
                    close = j;
                }
            } else if (c == '{' || c == '}' || c == ';' || c == '"' || c == '\'' || c == '#' || c == '/') {
                return null;
            }
        }
        if (open < 0 || close < 0 || depth != 0 || !blankBetween(s, close + 1, bodyOpen)) {
            return null;
        }
        int nameEnd = open;
        while (nameEnd > start && (s[nameEnd - 1] == ' ' || s[nameEnd - 1] == '\t' || s[nameEnd - 1] == '\n'
                || s[nameEnd - 1] == '\r')) {
            nameEnd--;
        }
        int nameAt = nameEnd;
        while (nameAt > start && (Character.isLetterOrDigit(s[nameAt - 1]) || s[nameAt - 1] == '_')) {
            nameAt--;
        }
        if (nameAt == nameEnd || Character.isDigit(s[nameAt])) {
            return null;
        }
        return new Skipped(start, nameAt, new String(s, nameAt, nameEnd - nameAt), hasWord(s, start, bodyOpen, "static"),
                bodyOpen, end);
    }

    private static boolean blankBetween(char[] s, int from, int to) {
        for (int j = from; j < to; j++) {
            if (!Character.isWhitespace(s[j])) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code word} stands in {@code [from, to)} as a whole word. */
    private static boolean hasWord(char[] s, int from, int to, String word) {
        int n = word.length();
        for (int j = from; j + n <= to; j++) {
            if (s[j] == word.charAt(0) && (j == from || !isWordChar(s[j - 1])) && (j + n == to || !isWordChar(s[j + n]))
                    && new String(s, j, n).equals(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean startsWithWord(char c) {
        return Character.isLetter(c) || c == '_';
    }

    /**
     * Whether a file-scope item may be a macro invocation: words separated by blanks, then a
     * parenthesis ({@code module_platform_driver(x);}, {@code static DEFINE_MUTEX(lock);}). It also
     * says yes to function prototypes, which only costs their reading.
     */
    static boolean mayBeMacroInvocation(String item) {
        return mayBeMacroInvocation(item, 0, item.length());
    }

    private static boolean mayBeMacroInvocation(String s, int from, int to) {
        boolean word = false;
        for (int j = from; j < to; j++) {
            char c = s.charAt(j);
            if (Character.isLetterOrDigit(c) || c == '_') {
                word = true;
            } else if (c == '(') {
                return word;
            } else if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return false;
    }

    /** The index just past a string or character literal starting at {@code i} (or its line's end). */
    private static int endOfLiteral(String text, int i) {
        char q = text.charAt(i);
        int n = text.length();
        int j = i + 1;
        while (j < n) {
            char c = text.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == q) {
                return j + 1;
            }
            if (c == '\n') {
                return j;
            }
            j++;
        }
        return n;
    }

    /** The index of the newline ending a directive line, continuations included. */
    private static int endOfDirective(String text, int i) {
        int n = text.length();
        int j = i;
        while (j < n) {
            char c = text.charAt(j);
            if (c == '\n' && (j == 0 || text.charAt(j - 1) != '\\')) {
                return j;
            }
            j++;
        }
        return n;
    }
}
