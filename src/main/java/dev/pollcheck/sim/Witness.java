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
}
