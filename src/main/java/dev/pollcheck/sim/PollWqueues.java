package dev.pollcheck.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct poll_wqueues} of {@code fs/select.c}, which {@code poll()} and {@code select()}
 * share: the table whose {@code _qproc} is {@code __pollwait}, the wait-queue entries it added, and
 * {@code triggered}, set by {@code pollwake} when one of them is woken (a wake-up whose key has no
 * bit in common with the entry's key is ignored, as there).
 */
final class PollWqueues {
    final PollTable pt;
    private final String owner;
    private final List<WaitQueue> registeredOn = new ArrayList<>();
    private boolean triggered;

    /** {@code poll_initwait}; {@code owner} names the sleeping call in witnesses. */
    PollWqueues(String owner) {
        this.owner = owner;
        this.pt = PollTable.init(this::pollwait);
    }

    private void pollwait(PollTable p, WaitQueue q) {
        long entryKey = p.key;
        registeredOn.add(q);
        q.add(new WaitQueue.Waiter() {
            @Override
            public boolean wake(long key) {
                if (key != 0 && (key & entryKey) == 0) {
                    return false;
                }
                triggered = true;
                return true;
            }

            @Override
            public String owner() {
                return owner;
            }
        });
    }

    boolean triggered() {
        return triggered;
    }

    /** The task runs a pass again: the flag is read and cleared as {@code poll_schedule_timeout} does. */
    void clearTriggered() {
        triggered = false;
    }

    List<WaitQueue> registeredOn() {
        return List.copyOf(registeredOn);
    }
}
