package dev.pollcheck.sim;

import dev.pollcheck.rules.Api;
import java.util.List;

/**
 * What {@link Simulator#simulate} found for one poll method: every witness (at most one per wait
 * queue and interface), or none, with what was searched and the bounds that were reached.
 *
 * @param function   the poll method
 * @param witnesses  the hangs found
 * @param exhaustive true when no bound cut the search: "no hang found" then holds for every path
 * @param searched   one line saying what was searched
 * @param boundsHit  bounds that were reached, sorted
 * @param notes      what the interpreter could not follow (calls through pointers ...), sorted
 * @param refused    why the scenarios the search found were dropped: the driver model has no code
 *                   that makes the needed state change and wakes nobody the caller waits on
 */
public record SimulationReport(String function, List<Entry> witnesses, boolean exhaustive, String searched,
                               List<String> boundsHit, List<String> notes, List<String> refused) {

    /** One hang: the queue whose wake-up is lost ({@code null}: the method registered none), the interface and the scenario. */
    public record Entry(String queue, Api api, Witness witness) {
    }

    public boolean hangFound() {
        return !witnesses.isEmpty();
    }

    /** Text for the {@code simulate} command. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        if (witnesses.isEmpty()) {
            sb.append(function).append(": no hang found\n");
        }
        for (Entry e : witnesses) {
            sb.append(function).append(": lost wake-up on ")
                    .append(e.queue() == null ? "the method's wait queue (none registered)" : e.queue())
                    .append(" with ").append(e.api().id()).append('\n');
            sb.append(e.witness().toTimeline("  "));
        }
        sb.append("searched: ").append(searched).append(exhaustive ? " (exhaustive)" : "").append('\n');
        for (String b : boundsHit) {
            sb.append("bound: ").append(b).append('\n');
        }
        for (String n : notes) {
            sb.append("note: ").append(n).append('\n');
        }
        for (String r : refused) {
            sb.append("refused: ").append(r).append('\n');
        }
        return sb.toString();
    }
}
