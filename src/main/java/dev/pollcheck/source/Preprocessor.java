package dev.pollcheck.source;

import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.ParseProblem;
import dev.pollcheck.model.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Preprocessing without a compiler, keeping every position: the output has exactly the lines and
 * columns of the input.
 *
 * <ul>
 *   <li>Comments ({@code /* *}{@code /}, {@code //}) become spaces; newlines inside them stay.</li>
 *   <li>Directive lines, with their {@code \} continuations and comments, become spaces.
 *       {@code #include} and other directives are dropped; {@code #define} is recorded as a
 *       {@link MacroDef} (body with continuations joined, each comment replaced by one space);
 *       {@code #undef} is remembered for later conditions.</li>
 *   <li>A {@code \}+newline in code: the backslash becomes a space, the newline stays; inside a
 *       string or character literal it is kept, for the lexer joins it.</li>
 *   <li>String and character literals are respected ({@code "/*"} starts no comment).</li>
 *   <li>Inactive conditional branches become spaces (newlines kept).</li>
 * </ul>
 *
 * <h2>Which branch is active</h2>
 * A condition is evaluated by {@link CondExpr}: integer arithmetic, comparisons, {@code !},
 * {@code &&}, {@code ||}, {@code ?:}, {@code defined X} / {@code defined(X)}, {@code IS_ENABLED},
 * {@code IS_BUILTIN}, {@code IS_MODULE}, {@code IS_REACHABLE}, {@code KERNEL_VERSION(a,b,c)}, the
 * macros {@code #define}d (or {@code #undef}ed) earlier in the same file, and the {@link Defines}
 * ({@code -D}/{@code -U} and the built-in {@code LINUX_VERSION_CODE = KERNEL_VERSION(6,12,0)}). A
 * name that is none of these is unknown, and so is any condition that needs its value.
 * <p><b>The rule for conditions that cannot be decided</b>: the first branch of a chain
 * ({@code #if}, {@code #ifdef}, {@code #ifndef}) is taken as true; an undecided {@code #elif} is
 * taken as false; {@code #else} is active only when no earlier branch was taken. So
 * {@code #ifdef CONFIG_FOO ... #else ... #endif} keeps the first branch unless {@code -U CONFIG_FOO}
 * is given, and {@code #ifndef HEADER_H} guards keep their contents.
 * <p>No function disappears silently: when a branch that is made inactive holds something that looks
 * like a function definition (an identifier after a type-like word, a balanced {@code ( ... )}, then
 * {@code {}), a problem names the function, its line, the directive, and the {@code -D}/{@code -U}
 * that would select it. The message starts with {@code "poll-related function "} when the
 * function's text passes {@link Prefilter} (see {@link #isPollRelatedInactiveFunction}), else with
 * {@code "function "}: a kernel header has many inactive stubs, a driver rarely an inactive poll
 * method, and the report can show the latter and only count the former.
 * <p>Unbalanced {@code #else}/{@code #elif}/{@code #endif}, an {@code #if} left open at the end, an
 * unterminated comment or literal: a problem with file and line, and the run carries on. Every loop
 * is iterative; condition expressions are nested at most {@link CondExpr#MAX_DEPTH} deep.
 */
public final class Preprocessor {
    private Preprocessor() {
    }

    /** Problems kept per file; the rest are counted in one last notice. */
    public static final int MAX_PROBLEMS = 200;

    private static final String FUNCTION = "function ";
    private static final String POLL_FUNCTION = "poll-related function ";
    private static final String INACTIVE = " is in an inactive conditional branch and is not analysed: ";

    /** Whether {@code p} is the notice of a function left out by a conditional. */
    public static boolean isInactiveFunctionNotice(ParseProblem p) {
        return (p.message().startsWith(FUNCTION) || p.message().startsWith(POLL_FUNCTION)) && p.message().contains(INACTIVE);
    }

    /**
     * Whether {@code p} is the notice of a left-out function whose text passes {@link Prefilter}
     * (it may be a poll method or a poll_table helper): the notices worth showing by default.
     */
    public static boolean isPollRelatedInactiveFunction(ParseProblem p) {
        return p.message().startsWith(POLL_FUNCTION) && p.message().contains(INACTIVE);
    }

    public static Preprocessed run(SourceFile file, Defines defines) {
        try {
            return new Run(file.displayPath(), file.text(), defines).go();
        } catch (RuntimeException | StackOverflowError e) {
            // A bug here must not cost the rest of the run: hand on the raw text (the parser copes
            // with comments and directives itself) and say what happened.
            return new Preprocessed(file.text(), List.of(), List.of(new ParseProblem(file.displayPath(), 1, 1,
                    "internal error in the preprocessor (" + e + "); the file is read without preprocessing")));
        }
    }

    /** The chain of one {@code #if} ... {@code #endif}. */
    private static final class Frame {
        final int line;
        final int col;
        final boolean parentActive;
        final String firstDirective;  // "#ifdef X" as written, for notices
        final String firstCond;       // as an expression: "defined(X)"
        boolean taken;                // some branch of the chain was active
        boolean elseSeen;
        int branches = 1;

        Frame(int line, int col, boolean parentActive, String firstDirective, String firstCond) {
            this.line = line;
            this.col = col;
            this.parentActive = parentActive;
            this.firstDirective = firstDirective;
            this.firstCond = firstCond;
        }
    }

    /** Chars that can change the lexer's state in code: newline, backslash, slash, quotes. */
    private static final boolean[] SPECIAL = new boolean[128];

    static {
        for (char c : "\n\\/\"'".toCharArray()) {
            SPECIAL[c] = true;
        }
    }

    private static final class Run {
        private final String file;
        private final char[] s;
        private final char[] out;
        private final int n;
        private final Map<String, CondExpr.Macro> env = new HashMap<>();
        private final CondExpr.Env lookup = env::get;
        // #define/#undef met since the last condition: put into env only when a condition needs it
        // (headers with thousands of register #defines and no #if after them never pay for the map).
        // Each is a MacroDef (#define) or a String (the name of an #undef).
        private final List<Object> pending = new ArrayList<>();
        private final List<MacroDef> macros = new ArrayList<>();
        private final List<String> includes = new ArrayList<>();
        private final List<String> systemIncludes = new ArrayList<>();
        private final List<ParseProblem> problems = new ArrayList<>();
        private int problemsDropped;
        private final Deque<Frame> conds = new ArrayDeque<>();

        private int line = 1;
        private int lineStart;          // index of the first char of the current line
        private boolean active = true;
        private int inactiveStart;
        private int inactiveStartLine;
        private String inactiveWhy;
        private int dirCol;             // column of the '#' of the directive being read

        Run(String file, String text, Defines defines) {
            this.file = file;
            // One array: every char is read before it is blanked, and blanking only goes backwards.
            this.out = text.toCharArray();
            this.s = out;
            this.n = s.length;
            for (String b : List.of("KERNEL_VERSION", "IS_ENABLED", "IS_BUILTIN", "IS_MODULE", "IS_REACHABLE")) {
                env.put(b, new CondExpr.BuiltIn());
            }
            defines.defined().forEach((k, v) -> env.put(k, new CondExpr.ObjLike(v)));
            for (String u : defines.undefined()) {
                env.put(u, new CondExpr.Undefined());
            }
        }

        Preprocessed go() {
            int i = 0;
            boolean bol = true;     // only blanks and comments so far on this logical line
            while (i < n) {
                char c = s[i];
                switch (c) {
                    case '\n' -> {
                        newline(i);
                        bol = true;
                        i++;
                    }
                    case ' ', '\t', '\r', '\f', '\u000b' -> i++;
                    case '\\' -> {
                        int k = spliceLength(i);
                        if (k > 0) {
                            out[i] = ' ';
                            newline(i + k - 1);
                            i += k;
                        } else {
                            bol = false;
                            i++;
                        }
                    }
                    case '/' -> {
                        if (i + 1 < n && s[i + 1] == '*') {
                            i = blockComment(i);
                        } else if (i + 1 < n && s[i + 1] == '/') {
                            i = lineComment(i, true);
                        } else {
                            bol = false;
                            i++;
                        }
                    }
                    case '#' -> {
                        if (bol) {
                            i = directive(i);
                        } else {
                            i++;
                        }
                    }
                    case '"', '\'' -> {
                        bol = false;
                        i = literal(i);
                    }
                    default -> {
                        bol = false;
                        i++;
                        // Skip ordinary code quickly: only these chars can start something.
                        while (i < n) {
                            char d = s[i];
                            if (d < 128 && SPECIAL[d]) break;
                            i++;
                        }
                    }
                }
            }
            if (!active) {
                closeInactive(n);
            }
            while (!conds.isEmpty()) {
                Frame f = conds.pop();
                problem(new ParseProblem(file, f.line, f.col,
                        "unterminated " + f.firstDirective + ": no #endif before the end of the file"));
            }
            if (problemsDropped > 0) {
                problems.add(new ParseProblem(file, 0, 0, problemsDropped + " more problems in this file not listed"));
            }
            return new Preprocessed(new String(out), List.copyOf(macros), List.copyOf(problems), List.copyOf(includes),
                    List.copyOf(systemIncludes));
        }

        /** Keeps at most {@link #MAX_PROBLEMS}: hostile input (a file of stray #endif) stays bounded in memory. */
        private void problem(ParseProblem p) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(p);
            } else {
                problemsDropped++;
            }
        }

        private void newline(int at) {
            line++;
            lineStart = at + 1;
        }

        private int column(int at) {
            return at - lineStart + 1;
        }

        /** 2 or 3 when a backslash-newline (LF or CRLF) starts at {@code i}, else 0. */
        private int spliceLength(int i) {
            if (i + 1 < n && s[i + 1] == '\n') return 2;
            if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n') return 3;
            return 0;
        }

        /** Blanks a comment starting at {@code i}; returns the index after it. */
        private int blockComment(int i) {
            int startLine = line;
            int startCol = column(i);
            out[i] = ' ';
            out[i + 1] = ' ';
            int j = i + 2;
            while (j < n) {
                char c = s[j];
                if (c == '*' && j + 1 < n && s[j + 1] == '/') {
                    out[j] = ' ';
                    out[j + 1] = ' ';
                    return j + 2;
                }
                if (c == '\n') {
                    newline(j);
                } else {
                    out[j] = ' ';
                }
                j++;
            }
            problem(new ParseProblem(file, startLine, startCol, "unterminated comment: /* is never closed"));
            return n;
        }

        /**
         * Steps over a // comment (continued by backslash-newline), blanking it when {@code blank};
         * returns the index of the newline ending it.
         */
        private int lineComment(int i, boolean blank) {
            int j = i;
            while (j < n && s[j] != '\n') {
                int k = s[j] == '\\' ? spliceLength(j) : 0;
                if (blank) {
                    out[j] = ' ';
                }
                if (k > 0) {
                    newline(j + k - 1);
                    j += k;
                } else {
                    j++;
                }
            }
            return j;
        }

        /** Skips a string or char literal; returns the index after it (or of the newline ending a broken one). */
        private int literal(int i) {
            char q = s[i];
            // Where the literal starts: a backslash-newline inside it moves the current line on.
            int startLine = line;
            int startCol = column(i);
            int j = i + 1;
            while (j < n) {
                char c = s[j];
                if (c != q && c != '\\' && c != '\n') {
                    j++;
                    continue;
                }
                if (c == q) {
                    return j + 1;
                }
                if (c == '\\') {
                    int k = spliceLength(j);
                    if (k > 0) {
                        // The splice stays: the lexer joins it, and a blank here would end the literal.
                        newline(j + k - 1);
                        j += k;
                        continue;
                    }
                    j += (j + 1 < n && s[j + 1] != '\n') ? 2 : 1;
                    continue;
                }
                if (c == '\n') {
                    break;
                }
                j++;
            }
            // In inactive code an apostrophe in prose ("don't") is no error; in active code it is.
            if (active) {
                problem(new ParseProblem(file, startLine, startCol, q == '"'
                        ? "unterminated string literal" : "unterminated character literal"));
            }
            return j;
        }

        /** Reads, blanks and acts on the directive starting at {@code start}; returns the index of its ending newline. */
        private int directive(int start) {
            int startLine = line;
            int startCol = column(start);
            dirCol = startCol;
            // Fast path: most directives are one line with no comment, literal or backslash.
            int e = start + 1;
            while (e < n) {
                char c = s[e];
                if (c == '\n' || c == '\\' || c == '/' || c == '"' || c == '\'') break;
                e++;
            }
            if (e == n || s[e] == '\n') {
                act(s, start + 1, e, start, e, startLine, startCol);   // reads s: before blanking
                for (int k = start; k < e; k++) {
                    out[k] = ' ';
                }
                return e;
            }
            StringBuilder sb = new StringBuilder();
            sb.append(s, start + 1, e - start - 1);
            int i = e;
            while (i < n) {
                char c = s[i];
                if (c == '\n') {
                    break;
                }
                if (c == '\\') {
                    int k = spliceLength(i);
                    if (k > 0) {
                        newline(i + k - 1);
                        i += k;
                        continue;
                    }
                }
                if (c == '/' && i + 1 < n && s[i + 1] == '*') {
                    int cl = line;
                    int cc = column(i);
                    int j = i + 2;
                    while (j < n && !(s[j] == '*' && j + 1 < n && s[j + 1] == '/')) {
                        if (s[j] == '\n') newline(j);
                        j++;
                    }
                    if (j >= n) {
                        problem(new ParseProblem(file, cl, cc, "unterminated comment: /* is never closed"));
                        i = n;
                        break;
                    }
                    sb.append(' ');
                    i = j + 2;
                    continue;
                }
                if (c == '/' && i + 1 < n && s[i + 1] == '/') {
                    i = lineComment(i, false);
                    break;
                }
                if (c == '"' || c == '\'') {
                    // Copy the literal so that a "/*" inside it is not read as a comment.
                    sb.append(c);
                    i++;
                    while (i < n && s[i] != c && s[i] != '\n') {
                        if (s[i] == '\\' && i + 1 < n && s[i + 1] != '\n' && s[i + 1] != '\r') {
                            sb.append(s[i]).append(s[i + 1]);
                            i += 2;
                            continue;
                        }
                        if (s[i] == '\\' && spliceLength(i) > 0) {
                            int k = spliceLength(i);
                            newline(i + k - 1);
                            i += k;
                            continue;
                        }
                        sb.append(s[i]);
                        i++;
                    }
                    if (i < n && s[i] == c) {
                        sb.append(c);
                        i++;
                    }
                    continue;
                }
                sb.append(c);
                i++;
            }
            int end = Math.min(i, n);
            for (int k = start; k < end; k++) {
                if (out[k] != '\n') out[k] = ' ';
            }
            char[] text = sb.toString().toCharArray();
            act(text, 0, text.length, start, end, startLine, startCol);
            return end;
        }

        /** Acts on the directive whose text (after '#', continuations joined, comments blank) is a[from, to). */
        private void act(char[] a, int from, int to, int start, int end, int startLine, int startCol) {
            int p = from;
            while (p < to && (a[p] == ' ' || a[p] == '\t')) p++;
            int q = p;
            while (q < to && CondExpr.isIdent(a[q])) q++;
            if (q - p == 6 && a[p] == 'd' && a[p + 1] == 'e' && a[p + 2] == 'f' && a[p + 3] == 'i' && a[p + 4] == 'n' && a[p + 5] == 'e') {
                // The most common directive (register headers hold tens of thousands): no copies of the line.
                if (active) define(a, q, to, startCol, end, startLine);
                return;
            }
            String name = new String(a, p, q - p);
            String rest = new String(a, q, to - q).trim();
            switch (name) {
                case "if" -> openIf(start, end, startLine, "#if " + rest, rest);
                case "ifdef", "ifndef" -> {
                    String macro = firstIdent(rest);
                    if (macro == null && active) {
                        problem(new ParseProblem(file, startLine, dirCol, "#" + name + " without a macro name"));
                    }
                    String cond = macro == null ? "" : (name.equals("ifdef") ? "" : "!") + "defined(" + macro + ")";
                    openIf(start, end, startLine, "#" + name + " " + rest, cond);
                }
                case "elif", "elifdef", "elifndef" -> {
                    String cond = rest;
                    if (!name.equals("elif")) {
                        String macro = firstIdent(rest);
                        cond = macro == null ? "" : (name.equals("elifdef") ? "" : "!") + "defined(" + macro + ")";
                    }
                    elif(start, end, startLine, "#" + name + " " + rest, cond);
                }
                case "else" -> orElse(start, end, startLine);
                case "endif" -> endif(start, end, startLine);
                case "undef" -> {
                    String macro = firstIdent(rest);
                    if (active && macro != null) {
                        pending.add(macro);
                    }
                }
                case "include" -> {
                    // A driver's own header: its macros are the file's too (see LocalHeaders).
                    if (active && rest.length() > 2 && rest.charAt(0) == '"' && rest.indexOf('"', 1) > 1) {
                        includes.add(rest.substring(1, rest.indexOf('"', 1)));
                    }
                    if (active && rest.length() > 2 && rest.charAt(0) == '<' && rest.indexOf('>', 1) > 1) {
                        systemIncludes.add(rest.substring(1, rest.indexOf('>', 1)).strip());
                    }
                }
                default -> {
                    // #pragma, #error, #warning, #line, null directive, ...: nothing to do.
                }
            }
        }

        private void openIf(int start, int end, int line, String directive, String cond) {
            Frame f = new Frame(line, dirCol, active, directive.trim(), cond);
            conds.push(f);
            if (!active) {
                return;
            }
            Long v = cond.isEmpty() ? null : evaluate(cond, line);
            boolean on = v == null || v != 0;   // undecided: the first branch is taken
            f.taken = on;
            if (!on) {
                goInactive(end, line, f.firstDirective + " (line " + line + ") is false; " + hint(cond, true));
            }
        }

        private void elif(int start, int end, int line, String directive, String cond) {
            Frame f = conds.peek();
            if (f == null) {
                problem(new ParseProblem(file, line, dirCol, "#elif without #if; ignored"));
                return;
            }
            if (f.elseSeen) {
                problem(new ParseProblem(file, line, dirCol, "#elif after #else (the #if is at line " + f.line + ")"));
            }
            f.branches++;
            if (!f.parentActive) {
                return;
            }
            if (f.taken) {
                if (!active) {
                    closeInactive(start);
                }
                goInactive(end, line, directive.trim() + " (line " + line + ") comes after the taken branch of "
                        + f.firstDirective + " (line " + f.line + "); " + hintForLater(f));
                return;
            }
            Long v = cond.isEmpty() ? null : evaluate(cond, line);
            boolean on = v != null && v != 0;   // undecided #elif: not taken
            if (on) {
                f.taken = true;
                goActive(start);
            } else {
                // Each branch gets its own region, so that a notice names the right directive.
                closeInactive(start);
                goInactive(end, line, directive.trim() + " (line " + line + ") is "
                        + (v == null ? "undecided (taken as false)" : "false")
                        + "; " + hint(cond, true) + " and the earlier branches false");
            }
        }

        private void orElse(int start, int end, int line) {
            Frame f = conds.peek();
            if (f == null) {
                problem(new ParseProblem(file, line, dirCol, "#else without #if; ignored"));
                return;
            }
            if (f.elseSeen) {
                problem(new ParseProblem(file, line, dirCol, "second #else for the #if at line " + f.line + "; ignored"));
                return;
            }
            f.elseSeen = true;
            f.branches++;
            if (!f.parentActive) {
                return;
            }
            if (f.taken) {
                if (!active) {
                    closeInactive(start);
                }
                goInactive(end, line, "#else (line " + line + ") of " + f.firstDirective + " (line " + f.line
                        + ") is not taken; " + hintForLater(f));
            } else {
                f.taken = true;
                goActive(start);
            }
        }

        private void endif(int start, int end, int line) {
            Frame f = conds.poll();
            if (f == null) {
                problem(new ParseProblem(file, line, dirCol, "#endif without #if; ignored"));
                return;
            }
            if (f.parentActive && !active) {
                goActive(start);
            }
        }

        private void goInactive(int from, int line, String why) {
            active = false;
            inactiveStart = from;
            inactiveStartLine = line;
            inactiveWhy = why;
        }

        private void goActive(int upTo) {
            closeInactive(upTo);
            active = true;
        }

        private Long evaluate(String cond, int line) {
            for (Object o : pending) {
                if (o instanceof MacroDef m) {
                    env.put(m.name(), m.params() == null ? new CondExpr.ObjLike(m.body()) : new CondExpr.FnLike(m.params(), m.body()));
                } else {
                    env.put((String) o, new CondExpr.Undefined());
                }
            }
            pending.clear();
            CondExpr.Result r = CondExpr.evaluate(cond, lookup);
            if (r.error() != null) {
                problem(new ParseProblem(file, line, dirCol, "cannot read the condition '" + cond + "': " + r.error()
                        + "; taken as undecided"));
            }
            return r.value();
        }

        /** Blanks the inactive region [inactiveStart, upTo) after looking in it for function definitions. */
        private void closeInactive(int upTo) {
            int from = Math.min(inactiveStart, upTo);
            reportFunctions(from, upTo, inactiveStartLine);
            for (int k = from; k < upTo; k++) {
                if (out[k] != '\n') out[k] = ' ';
            }
        }

        private static final Set<String> NOT_A_TYPE = Set.of("if", "while", "for", "switch", "return", "else", "case",
                "goto", "sizeof", "do", "typeof", "__typeof__", "_Alignof", "__attribute__", "defined");

        /**
         * Cheap scan of a region about to be blanked (comments and directives are blank already): at brace
         * depth 0, an identifier preceded by a type-like word or '*', then a balanced (...), then '{'.
         * One pass with a stack of open parentheses, so runaway '(' cost nothing extra.
         */
        private void reportFunctions(int from, int to, int firstLine) {
            int depth = 0;
            int ln = firstLine;
            int[] opens = new int[16];
            int nOpen = 0;
            for (int k = from; k < to; k++) {
                char c = out[k];
                if (c == '\n') {
                    ln++;
                } else if (c == '{' || c == '}' || c == ';') {
                    nOpen = 0;      // no parameter list holds these
                    if (c == '{') {
                        depth++;
                    } else if (c == '}') {
                        depth = Math.max(0, depth - 1);
                    }
                } else if (c == '"' || c == '\'') {
                    int j = k + 1;
                    while (j < to && out[j] != c && out[j] != '\n') j += out[j] == '\\' ? 2 : 1;
                    k = Math.min(j, to - 1);
                    if (out[k] == '\n') ln++;
                } else if (c == '(' && depth == 0) {
                    if (nOpen == opens.length) opens = java.util.Arrays.copyOf(opens, nOpen * 2);
                    opens[nOpen++] = k;
                } else if (c == ')' && nOpen > 0) {
                    int open = opens[--nOpen];
                    int nameAt = functionNameBefore(open, from);
                    if (nameAt >= 0 && bodyFollows(k + 1, to)) {
                        reportFunction(nameAt, k, ln, to);
                    }
                }
            }
        }

        private void reportFunction(int nameAt, int close, int lineOfClose, int to) {
            int nameEnd = nameAt;
            while (CondExpr.isIdent(out[nameEnd])) nameEnd++;
            String name = new String(out, nameAt, nameEnd - nameAt);
            int nameLine = lineOfClose;
            for (int x = close - 1; x >= nameAt; x--) {
                if (out[x] == '\n') nameLine--;
            }
            int ls = nameAt;
            while (ls > 0 && out[ls - 1] != '\n') ls--;
            int bodyEnd = matchBrace(close + 1, to);
            boolean poll = Prefilter.mayMatter(new String(out, nameAt, bodyEnd - nameAt));
            problem(new ParseProblem(file, nameLine, nameAt - ls + 1, (poll ? POLL_FUNCTION : FUNCTION) + name
                    + INACTIVE + inactiveWhy));
        }

        /** Index after the '}' closing the first '{' at or after {@code from}, or {@code to}. */
        private int matchBrace(int from, int to) {
            int level = 0;
            for (int k = from; k < to; k++) {
                if (out[k] == '{') {
                    level++;
                } else if (out[k] == '}' && --level == 0) {
                    return k + 1;
                }
            }
            return to;
        }

        /**
         * Whether a '{' follows at {@code k}, after at most a few attribute-like macros
         * ({@code __acquires(x)}, {@code __releases(x)}, {@code __must_hold(x)}, {@code __attribute__((...))}).
         */
        private boolean bodyFollows(int k, int to) {
            for (int attrs = 0; attrs <= 4; attrs++) {
                while (k < to && Character.isWhitespace(out[k])) k++;
                if (k >= to) return false;
                if (out[k] == '{') return true;
                if (!CondExpr.isIdent(out[k]) || Character.isDigit(out[k])) return false;
                while (k < to && CondExpr.isIdent(out[k])) k++;
                while (k < to && Character.isWhitespace(out[k])) k++;
                if (k < to && out[k] == '(') {
                    int level = 0;
                    int limit = Math.min(to, k + 256);
                    do {
                        if (out[k] == '(') level++;
                        else if (out[k] == ')') level--;
                        k++;
                    } while (level > 0 && k < limit);
                    if (level > 0) return false;
                }
            }
            return false;
        }

        private char nextNonBlank(int k, int to) {
            while (k < to && Character.isWhitespace(out[k])) k++;
            return k < to ? out[k] : 0;
        }

        /** Start of the function name before '(' at {@code paren}, or -1 when it does not look like a definition. */
        private int functionNameBefore(int paren, int from) {
            int p = paren - 1;
            while (p >= from && Character.isWhitespace(out[p])) p--;
            int end = p + 1;
            while (p >= from && CondExpr.isIdent(out[p])) p--;
            int begin = p + 1;
            if (begin >= end || Character.isDigit(out[begin])) return -1;
            if (NOT_A_TYPE.contains(new String(out, begin, end - begin))) return -1;
            while (p >= from && Character.isWhitespace(out[p])) p--;
            if (p < from) return -1;
            if (out[p] == '*') return begin;
            if (!CondExpr.isIdent(out[p])) return -1;
            int wend = p + 1;
            while (p >= from && CondExpr.isIdent(out[p])) p--;
            return NOT_A_TYPE.contains(new String(out, p + 1, wend - p - 1)) ? -1 : begin;
        }

        private String hintForLater(Frame f) {
            if (f.branches == 2) {
                return hint(f.firstCond, false);
            }
            return "select it with -D/-U so that the earlier conditions of the chain are false";
        }

        /** What would make {@code cond} come out as {@code want}: "-D X", "-U X", or a general advice. */
        private static String hint(String cond, boolean want) {
            List<String> t;
            try {
                t = CondExpr.tokenize(cond);
            } catch (RuntimeException e) {
                return "set its macros with -D/-U";
            }
            int p = 0;
            while (p < t.size() && t.get(p).equals("!")) {
                want = !want;
                p++;
            }
            List<String> r = t.subList(p, t.size());
            String name = null;
            if (r.size() == 4 && r.get(1).equals("(") && r.get(3).equals(")")
                    && Set.of("defined", "IS_ENABLED", "IS_BUILTIN", "IS_REACHABLE", "IS_MODULE").contains(r.get(0))) {
                name = r.get(2) + (r.get(0).equals("IS_MODULE") ? "_MODULE" : "");
            } else if (r.size() == 2 && r.get(0).equals("defined")) {
                name = r.get(1);
            } else if (r.size() == 1 && Character.isDigit(r.get(0).charAt(0))) {
                return "a constant condition: no -D/-U selects it";
            } else if (r.size() == 1 && Character.isJavaIdentifierStart(r.get(0).charAt(0))) {
                name = r.get(0);
            }
            if (name == null) {
                if (t.contains("LINUX_VERSION_CODE")) {
                    return "-D LINUX_VERSION_CODE=KERNEL_VERSION(a,b,c) for a kernel where '" + cond + "' is "
                            + want + " would select it";
                }
                return "set the macros of '" + cond + "' with -D/-U to select it";
            }
            return (want ? "-D " : "-U ") + name + " would select it";
        }

        private void define(char[] a, int from, int to, int startCol, int end, int startLine) {
            int p = from;
            while (p < to && (a[p] == ' ' || a[p] == '\t')) p++;
            int q = p;
            while (q < to && CondExpr.isIdent(a[q])) q++;
            if (q == p || Character.isDigit(a[p])) {
                problem(new ParseProblem(file, startLine, startCol, "#define without a macro name"));
                return;
            }
            String name = new String(a, p, q - p);
            List<String> params = null;
            int bodyFrom = q;
            if (q < to && a[q] == '(') {
                int close = q;
                while (close < to && a[close] != ')') close++;
                if (close == to) {
                    problem(new ParseProblem(file, startLine, startCol, "#define " + name + ": unclosed parameter list"));
                    return;
                }
                params = new ArrayList<>();
                for (String part : new String(a, q + 1, close - q - 1).split(",")) {
                    String x = part.trim();
                    if (!x.isEmpty()) params.add(x);
                }
                params = List.copyOf(params);
                bodyFrom = close + 1;
            }
            while (bodyFrom < to && a[bodyFrom] <= ' ') bodyFrom++;
            int bodyTo = to;
            while (bodyTo > bodyFrom && a[bodyTo - 1] <= ' ') bodyTo--;
            String body = new String(a, bodyFrom, bodyTo - bodyFrom);
            int endCol = end - lineStart + 1;
            MacroDef m = new MacroDef(new Span(file, startLine, startCol, line, endCol), name, params, body);
            macros.add(m);
            pending.add(m);
        }

        private static int skipBlanks(String t, int p) {
            while (p < t.length() && (t.charAt(p) == ' ' || t.charAt(p) == '\t')) p++;
            return p;
        }

        private static String firstIdent(String t) {
            int p = skipBlanks(t, 0);
            int q = p;
            while (q < t.length() && CondExpr.isIdent(t.charAt(q))) q++;
            return q > p && !Character.isDigit(t.charAt(p)) ? t.substring(p, q) : null;
        }
    }
}
