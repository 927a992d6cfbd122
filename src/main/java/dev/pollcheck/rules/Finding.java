package dev.pollcheck.rules;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.TopLevel;
import java.util.List;
import java.util.Set;

/**
 * One thing a rule found.
 *
 * @param ruleId        {@code PW001} ...
 * @param level         the rule's level, or lower where the rule decided the shape is benign
 * @param location      the skipped registration (the {@code poll_wait} or helper call), or for a
 *                      finding about a whole function, the function's name
 * @param function      the poll method the finding is about
 * @param message       one sentence a developer can act on
 * @param queue         the wait-queue expression as written ({@code &dev->read_event}), or null
 * @param condition     the condition (or early return/goto) that skips the registration, or null
 * @param conditionText that condition as written, or null
 * @param apis          the interfaces on which a wake-up can be lost
 * @param method        the poll method's AST, for the simulator
 * @param registration  the registration call's AST, or null
 * @param path          the functions from the poll method to the one holding the registration (and its
 *                      skipping condition), each with its file and line span: what a patch must touch
 *                      for the finding to be its doing. Empty for findings outside any function.
 */
public record Finding(String ruleId, Level level, Span location, String function, String message,
                      String queue, Span condition, String conditionText, Set<Api> apis,
                      TopLevel.Function method, Expr.Call registration, List<Frame> path) {

    /** One function on a finding's call path: its name and its whole definition's span. */
    public record Frame(String function, Span span) {
        public static Frame of(TopLevel.Function f) {
            return new Frame(f.name(), f.span());
        }
    }

    public Finding {
        path = path == null ? List.of() : List.copyOf(path);
    }

    /** A finding whose path is the poll method alone (until the analyzer sets the whole path). */
    public Finding(String ruleId, Level level, Span location, String function, String message,
                   String queue, Span condition, String conditionText, Set<Api> apis,
                   TopLevel.Function method, Expr.Call registration) {
        this(ruleId, level, location, function, message, queue, condition, conditionText, apis, method,
                registration, method == null || method.span() == null ? List.of() : List.of(Frame.of(method)));
    }

    public Finding withPath(List<Frame> frames) {
        return new Finding(ruleId, level, location, function, message, queue, condition, conditionText, apis,
                method, registration, frames);
    }
}
