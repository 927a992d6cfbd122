package dev.pollcheck.sim;

import java.util.List;

/**
 * A concrete scenario in which a waiter is never woken: the interface used and the steps, in
 * order, that lead to it.
 */
public record Witness(String api, List<Step> steps) {

    /**
     * One step of a scenario.
     *
     * @param kind        {@code syscall}, {@code poll-call}, {@code wake-up}, {@code blocked} ...
     * @param description a short sentence for the text timeline
     * @param key         the {@code _key} the poll method saw, or null
     * @param qprocSet    whether {@code _qproc} was set on that call, or null where it does not apply
     * @param choices     values the search chose for unknowns on that call ({@code can_read(dev,opener)=0})
     * @param registered  wait queues registered by that call
     * @param mask        the mask the poll method returned, or null
     */
    public record Step(String kind, String description, Long key, Boolean qprocSet, List<String> choices,
                       List<String> registered, Long mask) {
    }

    /**
     * The scenario as a short numbered timeline, one line per step and, under a step that called the
     * poll method, one indented line with what that call saw and did. Lines end with {@code \n}.
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
            if (s.key() != null || s.mask() != null) {
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
                if (s.kind().equals("syscall")) {
                    d.append("; registered: ").append(s.registered().isEmpty() ? "none" : String.join(", ", s.registered()));
                }
                if (s.mask() != null) {
                    d.append("; returned ").append(PollBits.describe(s.mask()));
                }
                sb.append(indent).append("   ").append(d).append('\n');
            }
        }
        return sb.toString();
    }
}
