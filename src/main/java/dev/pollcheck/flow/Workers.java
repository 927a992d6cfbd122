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
    /** Deep stacks, as the scan's workers have: hostile input makes parsers and tree walks recurse deeply. */
    private static final long STACK_BYTES = 512L << 20;

    private Workers() {
    }

    /** {@code work} of each item on at most {@code jobs} threads (on the caller's when one is enough). */
    public static <T, R> List<R> map(List<T> items, int jobs, String name, Function<T, R> work) {
        List<R> out = new ArrayList<>(items.size());
        if (jobs <= 1 || items.size() < 2) {
            for (T item : items) out.add(work.apply(item));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, items.size()), r -> {
            Thread t = new Thread(null, r, name, STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) futures.add(pool.submit(() -> work.apply(item)));
            for (Future<R> f : futures) out.add(get(f));
            return out;
        } finally {
            pool.shutdownNow();
        }
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
