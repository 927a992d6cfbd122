package dev.pollcheck.sim;

import java.util.List;

/**
 * What a call to a kernel helper that is not defined in the program does to the poll_table
 * ({@code vb2_poll}, {@code v4l2_ctrl_poll}, {@code sock_poll_wait}): which argument is the table,
 * which queues it registers, what it returns.
 */
public interface HelperSemantics {

    enum Returns {
        /** A mask filtered by the requested events. */
        EVENTS,
        /** A readiness mask from device state. */
        MASK,
        /** {@code poll_does_not_wait(pt)}. */
        PTCHECK,
        /** Nothing poll-related. */
        NONE
    }

    /**
     * @param ptArg     1-based index of the poll_table argument, 0 for none
     * @param queues    templates of the queues registered through that table: {@code $N} is argument N,
     *                  {@code unknown} for a queue that cannot be named
     * @param primitive the model wins over a definition found in the program (the poll machinery itself)
     */
    record Helper(String name, int ptArg, List<String> queues, Returns returns, boolean primitive) {
        public Helper(String name, int ptArg, List<String> queues, Returns returns) {
            this(name, ptArg, queues, returns, false);
        }
    }

    /** The model of a helper, or null. */
    Helper helper(String name);

    HelperSemantics NONE = name -> null;
}
