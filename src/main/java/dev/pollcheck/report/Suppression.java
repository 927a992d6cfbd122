package dev.pollcheck.report;

import dev.pollcheck.model.Span;

/**
 * A {@code pollcheck: ignore RULE -- reason} comment that silences a finding.
 *
 * @param comment       where the comment is
 * @param wholeFunction true when the comment stands on the function (covers every finding in it),
 *                      false when it stands on the finding's line
 * @param justification the reason written after {@code --}; never blank (a comment without a reason
 *                      does not suppress, see {@link ReportRules#UNJUSTIFIED_SUPPRESSION})
 */
public record Suppression(Span comment, boolean wholeFunction, String justification) {
}
