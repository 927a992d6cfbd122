package dev.pollcheck.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: times the source stage over a tree. Usage (after {@code mvn -o -q test-compile}):
 * {@code java -cp target/classes:target/test-classes dev.pollcheck.source.SourceBench TREE [THREADS]}.
 * Prints walk time, then for all files: load, prefilter alone, preprocess alone (each its own pass),
 * and the counts of problems by kind.
 */
public final class SourceBench {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        FileWalker.Result walk = new FileWalker().walk(List.of(root));
        long t1 = System.nanoTime();
        System.out.printf("walk: %d files, %d problems, %.2f s%n", walk.files().size(), walk.problems().size(), (t1 - t0) / 1e9);

        SourceLoader loader = new SourceLoader();
        List<SourceFile> files = new ArrayList<>(walk.files().size());
        AtomicLong bytes = new AtomicLong();
        AtomicLong notLoaded = new AtomicLong();
        AtomicLong malformed = new AtomicLong();
        long t2 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(null, r, "bench", 512L << 20);
            t.setDaemon(true);
            return t;
        });
        List<Future<SourceLoader.Loaded>> loads = new ArrayList<>();
        for (FileWalker.Found f : walk.files()) {
            loads.add(pool.submit(() -> loader.load(f.path(), f.displayPath())));
        }
        for (Future<SourceLoader.Loaded> fl : loads) {
            SourceLoader.Loaded l = fl.get();
            if (l.file() == null) {
                notLoaded.incrementAndGet();
                System.out.println("  not loaded: " + l.problems());
                continue;
            }
            if (l.file().malformed()) malformed.incrementAndGet();
            bytes.addAndGet(l.file().text().length());
            files.add(l.file());
        }
        long t3 = System.nanoTime();
        report("load (read+decode)", files.size(), bytes.get(), t3 - t2);
        System.out.printf("  not loaded %d, malformed %d%n", notLoaded.get(), malformed.get());

        for (int round = 0; round < 2; round++) {
            AtomicLong hits = new AtomicLong();
            long a = System.nanoTime();
            runAll(pool, files, f -> {
                if (Prefilter.mayMatter(f.text())) hits.incrementAndGet();
            });
            long b = System.nanoTime();
            report("prefilter (round " + round + ", " + hits.get() + " files pass)", files.size(), bytes.get(), b - a);

            AtomicLong problems = new AtomicLong();
            AtomicLong fnNotices = new AtomicLong();
            AtomicLong macros = new AtomicLong();
            long c = System.nanoTime();
            runAll(pool, files, f -> {
                Preprocessed p = Preprocessor.run(f, Defines.defaults());
                problems.addAndGet(p.problems().size());
                macros.addAndGet(p.macros().size());
                for (var x : p.problems()) {
                    if (x.message().startsWith("function ")) fnNotices.incrementAndGet();
                }
            });
            long d = System.nanoTime();
            report("preprocess (round " + round + ")", files.size(), bytes.get(), d - c);
            System.out.printf("  macros %d, problems %d (of which inactive-function notices %d)%n",
                    macros.get(), problems.get(), fnNotices.get());
        }
        pool.shutdown();
    }

    interface Job {
        void run(SourceFile f);
    }

    private static void runAll(ExecutorService pool, List<SourceFile> files, Job job) throws Exception {
        List<Future<?>> fs = new ArrayList<>();
        int chunk = 256;
        for (int i = 0; i < files.size(); i += chunk) {
            List<SourceFile> part = files.subList(i, Math.min(files.size(), i + chunk));
            fs.add(pool.submit(() -> {
                for (SourceFile f : part) job.run(f);
            }));
        }
        for (Future<?> f : fs) f.get();
    }

    private static void report(String what, int files, long chars, long nanos) {
        double s = nanos / 1e9;
        System.out.printf("%s: %d files, %.1f MB, %.2f s, %.0f files/s, %.0f MB/s%n",
                what, files, chars / 1e6, s, files / s, chars / 1e6 / s);
    }
}
