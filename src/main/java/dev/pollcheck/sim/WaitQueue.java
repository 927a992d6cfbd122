package dev.pollcheck.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code wait_queue_head_t}, identified by the canonical text of its address
 * ({@code &dev->read_event}). It knows only the waiters added to it: {@link #wakeUp} reaches those
 * and nobody else, which is what makes a skipped registration a lost wake-up.
 */
public final class WaitQueue {

    /** An entry on a wait queue: poll's {@code pollwake} entry or epoll's {@code ep_poll_callback} entry. */
    public interface Waiter {
        /** Runs the entry's wake function with the wake-up key (0: no key); true if it woke its owner. */
        boolean wake(long key);

        /** Who waits, for the timeline: {@code poll()}, {@code epoll item} ... */
        String owner();
    }

    private final String name;
    private final List<Waiter> waiters = new ArrayList<>();

    public WaitQueue(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void add(Waiter w) {
        waiters.add(w);
    }

    public List<Waiter> waiters() {
        return List.copyOf(waiters);
    }

    /** {@code wake_up(q)} ({@code key} 0) or {@code wake_up_poll(q, key)}: the waiters whose wake function woke their owner. */
    public List<Waiter> wakeUp(long key) {
        List<Waiter> woken = new ArrayList<>();
        for (Waiter w : List.copyOf(waiters)) {
            if (w.wake(key)) {
                woken.add(w);
            }
        }
        return woken;
    }

    @Override
    public String toString() {
        return name;
    }
}
