package dev.pollcheck.parse;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Blanks, before lexing, the bodies of function definitions the run does not want, so that the
 * lexer and the chunker pay only for the functions that are parsed (on a kernel tree, a few per
 * file). A body is the brace pair that follows a {@code )} at file scope; the text offered to
 * {@code want} runs from the end of the previous top-level item to the closing brace, so a helper
 * whose header names {@code poll_table} is kept. Only the inside of the braces becomes spaces
 * (newlines kept), so positions do not move and the function is still seen, with its header, as
 * a SKIPPED definition. Strings, character literals, comments and {@code #} lines are stepped over;
 * a brace that is never closed leaves the rest of the text as it was.
 */
final class BodyBlanker {
    private BodyBlanker() {
    }

    /**
     * The text with unwanted bodies blanked, and what {@code want} said of each body, by the offset
     * of its opening brace, so that it is asked once per function.
     */
    record Result(String text, Map<Integer, Boolean> decisions) {
    }

    static Result blank(String text, Predicate<String> want) {
        char[] s = null;
        Map<Integer, Boolean> decisions = new HashMap<>();
        int n = text.length();
        int depth = 0;
        int itemStart = -1;
        int bodyOpen = -1;
        char lastSignificant = ';';
        boolean lineStart = true;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                lineStart = true;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                i++;
                continue;
            }
            if (lineStart && c == '#') {
                i = endOfDirective(text, i);
                continue;
            }
            lineStart = false;
            boolean comment = c == '/' && i + 1 < n && (text.charAt(i + 1) == '*' || text.charAt(i + 1) == '/');
            if (itemStart < 0 && !comment) {
                itemStart = i;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int e = text.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
                continue;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                int e = text.indexOf('\n', i);
                i = e < 0 ? n : e;
                continue;
            }
            if (c == '"' || c == '\'') {
                i = endOfLiteral(text, i);
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
                if (depth == 0) {
                    boolean wanted = bodyOpen < 0 || want.test(text.substring(itemStart, i + 1));
                    if (bodyOpen >= 0) {
                        decisions.put(bodyOpen, wanted);
                    }
                    if (!wanted) {
                        if (s == null) {
                            s = text.toCharArray();
                        }
                        for (int k = bodyOpen + 1; k < i; k++) {
                            if (s[k] != '\n') {
                                s[k] = ' ';
                            }
                        }
                    }
                    bodyOpen = -1;
                    itemStart = -1;
                }
            } else if (c == ';' && depth == 0) {
                itemStart = -1;
            }
            lastSignificant = c;
            i++;
        }
        return new Result(s == null ? text : new String(s), decisions);
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
