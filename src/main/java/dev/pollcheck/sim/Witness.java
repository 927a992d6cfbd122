package dev.pollcheck.sim;

import java.util.List;

/**
 * A concrete scenario in which a waiter is never woken: the interface used and the steps, in
 * order, that lead to it.
 */
public record Witness(String api, List<Step> steps) {

    /** What a step is; {@link #id} is the JSON {@code kind}. */
    public enum Kind {
        /** A system call that calls the poll method (poll's or select's first pass, epoll_ctl, epoll_wait's re-poll). */
        CALL("call"),
        /** The caller goes to sleep in poll, select or epoll_wait. */
        SLEEP("sleep"),
        /** The driver code that changes the state the poll method tests and wakes its queues. */
        WAKER("waker"),
        /** The poll method called now would report a requested event, and the caller still sleeps. */
        FINAL("final");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * The driver code of a {@link Kind#WAKER} step.
     *
     * @param function the function that changes the state (and wakes), or null when no model names it
     * @param role     its role from the driver model ({@code runtime} ...), or null
     * @param file     where the wake (or the state write) is, or null
     * @param line     its line, or 0
     * @param wakes    the queue expressions it wakes, possibly none
     */
    public record Waker(String function, String role, String file, int line, List<String> wakes) {
        public Waker {
            wakes = wakes == null ? List.of() : List.copyOf(wakes);
        }

        /** {@code foo_ioctl() (unlocked_ioctl, runtime) at drivers/x/foo.c:120, waking &dev->wq}. */
        String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(function == null ? "unnamed driver code" : function + "()");
            if (role != null) sb.append(" (").append(role).append(')');
            if (file != null) sb.append(" at ").append(file).append(':').append(line);
            sb.append(wakes.isEmpty() ? ", waking no queue" : ", waking " + String.join(", ", wakes));
            return sb.toString();
        }
    }

    /**
     * One step of a scenario.
     *
     * @param kind        what the step is
     * @param description a short sentence for the text timeline
     * @param key         the {@code _key} the poll method saw, or null
     * @param qprocSet    whether {@code _qproc} was set on that call, or null where it does not apply
     * @param choices     values the search chose for unknowns on that call ({@code can_read(dev,opener)=0});
     *                    on a waker step, the state it changes
     * @param registered  wait queues registered by that call
     * @param mask        the mask the poll method returned, or null
     * @param waker       the driver code of a waker step, else null
     */
    public record Step(Kind kind, String description, Long key, Boolean qprocSet, List<String> choices,
                       List<String> registered, Long mask, Waker waker) {
        public Step(Kind kind, String description, Long key, Boolean qprocSet, List<String> choices,
                    List<String> registered, Long mask) {
            this(kind, description, key, qprocSet, choices, registered, mask, null);
        }
    }

    /**
     * The scenario as a short numbered timeline, one line per step and, under a step that called the
     * poll method, one indented line with what that call saw and did (under a waker step, the code that
     * wakes). Lines end with {@code \n}.
     */
    public String toTimeline() {
        return toTimeline("");
    }

    /** {@link #toTimeline()} with every line prefixed by {@code indent}. */
    public String toTimeline(String indent) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            sb.append(indent).append(i + 1).append(". ").append(s.description()).append('\n');
            String detail = detail(s);
            if (detail != null) sb.append(indent).append("   ").append(detail).append('\n');
        }
        return sb.toString();
    }

    /** The indented line under a step, or null. */
    static String detail(Step s) {
        if (s.waker() != null) {
            return "by " + s.waker().describe();
        }
        if (s.key() == null && s.mask() == null) {
            return null;
        }
        StringBuilder d = new StringBuilder();
        if (s.key() != null) {
            d.append("_key=").append(PollBits.describe(s.key()));
        }
        if (s.qprocSet() != null) {
            d.append(d.length() > 0 ? ", " : "").append(s.qprocSet() ? "_qproc set" : "_qproc NULL");
        }
        if (!s.choices().isEmpty()) {
            d.append("; ").append(String.join(", ", s.choices()));
        }
        if (s.kind() == Kind.CALL) {
            d.append("; registered: ").append(s.registered().isEmpty() ? "none" : String.join(", ", s.registered()));
        }
        if (s.mask() != null) {
            d.append("; returned ").append(PollBits.describe(s.mask()));
        }
        return d.toString();
    }
}
