package dev.pollcheck.sim;

/**
 * {@code poll_table} ({@code include/linux/poll.h}): {@code _qproc} and {@code _key}, mutable as in
 * the kernel, where {@code do_poll} and {@code do_select} clear {@code _qproc} between calls of the
 * same table. The static methods are the inline helpers a poll method may call.
 */
public final class PollTable {

    /** {@code poll_queue_proc}: what {@code poll_wait} calls to put a waiter on a queue. */
    @FunctionalInterface
    public interface QueueProc {
        void queue(PollTable pt, WaitQueue q);
    }

    /** {@code _qproc}; null once the caller has cleared it. */
    public QueueProc qproc;
    /** {@code _key}: the requested events. */
    public long key;

    /** {@code init_poll_funcptr(pt, qproc)}: {@code _key} becomes {@code ~0}. */
    public static PollTable init(QueueProc qproc) {
        PollTable pt = new PollTable();
        pt.qproc = qproc;
        pt.key = PollBits.ALL;
        return pt;
    }

    /** {@code poll_wait(filp, q, p)}: registers only when the table, its {@code _qproc} and the queue are non-NULL. */
    public static void pollWait(PollTable p, WaitQueue q) {
        if (p != null && p.qproc != null && q != null) {
            p.qproc.queue(p, q);
        }
    }

    /** {@code poll_does_not_wait(p)}: {@code p == NULL || p->_qproc == NULL}. */
    public static boolean doesNotWait(PollTable p) {
        return p == null || p.qproc == null;
    }

    /** {@code poll_requested_events(p)}: {@code p ? p->_key : ~(__poll_t)0}. */
    public static long requestedEvents(PollTable p) {
        return p != null ? p.key : PollBits.ALL;
    }

    public boolean qprocSet() {
        return qproc != null;
    }
}
