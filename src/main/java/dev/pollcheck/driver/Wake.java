package dev.pollcheck.driver;

import java.util.List;

/**
 * One call that wakes a wait queue.
 *
 * @param queue    the queue as C text ({@code &dev->read_wait}, {@code fh->wait} for a modelled helper)
 * @param queueKey the queue's last member name ({@code read_wait}), what registrations are matched by
 * @param queueType the struct tag of the queue's base where the code declares it, else null
 * @param call     the waking call's name ({@code wake_up_interruptible}, {@code v4l2_event_queue_fh})
 * @param function the waking function
 * @param origin   its role and why
 * @param file     file of the call
 * @param line     line of the call
 * @param before   the state writes in the same function on earlier lines
 */
public record Wake(String queue, String queueKey, String queueType, String call, String function, Origin origin, String file, int line,
                   List<Write> before) {
    public Role role() {
        return origin.role();
    }

    public String place() {
        return file + ":" + line;
    }
}
