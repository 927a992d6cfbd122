package dev.pollcheck.source;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: times the source stage over a tree, streaming as the pipeline does (no file is kept).
 * <pre>
 *   mvn -o -q test-compile
 *   java -cp target/classes:target/test-classes dev.pollcheck.source.SourceBench TREE [THREADS] [ROUNDS]
 * </pre>
 * Each round walks the tree, then on THREADS workers loads every file, runs the prefilter and the
 * preprocessor on it (every file, as --all-files does), timing each stage per call with the worker's
 * CPU time (so that a busy machine does not inflate them). Prints wall time and process CPU time
 * (workers, GC, JIT) for the round, and the CPU time of each stage summed over the workers.
 * Round 1 pays for JIT warm-up; later rounds show the steady state.
 */
public final class SourceBench {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(null, r, "bench", 512L << 20);
            t.setDaemon(true);
            return t;
        });
        for (int round = 1; round <= rounds; round++) {
            long cpu0 = cpu();
            long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long gc0 = gcMillis();
            long t0 = System.nanoTime();
            FileWalker.Result walk = new FileWalker().walk(List.of(root));
            long t1 = System.nanoTime();
            AtomicLong loadNs = new AtomicLong();
            AtomicLong preNs = new AtomicLong();
            AtomicLong ppNs = new AtomicLong();
            AtomicLong ppPassNs = new AtomicLong();
            AtomicLong passBytes = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            AtomicLong loaded = new AtomicLong();
            AtomicLong passed = new AtomicLong();
            AtomicLong macros = new AtomicLong();
            AtomicLong problems = new AtomicLong();
            AtomicLong pollNotices = new AtomicLong();
            AtomicLong digest = new AtomicLong();
            List<FileWalker.Found> files = walk.files();
            SourceLoader loader = new SourceLoader();
            List<Future<?>> jobs = new ArrayList<>();
            int chunk = 64;
            for (int i = 0; i < files.size(); i += chunk) {
                List<FileWalker.Found> part = files.subList(i, Math.min(files.size(), i + chunk));
                jobs.add(pool.submit(() -> {
                    for (FileWalker.Found f : part) {
                        long a = now();
                        SourceLoader.Loaded l = loader.load(f.path(), f.displayPath());
                        long b = now();
                        loadNs.addAndGet(b - a);
                        problems.addAndGet(l.problems().size());
                        if (l.file() == null) continue;
                        loaded.incrementAndGet();
                        bytes.addAndGet(l.file().text().length());
                        boolean pass = Prefilter.mayMatter(l.file().text());
                        long c = now();
                        preNs.addAndGet(c - b);
                        if (pass) passed.incrementAndGet();
                        Preprocessed p = Preprocessor.run(l.file(), Defines.defaults());
                        long d = now() - c;
                        ppNs.addAndGet(d);
                        if (pass) {
                            ppPassNs.addAndGet(d);
                            passBytes.addAndGet(l.file().text().length());
                        }
                        macros.addAndGet(p.macros().size());
                        // Order-independent sum of per-file hashes: equal whatever the thread count.
                        digest.addAndGet((long) f.displayPath().hashCode() * 31 + p.hashCode());
                        problems.addAndGet(p.problems().size());
                        for (var x : p.problems()) {
                            if (Preprocessor.isPollRelatedInactiveFunction(x)) pollNotices.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> j : jobs) j.get();
            // A digest of all outputs, to compare runs with different thread counts.
            System.out.printf("  output digest %016x%n", digest.get());
            long t2 = System.nanoTime();
            double mb = bytes.get() / 1e6;
            System.out.printf("round %d: %d files found (walk %.2f s), %d loaded, %.1f MB, %d pass the prefilter%n",
                    round, files.size(), (t1 - t0) / 1e9, loaded.get(), mb, passed.get());
            System.out.printf("  wall %.2f s, process cpu %.2f s, %d threads: %.0f files/s, %.0f MB/s%n",
                    (t2 - t0) / 1e9, (cpu() - cpu0) / 1e9, threads, loaded.get() / ((t2 - t0) / 1e9), mb / ((t2 - t0) / 1e9));
            System.out.printf("  of which JIT compilation %d ms, GC %d ms%n",
                    ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0, gcMillis() - gc0);
            stage("load (read+decode)", loadNs.get(), loaded.get(), mb);
            stage("prefilter", preNs.get(), loaded.get(), mb);
            stage("preprocess", ppNs.get(), loaded.get(), mb);
            stage("  of prefiltered", ppPassNs.get(), passed.get(), passBytes.get() / 1e6);
            System.out.printf("  %d macros, %d problems (%d poll-related inactive functions)%n",
                    macros.get(), problems.get(), pollNotices.get());
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of the calling thread: stage times do not count time spent waiting for a CPU. */
    private static long now() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static void stage(String what, long ns, long files, double mb) {
        double s = ns / 1e9;
        System.out.printf("  %-20s %.2f s cpu summed over threads: %.0f files/s, %.0f MB/s per core%n", what, s, files / s, mb / s);
    }

    private static long gcMillis() {
        long t = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, gc.getCollectionTime());
        return t;
    }

    /** CPU time of the whole process (workers, GC, JIT): on a shared machine wall time alone misleads. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
