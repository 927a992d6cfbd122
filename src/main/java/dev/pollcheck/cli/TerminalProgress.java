package dev.pollcheck.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr that appears only once a scan has run for a second, so that short scans
 * print nothing. The caller decides whether a bar is wanted at all (a terminal, not CI, not quiet).
 */
final class TerminalProgress implements ScanProgress, AutoCloseable {

    private static final long DELAY_NANOS = Duration.ofSeconds(1).toNanos();

    private final PrintStream err;
    private final boolean colour;
    private final long started = System.nanoTime();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private ProgressBar bar;
    private boolean closed;

    /** {@code colour}: the bar may use colours (not with {@code NO_COLOR} or {@code --color=never}). */
    TerminalProgress(PrintStream err, boolean colour) {
        this.err = err;
        this.colour = colour;
    }

    @Override
    public void total(long files) {
        total.set(files);
        update(0);
    }

    @Override
    public void advance(long files) {
        update(files);
    }

    private synchronized void update(long step) {
        long now = done.addAndGet(step);
        if (closed) return;
        if (bar == null) {
            long elapsed = System.nanoTime() - started;
            if (elapsed < DELAY_NANOS) return;
            bar = new ProgressBarBuilder().setTaskName("pollcheck").setInitialMax(Math.max(total.get(), now))
                    .setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(250)
                    .setUnit(" files", 1).clearDisplayOnFinish()
                    .setStyle(colour ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.UNICODE_BLOCK)
                    .startsFrom(now, Duration.ofNanos(elapsed)).build();
            return;
        }
        bar.maxHint(Math.max(total.get(), now));
        bar.stepTo(now);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (bar != null) bar.close();
    }
}
