package dev.pollcheck.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/** The wait queues of one simulated world, by name; asking for a name creates its queue once. */
public final class WaitQueues {
    private final Map<String, WaitQueue> byName = new LinkedHashMap<>();

    public WaitQueue get(String name) {
        return byName.computeIfAbsent(name, WaitQueue::new);
    }

    /** Whether some waiter was ever added to the queue of that name. */
    public boolean hasWaiters(String name) {
        WaitQueue q = byName.get(name);
        return q != null && !q.waiters().isEmpty();
    }
}
