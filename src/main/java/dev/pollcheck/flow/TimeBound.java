package dev.pollcheck.flow;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A time bound on the work of the current thread: the analysis of one poll method, or the simulation
 * of its findings. Hostile or generated code (ten thousand registrations, fifty thousand branches)
 * must not hold a whole run; the loops that grow with the size of a function call {@link #check()},
 * which throws {@link Exceeded} once the bound has passed, and the caller reports the method as "not
 * analysed fully: time bound" and goes on. No bound is set unless {@link #within} is running.
 */
public final class TimeBound {

    /** The bound has passed. Carries no stack trace: it is control flow, thrown often on big input. */
    public static final class Exceeded extends RuntimeException {
        private Exceeded() {
            super("time bound reached", null, false, false);
        }
    }

    private static final Exceeded EXCEEDED = new Exceeded();
    private static final ThreadLocal<long[]> DEADLINE = ThreadLocal.withInitial(() -> new long[] {0, 0});

    private TimeBound() {
    }

    /**
     * Runs {@code work} with a deadline of {@code deadlineNanos} ({@link System#nanoTime()} time) on
     * this thread, an enclosing deadline still holding when it is earlier.
     */
    public static <T> T until(long deadlineNanos, Supplier<T> work) {
        long[] d = DEADLINE.get();
        long savedAt = d[0];
        long savedSet = d[1];
        if (savedSet == 0 || deadlineNanos - savedAt < 0) {
            d[0] = deadlineNanos;
            d[1] = 1;
        }
        try {
            return work.get();
        } finally {
            d[0] = savedAt;
            d[1] = savedSet;
        }
    }

    /** {@link #until} a deadline {@code bound} from now. */
    public static <T> T within(Duration bound, Supplier<T> work) {
        return until(System.nanoTime() + bound.toNanos(), work);
    }

    /** Throws {@link Exceeded} when this thread's deadline has passed. */
    public static void check() {
        long[] d = DEADLINE.get();
        if (d[1] != 0 && System.nanoTime() - d[0] > 0) throw EXCEEDED;
    }

    /** The bound as people read it: {@code 5 s}, {@code 250 ms}. */
    public static String describe(Duration bound) {
        long ms = bound.toMillis();
        return ms < 1000 ? ms + " ms" : (ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT,
                "%.1f s", ms / 1000.0));
    }
}
