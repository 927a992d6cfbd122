package dev.pollcheck.sim;

import java.util.List;

/**
 * One {@code select(2)} call as {@code do_select} runs it ({@code fs/select.c}): per fd,
 * {@code wait_key_set} gives {@code _key = POLLEX_SET}, plus {@code POLLIN_SET} if the fd is in the
 * read set and {@code POLLOUT_SET} if in the write set; the fd is readable if
 * {@code mask & POLLIN_SET} and it is in the read set, writable if {@code mask & POLLOUT_SET} and in
 * the write set, exceptional if {@code mask & POLLEX_SET} and in the except set. Each hit clears
 * {@code _qproc}; after the pass {@code _qproc = NULL}; sleeping and waking are as in
 * {@link PollSyscall}.
 */
public final class SelectSyscall {

    /** An fd with its membership of the read, write and except sets. */
    public record Fd(PollFile file, boolean in, boolean out, boolean ex) {
    }

    /** Which sets reported the fd. */
    public record Result(boolean in, boolean out, boolean ex) {
        public boolean any() {
            return in || out || ex;
        }
    }

    private final List<Fd> fds;
    private final boolean zeroTimeout;
    private final PollTable pt;
    private final Result[] results;
    private final PollWqueues wqueues = new PollWqueues("select()");
    private PollSyscall.State state = PollSyscall.State.RUNNING;

    public SelectSyscall(List<Fd> fds, boolean zeroTimeout) {
        this.fds = List.copyOf(fds);
        this.zeroTimeout = zeroTimeout;
        this.results = new Result[fds.size()];
        this.pt = wqueues.pt;
    }

    /** {@code wait_key_set}. */
    public static long key(boolean in, boolean out) {
        long key = PollBits.POLLEX_SET;
        if (in) key |= PollBits.POLLIN_SET;
        if (out) key |= PollBits.POLLOUT_SET;
        return key;
    }

    public PollSyscall.State start() {
        if (zeroTimeout) {
            pt.qproc = null;
        }
        return pass();
    }

    public PollSyscall.State resume(boolean timedOut) {
        if (state != PollSyscall.State.SLEEPING) {
            throw new IllegalStateException("not sleeping");
        }
        if (!wqueues.triggered() && !timedOut) {
            return state;
        }
        wqueues.clearTriggered();
        pass();
        if (state == PollSyscall.State.SLEEPING && timedOut) {
            state = PollSyscall.State.RETURNED;
        }
        return state;
    }

    private PollSyscall.State pass() {
        int retval = 0;
        for (int i = 0; i < fds.size(); i++) {
            Fd fd = fds.get(i);
            if (!fd.in() && !fd.out() && !fd.ex()) {
                results[i] = new Result(false, false, false);
                continue;
            }
            pt.key = key(fd.in(), fd.out());
            long mask = PollFile.vfsPoll(fd.file(), pt);
            boolean rin = (mask & PollBits.POLLIN_SET) != 0 && fd.in();
            boolean rout = (mask & PollBits.POLLOUT_SET) != 0 && fd.out();
            boolean rex = (mask & PollBits.POLLEX_SET) != 0 && fd.ex();
            if (rin || rout || rex) {
                retval++;
                pt.qproc = null;
            }
            results[i] = new Result(rin, rout, rex);
        }
        pt.qproc = null;
        state = retval > 0 || zeroTimeout ? PollSyscall.State.RETURNED : PollSyscall.State.SLEEPING;
        return state;
    }

    public boolean blocked() {
        return state == PollSyscall.State.SLEEPING && !wqueues.triggered();
    }

    public PollSyscall.State state() {
        return state;
    }

    public Result result(int fd) {
        return results[fd];
    }

    public List<WaitQueue> registeredOn() {
        return wqueues.registeredOn();
    }
}
