package dev.pollcheck.source;

import dev.pollcheck.model.Span;
import java.util.Set;

/**
 * A comment {@code /* pollcheck: ignore PW002, PW003 -- reason *}{@code /} (or the {@code //} form).
 *
 * @param line         line where the comment starts
 * @param rules        rule ids, upper case; empty means every rule ({@code pollcheck: ignore})
 * @param reason       the text after {@code --}, or null when there is none (the report flags that)
 * @param span         the whole comment
 * @param standalone   nothing but blanks shares the comment's first and last lines
 * @param nextCodeLine first line after the comment holding code (not blank, not only comments); 0 at
 *                     the end of the file
 * @param firstInBlock the last code before the comment is a {@code {} that opens a block at file
 *                     nesting depth 1: the comment is the first thing in a function body
 */
public record Suppression(int line, Set<String> rules, String reason, Span span,
                          boolean standalone, int nextCodeLine, boolean firstInBlock) {

    public boolean hasReason() {
        return reason != null;
    }

    /** Whether the comment names this rule (or names none, which means all). */
    public boolean covers(String ruleId) {
        return rules.isEmpty() || rules.contains(ruleId.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Whether a finding on {@code findingLine}, inside the function spanning
     * {@code functionStartLine..functionEndLine} (0, 0 when there is none), is covered:
     * <ul>
     *   <li>the finding is on a line of the comment (a trailing comment);</li>
     *   <li>the comment stands alone and the finding is on the next line with code;</li>
     *   <li>the comment stands alone right before the function (its next code line is the
     *       function's first line), or is the first thing in the function's body: then the whole
     *       function is covered.</li>
     * </ul>
     * Which rules it covers is {@link #covers}'s business.
     */
    public boolean appliesTo(int findingLine, int functionStartLine, int functionEndLine) {
        if (findingLine >= span.line() && findingLine <= span.endLine()) {
            return true;
        }
        if (standalone && findingLine == nextCodeLine) {
            return true;
        }
        boolean inFunction = functionStartLine > 0 && findingLine >= functionStartLine && findingLine <= functionEndLine;
        if (!inFunction) {
            return false;
        }
        if (standalone && nextCodeLine == functionStartLine) {
            return true;
        }
        return firstInBlock && line >= functionStartLine && line <= functionEndLine;
    }
}
