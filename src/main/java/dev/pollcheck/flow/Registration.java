package dev.pollcheck.flow;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.TopLevel;
import java.util.List;
import java.util.Locale;

/**
 * A call that registers (or may register) a wait queue on the poll_table being followed.
 *
 * @param call    the call ({@code poll_wait(...)}, a helper call)
 * @param owner   the function containing it
 * @param node    its CFG node in the owner
 * @param via     how the call was judged a registration
 * @param callee  the called name, or the callee expression as text for an indirect call
 * @param queues  the wait queues as written ({@code &dev->read_event}); {@code unknown} where not known
 * @param helper  the helper's own summary when the callee is defined in the tree, else null
 * @param model   the helper model used, else null
 * @param skips   the conditions that can skip this call inside the owner, nearest first
 */
public record Registration(Expr.Call call, TopLevel.Function owner, int node, Via via, String callee,
                           List<String> queues, Summary helper, HelperModel model, List<Skip> skips) {

    public enum Via {
        /** A modelled helper or primitive ({@code poll_wait}, {@code vb2_poll}). */
        MODEL,
        /** A helper defined in the scanned tree that registers. */
        TREE,
        /** A same-file macro whose expansion registers. */
        MACRO,
        /**
         * The poll_table is passed to something pollcheck cannot see (no definition, no model, an
         * indirect call). Counted as an unconditional registration: it silences PW003, and the call
         * is reported by PW001/PW002 only when a condition skips the call itself.
         */
        UNKNOWN;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public String queueText() {
        return String.join(", ", queues);
    }
}
