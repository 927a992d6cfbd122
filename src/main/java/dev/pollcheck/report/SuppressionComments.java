package dev.pollcheck.report;

import dev.pollcheck.model.Span;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code pollcheck: ignore [RULE...] [-- reason]} in the comments of a C file. Only real comments
 * count: the text is lexed for comments, strings and character literals, so a string that happens to
 * contain the words does not suppress anything.
 */
public final class SuppressionComments {

    private static final Pattern DIRECTIVE = Pattern.compile(
            "pollcheck\\s*:\\s*ignore\\b(.*?)(?:--(.*))?$", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern RULE = Pattern.compile("[A-Za-z]+[0-9]+");

    private SuppressionComments() {
    }

    public static List<SuppressionMatcher.Comment> parse(String file, String text) {
        List<SuppressionMatcher.Comment> out = new ArrayList<>();
        if (text.indexOf("pollcheck") < 0) return out; // the common case costs one scan
        int line = 1, col = 1;
        int i = 0, n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            if (c == '/' && (next == '*' || next == '/')) {
                boolean block = next == '*';
                int startLine = line, startCol = col, start = i;
                i += 2;
                col += 2;
                while (i < n) {
                    char d = text.charAt(i);
                    if (block && d == '*' && i + 1 < n && text.charAt(i + 1) == '/') {
                        i += 2;
                        col += 2;
                        break;
                    }
                    if (!block && d == '\n' && (i == 0 || text.charAt(i - 1) != '\\')) break;
                    if (d == '\n') {
                        line++;
                        col = 1;
                    } else {
                        col++;
                    }
                    i++;
                }
                String body = text.substring(start + 2, block && i >= start + 4 && text.startsWith("*/", i - 2) ? i - 2 : i);
                SuppressionMatcher.Comment comment = directive(body, new Span(file, startLine, startCol, line, col));
                if (comment != null) out.add(comment);
                continue;
            }
            if (c == '"' || c == '\'') {
                // Skip a literal; it ends at the matching quote or, unterminated, at the end of the line.
                i++;
                col++;
                while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
                    if (text.charAt(i) == '\\' && i + 1 < n && text.charAt(i + 1) != '\n') {
                        i++;
                        col++;
                    }
                    i++;
                    col++;
                }
                if (i < n && text.charAt(i) == c) {
                    i++;
                    col++;
                }
                continue;
            }
            if (c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            i++;
        }
        return out;
    }

    static SuppressionMatcher.Comment directive(String commentBody, Span at) {
        Matcher m = DIRECTIVE.matcher(commentBody.replaceAll("(?m)^\\s*\\*(?!/)", " ").strip());
        if (!m.find()) return null;
        Set<String> rules = new LinkedHashSet<>();
        Matcher r = RULE.matcher(m.group(1));
        while (r.find()) rules.add(r.group().toUpperCase(Locale.ROOT));
        String reason = m.group(2) == null ? null : m.group(2).strip().replaceAll("\\s+", " ");
        return new SuppressionMatcher.Comment(at, Set.copyOf(rules), reason == null || reason.isEmpty() ? null : reason);
    }
}
