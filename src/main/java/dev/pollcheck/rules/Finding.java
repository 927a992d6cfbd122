package dev.pollcheck.rules;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.TopLevel;
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
 */
public record Finding(String ruleId, Level level, Span location, String function, String message,
                      String queue, Span condition, String conditionText, Set<Api> apis,
                      TopLevel.Function method, Expr.Call registration) {
}
