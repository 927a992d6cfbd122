package dev.pollcheck.report;

import dev.pollcheck.model.Span;

/**
 * A poll method found by discovery, for {@code pollcheck methods}.
 *
 * @param location the function's name
 * @param function the function's name
 * @param ops      how it was found: {@code file_operations.poll}, {@code proc_ops.proc_poll},
 *                 {@code signature} ...
 */
public record ReportedMethod(Span location, String function, String ops) {
}
