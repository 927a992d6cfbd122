package dev.pollcheck.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Work spread over a few threads, the results in the items' order: what the analysis and the fix stage
 * do per poll method depends on that method alone, so the output is the same for every thread count.
 */
public final class Workers {
    /**
     * Every worker's stack: hostile input (thousands of nested parentheses or else-if arms) makes
     * parsers and tree walks deep, and a StackOverflowError there would lose the file or the method.
     */
    public static final long STACK_BYTES = 512L << 20;

    private Workers() {
    }

    /** {@code work} of each item on at most {@code jobs} worker threads (at least one), in the items' order. */
    public static <T, R> List<R> map(List<T> items, int jobs, String name, Function<T, R> work) {
        List<R> out = new ArrayList<>(items.size());
        if (items.isEmpty()) return out;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, items.size())), threads(name));
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) futures.add(pool.submit(() -> work.apply(item)));
            for (Future<R> f : futures) out.add(get(f));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Daemon threads with {@link #STACK_BYTES} stacks, named {@code name-1}, {@code name-2}, ... */
    public static java.util.concurrent.ThreadFactory threads(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, name + "-" + n.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }

    private static <R> R get(Future<R> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
