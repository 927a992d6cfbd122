package dev.pollcheck.flow;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.Stmt;
import java.util.List;
import java.util.Locale;

/**
 * A condition that can skip a registration: a branch the registration is (transitively) control
 * dependent on, including the branch that takes an early {@code return} or {@code goto}.
 *
 * @param node        the branch's CFG node
 * @param condition   the condition (for a switch, its selector)
 * @param text        the condition as C text
 * @param kind        what the condition reads
 * @param skipOnTrue  true when the registration is skipped if the condition holds, false when skipped if
 *                    it does not hold (or, for a switch, some case skips it)
 * @param returns     the {@code return} statements reached on the skipping side before the registration
 * @param exits       of those, the early exits: the returns the registration itself cannot reach
 * @param fallsOff    whether the skipping side can reach the end of the function without a return
 * @param direct      whether the registration depends on it directly (not through another condition)
 * @param skipSides   the CFG successors of the branch on its skipping side
 */
public record Skip(int node, Expr condition, String text, Kind kind, boolean skipOnTrue, List<Stmt.Return> returns,
                   List<Stmt.Return> exits, boolean fallsOff, boolean direct, List<Integer> skipSides) {

    public enum Kind {
        /** Reads the requested events ({@code poll_requested_events}, {@code pt->_key}, or anything derived). */
        EVENTS,
        /** Reads driver or device state. */
        STATE,
        /** Tests only the poll_table or file pointer itself ({@code if (wait)}, {@code poll_does_not_wait}). */
        PT_CHECK,
        /** The head of a loop (iterating over the queues to register). */
        LOOP;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Span span() {
        return condition.span();
    }
}
