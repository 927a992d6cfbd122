package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stage has a time bound: a generated poll method that the analysis cannot finish in time is
 * reported as not analysed fully, and the run goes on and ends in seconds.
 */
class TimeBoundTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err, double seconds) {
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int code = Main.run(args, DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (System.nanoTime() - t0) / 1e9);
    }

    /** A poll method of {@code n} registrations, each under {@code cond}. */
    private Path generated(String name, int n, String cond) throws Exception {
        StringBuilder b = new StringBuilder("""
                static __poll_t gen_poll(struct file *file, poll_table *wait)
                {
                	struct gen_dev *dev = file->private_data;
                	__poll_t req = poll_requested_events(wait);
                	__poll_t mask = 0;

                """);
        for (int i = 0; i < n; i++) {
            b.append("\tif (").append(cond).append(")\n\t\tpoll_wait(file, &dev->q").append(i).append(", wait);\n");
        }
        b.append("\treturn mask;\n}\n\nstatic const struct file_operations gen_fops = {\n\t.poll = gen_poll,\n};\n");
        Path f = dir.resolve(name);
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    void tenThousandGatedRegistrationsStopAtTheMethodBoundAndTheRunGoesOn() throws Exception {
        generated("gen.c", 10_000, "req & EPOLLIN");
        Files.writeString(dir.resolve("foo.c"), CliTest.BUGGY);
        Result r = run("check", dir.toString(), "--method-time-bound", "2", "--color=never", "-j", "2");
        // The bound cuts the rules (a notice on the method) or, when they finish first, the simulation
        // (in each finding's verdict); which one depends on the machine's speed, not on the code.
        boolean rulesCut = r.err().contains("gen.c:1: notice: poll method gen_poll not analysed fully: time bound (2 s)");
        boolean simulationCut = r.out().contains("(not confirmed: not analysed fully: time bound (2 s for the method) reached)");
        assertTrue(rulesCut || simulationCut, r.err());
        assertTrue(r.out().contains("foo.c:10:") && r.out().contains("[PW001]"), "the other driver is checked: " + r.out());
        if (rulesCut) assertTrue(r.out().contains("NOT CHECKED: 1 poll method could not be analysed"), r.out());
        assertEquals(1, r.code(), r.err());
        // Parsing 10,000 statements, 2 s of analysis, 2 s of simulation: seconds, even on a busy machine.
        assertTrue(r.seconds() < 90, "took " + r.seconds() + " s");
    }

    @Test
    void theDefaultBoundHoldsToo() throws Exception {
        generated("gen.c", 10_000, "req & EPOLLIN");
        Result r = run("check", dir.toString(), "--color=never", "--fail-on-skip");
        assertEquals(1, r.code(), "findings or a skip, both fail: " + r.err());
        // Either the analysis finished (10,000 PW001) or the 5 s bound cut it, with a notice.
        assertTrue(r.out().contains("[PW001]") || r.err().contains("not analysed fully: time bound (5 s)"), r.err());
        assertTrue(r.seconds() < 120, "took " + r.seconds() + " s");
    }

    @Test
    void fiftyThousandBranchesFinishInSeconds() throws Exception {
        StringBuilder b = new StringBuilder("static __poll_t big_poll(struct file *file, poll_table *wait)\n{\n"
                + "\tstruct big_dev *dev = file->private_data;\n\t__poll_t mask = 0;\n\n");
        for (int i = 0; i < 50_000; i++) b.append("\tif (dev->s").append(i).append(")\n\t\tmask |= EPOLLIN;\n");
        b.append("\tif (dev->ready)\n\t\tpoll_wait(file, &dev->wq, wait);\n\treturn mask;\n}\n\n"
                + "static const struct file_operations big_fops = {\n\t.poll = big_poll,\n};\n");
        Files.writeString(dir.resolve("big.c"), b.toString());
        Result r = run("check", dir.toString(), "--method-time-bound", "3", "--color=never");
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
        assertTrue(r.out().contains("1 file, 1 function"), r.out());
        assertTrue(r.seconds() < 90, "took " + r.seconds() + " s");
    }

    @Test
    void theBoundIsAnOption() {
        Result bad = run("check", dir.toString(), "--method-time-bound", "0");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--method-time-bound"), bad.err());
    }
}
