package dev.pollcheck.source;

import dev.pollcheck.model.ParseProblem;
import dev.pollcheck.model.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds suppression comments in the raw text of a file. The comment must begin (after blanks and
 * {@code *}) with {@code pollcheck:}; then {@code ignore}, optional rule ids separated by commas or
 * blanks, and optionally {@code --} and a reason:
 * <pre>
 *   /* pollcheck: ignore PW002 -- queue is registered in open() *&#47;
 *   // pollcheck: ignore PW001, PW003 -- reviewed by X
 *   /* pollcheck: ignore *&#47;            (all rules, no reason: the report flags it)
 * </pre>
 * A {@code pollcheck:} comment that does not read this way is a problem, not a silent no-op.
 * Files without the text {@code pollcheck:} cost one {@code indexOf}.
 */
public final class Suppressions {
    private Suppressions() {
    }

    public record Result(List<Suppression> suppressions, List<ParseProblem> problems) {
    }

    private static final String MARK = "pollcheck:";

    public static Result find(SourceFile f) {
        return find(f.displayPath(), f.text());
    }

    public static Result find(String file, String text) {
        if (text.indexOf(MARK) < 0) {
            return new Result(List.of(), List.of());
        }
        return new Scan(file, text).run();
    }

    /** One comment met by the lexer. */
    private record Comment(int start, int end, int line, int col, int endLine, int endCol, boolean block,
                           boolean codeBefore, char lastCode, int depth) {
    }

    private static final class Scan {
        final String file;
        final String s;
        final int n;
        final List<Comment> comments = new ArrayList<>();
        // lines that hold code, as a growable bit set indexed by line
        final java.util.BitSet codeLines = new java.util.BitSet();

        Scan(String file, String s) {
            this.file = file;
            this.s = s;
            this.n = s.length();
        }

        Result run() {
            lex();
            List<Suppression> out = new ArrayList<>();
            List<ParseProblem> problems = new ArrayList<>();
            for (Comment c : comments) {
                String body = s.substring(c.start() + 2, c.block() && c.end() - 2 >= c.start() + 2 ? c.end() - 2 : c.end());
                String t = normalise(body, c.block());
                if (!t.startsWith(MARK)) {
                    continue;
                }
                parse(t.substring(MARK.length()).trim(), c, out, problems);
            }
            if (problems.size() > Preprocessor.MAX_PROBLEMS) {
                int more = problems.size() - Preprocessor.MAX_PROBLEMS;
                problems.subList(Preprocessor.MAX_PROBLEMS, problems.size()).clear();
                problems.add(new ParseProblem(file, 0, 0, more + " more malformed pollcheck comments not listed"));
            }
            return new Result(List.copyOf(out), List.copyOf(problems));
        }

        /** The comment text on one line: continuation lines lose their leading blanks and '*'. */
        private static String normalise(String body, boolean block) {
            StringBuilder sb = new StringBuilder();
            for (String ln : body.split("\n", -1)) {
                String x = ln.strip();
                if (block) {
                    while (x.startsWith("*")) x = x.substring(1).strip();
                } else {
                    while (x.startsWith("/")) x = x.substring(1).strip();
                }
                if (x.endsWith("\\")) x = x.substring(0, x.length() - 1).strip();
                if (!x.isEmpty()) {
                    if (sb.length() > 0) sb.append(' ');
                    sb.append(x);
                }
            }
            return sb.toString();
        }

        private void parse(String t, Comment c, List<Suppression> out, List<ParseProblem> problems) {
            String reason = null;
            int dash = t.indexOf("--");
            String head = dash < 0 ? t : t.substring(0, dash);
            if (dash >= 0) {
                String r = t.substring(dash + 2).strip();
                reason = r.isEmpty() ? null : r;
            }
            String[] words = head.strip().split("[\\s,]+");
            if (words.length == 0 || !words[0].equalsIgnoreCase("ignore")) {
                problems.add(new ParseProblem(file, c.line(), c.col(),
                        "malformed pollcheck comment: expected 'pollcheck: ignore [RULE, ...] [-- reason]'"));
                return;
            }
            Set<String> rules = new LinkedHashSet<>();
            for (int i = 1; i < words.length; i++) {
                String w = words[i];
                if (w.isEmpty()) continue;
                if (!isRuleId(w)) {
                    problems.add(new ParseProblem(file, c.line(), c.col(), "malformed pollcheck comment: '" + w
                            + "' is not a rule id (write the reason after --)"));
                    return;
                }
                rules.add(w.toUpperCase(Locale.ROOT));
            }
            boolean standalone = !c.codeBefore() && !codeAfterOnLine(c.end());
            int next = codeLines.nextSetBit(c.endLine() + 1);
            boolean firstInBlock = c.lastCode() == '{' && c.depth() == 1;
            out.add(new Suppression(c.line(), Collections.unmodifiableSet(rules), reason,
                    new Span(file, c.line(), c.col(), c.endLine(), c.endCol()), standalone, Math.max(next, 0), firstInBlock));
        }

        private static boolean isRuleId(String w) {
            int i = 0;
            while (i < w.length() && Character.isLetter(w.charAt(i))) i++;
            int letters = i;
            while (i < w.length() && Character.isDigit(w.charAt(i))) i++;
            return letters > 0 && i > letters && i == w.length();
        }

        private boolean codeAfterOnLine(int from) {
            for (int i = from; i < n && s.charAt(i) != '\n'; i++) {
                char ch = s.charAt(i);
                if (ch == '/' && i + 1 < n && (s.charAt(i + 1) == '*' || s.charAt(i + 1) == '/')) {
                    return false;   // another comment: still no code
                }
                if (!Character.isWhitespace(ch)) return true;
            }
            return false;
        }

        /** Comments, the lines that hold code, the last code char and brace depth before each comment. */
        private void lex() {
            int line = 1;
            int lineStart = 0;
            int depth = 0;
            char lastCode = 0;
            boolean codeOnLine = false;
            int i = 0;
            while (i < n) {
                char ch = s.charAt(i);
                if (ch == '\n') {
                    line++;
                    lineStart = i + 1;
                    codeOnLine = false;
                    i++;
                } else if (ch == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                    int sl = line;
                    int sc = i - lineStart + 1;
                    int j = s.indexOf("*/", i + 2);
                    int end = j < 0 ? n : j + 2;
                    for (int k = i; k < end; k++) {
                        if (s.charAt(k) == '\n') {
                            line++;
                            lineStart = k + 1;
                        }
                    }
                    comments.add(new Comment(i, end, sl, sc, line, end - lineStart + 1, true, codeOnLine, lastCode, depth));
                    if (line != sl) codeOnLine = false;
                    i = end;
                } else if (ch == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                    int j = i;
                    while (j < n && s.charAt(j) != '\n') j++;
                    comments.add(new Comment(i, j, line, i - lineStart + 1, line, j - lineStart + 1, false, codeOnLine, lastCode, depth));
                    i = j;
                } else if (Character.isWhitespace(ch)) {
                    i++;
                } else {
                    codeOnLine = true;
                    codeLines.set(line);
                    if (ch == '"' || ch == '\'') {
                        int j = i + 1;
                        while (j < n && s.charAt(j) != ch && s.charAt(j) != '\n') {
                            if (s.charAt(j) == '\\' && j + 1 < n && s.charAt(j + 1) == '\n') {
                                line++;         // a continued string
                                lineStart = j + 2;
                            }
                            j += s.charAt(j) == '\\' ? 2 : 1;
                        }
                        i = Math.min(j + 1, n);
                        lastCode = ch;
                        continue;
                    }
                    if (ch == '{') {
                        depth++;
                    } else if (ch == '}') {
                        depth = Math.max(0, depth - 1);
                    }
                    lastCode = ch;
                    i++;
                }
            }
        }
    }
}
