package dev.pollcheck.sim;

import java.util.List;

/**
 * One {@code poll(2)} call as {@code do_sys_poll}/{@code do_poll} run it ({@code fs/select.c}):
 * <ul>
 * <li>{@code poll_initwait} sets {@code _qproc = __pollwait} once for the whole call; a zero timeout
 *     clears it before the first pass and never sleeps;</li>
 * <li>per fd, {@code filter = events | EPOLLERR | EPOLLHUP}, {@code _key = filter}, the mask is
 *     {@code vfs_poll(...) & filter}; a non-zero mask clears {@code _qproc}, so later fds of the same
 *     pass register nothing;</li>
 * <li>after every pass {@code _qproc = NULL}; with nothing ready the task sleeps until an entry it
 *     registered is woken ({@code pollwake} ignores a keyed wake-up with no bit in common with the
 *     entry's {@code _key}) or the timeout, then passes again with {@code _qproc == NULL}.</li>
 * </ul>
 */
public final class PollSyscall {

    /** A {@code struct pollfd}: the file ({@code null}: no poll method) and its requested events. */
    public record Fd(PollFile file, long events) {
    }

    public enum State { RUNNING, SLEEPING, RETURNED }

    private final List<Fd> fds;
    private final boolean zeroTimeout;
    private final PollTable pt;
    private final long[] revents;
    private final PollWqueues wqueues = new PollWqueues("poll()");
    private State state = State.RUNNING;
    private int passes;

    public PollSyscall(List<Fd> fds, boolean zeroTimeout) {
        this.fds = List.copyOf(fds);
        this.zeroTimeout = zeroTimeout;
        this.revents = new long[fds.size()];
        this.pt = wqueues.pt;
    }

    /** Runs the first pass; the call returns, or sleeps with whatever its first pass registered. */
    public State start() {
        if (state != State.RUNNING || passes != 0) {
            throw new IllegalStateException("already started");
        }
        if (zeroTimeout) {
            pt.qproc = null;
        }
        return pass();
    }

    /** The task runs again: after a wake-up that reached it, or ({@code timedOut}) at the end of the timeout. */
    public State resume(boolean timedOut) {
        if (state != State.SLEEPING) {
            throw new IllegalStateException("not sleeping");
        }
        if (!wqueues.triggered() && !timedOut) {
            return state;
        }
        wqueues.clearTriggered();
        State s = pass();
        if (s == State.SLEEPING && timedOut) {
            state = State.RETURNED;
        }
        return state;
    }

    private State pass() {
        passes++;
        int count = 0;
        for (int i = 0; i < fds.size(); i++) {
            Fd fd = fds.get(i);
            long filter = (fd.events() & 0xFFFF) | PollBits.ERR | PollBits.HUP;
            pt.key = filter;
            long mask = PollFile.vfsPoll(fd.file(), pt) & filter;
            revents[i] = mask;
            if (mask != 0) {
                count++;
                pt.qproc = null;
            }
        }
        // "All waiters have already been registered": later passes get no _qproc.
        pt.qproc = null;
        state = count > 0 || zeroTimeout ? State.RETURNED : State.SLEEPING;
        return state;
    }

    /** Sleeping and not woken: only a wake-up on a queue it registered on can end this. */
    public boolean blocked() {
        return state == State.SLEEPING && !wqueues.triggered();
    }

    public State state() {
        return state;
    }

    public long revents(int fd) {
        return revents[fd];
    }

    public int passes() {
        return passes;
    }

    /** Queues this call put an entry on, in order. */
    public List<WaitQueue> registeredOn() {
        return wqueues.registeredOn();
    }
}
