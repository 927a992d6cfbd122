package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.report.ScanResult;
import dev.pollcheck.rules.RuleInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes end to end: write errors are 3, resource errors are one line and 3, inputs that are not
 * what they claim are 2 at once, options that contradict each other or would overwrite a source file
 * are usage errors, and {@code -j} is sane.
 */
class ExitCodesTest {
    @TempDir
    Path dir;
    Path driver;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws Exception {
        driver = dir.resolve("foo.c");
        Files.writeString(driver, CliTest.BUGGY);
    }

    private static Result run(Pipeline pipeline, InputStream in, PrintStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, pipeline, in, out, new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        return new Result(code, "", err.toString(StandardCharsets.UTF_8));
    }

    private static Result run(Pipeline pipeline, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, pipeline, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result run(String... args) {
        return run(DefaultPipeline.create(), args);
    }

    /** An output stream that fails every write with {@code message}. */
    private static OutputStream failing(String message) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(message);
            }
        };
    }

    /** A pipeline whose scan throws {@code t}. */
    private static Pipeline throwing(Throwable t) {
        return new Pipeline() {
            @Override
            public ScanResult scan(ScanOptions options) throws Exception {
                if (t instanceof Error e) throw e;
                throw (Exception) t;
            }

            @Override
            public List<RuleInfo> rules() {
                return DefaultPipeline.create().rules();
            }
        };
    }

    // --- write errors ------------------------------------------------------------------------------

    @Test
    void aWriteErrorOnStdoutExits3WithAMessage() {
        Result full = run(DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new Main.ReportStream(failing("No space left on device")), "check", dir.toString());
        assertEquals(3, full.code(), full.err());
        assertTrue(full.err().contains("pollcheck: error: cannot write the report to stdout: No space left on device"),
                full.err());

        Result plain = run(DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(failing("Bad file descriptor")), "check", dir.toString(), "--format", "json");
        assertEquals(3, plain.code(), plain.err());
    }

    @Test
    void aReaderThatQuitsIsNoError() {
        Result r = run(DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new Main.ReportStream(failing("Broken pipe")), "check", dir.toString());
        assertEquals(1, r.code(), "the findings decide, as if the reader had read them: " + r.err());
        assertFalse(r.err().contains("error"), r.err());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void dashOToDevFullExits3() {
        Result r = run("check", dir.toString(), "-o", "/dev/full");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("cannot write the report to /dev/full: No space left on device"), r.err());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theRealStdoutOnDevFullExits3() throws Exception {
        Process p = java(List.of(), "check", dir.toString()).redirectOutput(new File("/dev/full")).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), err);
        assertTrue(err.contains("cannot write the report to stdout: No space left on device"), err);
    }

    private static ProcessBuilder java(List<String> jvm, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }

    // --- resource errors ---------------------------------------------------------------------------

    @Test
    void outOfMemoryAndStackOverflowAreOneLineAndExit3() {
        for (Throwable t : List.of(new OutOfMemoryError("Java heap space"), new StackOverflowError(),
                new IllegalStateException("internal error: worker", new OutOfMemoryError("Java heap space")))) {
            Result r = run(throwing(t), "check", dir.toString());
            assertEquals(3, r.code(), t + ": " + r.err());
            assertEquals(1, r.err().lines().count(), "one line, no trace: " + r.err());
            assertTrue(r.err().startsWith("pollcheck: internal error: "), r.err());
            assertTrue(r.err().contains(t instanceof StackOverflowError ? "stack overflow" : "out of memory"), r.err());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFileTooBigForTheHeapIsSkippedAndTheOtherFindingsKept() throws Exception {
        // 48 MB of poll code read with a 100 MB cap in a 64 MB heap: that one file cannot be held.
        Path big = dir.resolve("huge.c");
        try (OutputStream o = Files.newOutputStream(big)) {
            byte[] line = "\tpoll_wait(file, &dev->read_wq, wait);\n".getBytes(StandardCharsets.US_ASCII);
            byte[] block = new byte[line.length * 4096];
            for (int i = 0; i < 4096; i++) System.arraycopy(line, 0, block, i * line.length, line.length);
            for (long n = 0; n < 48L << 20; n += block.length) o.write(block);
        }
        Process p = java(List.of("-Xmx64m"), "check", dir.toString(), "--max-file-size", "100M", "-j", "1",
                "--no-simulate", "--color=never").start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String report = new String(out, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), report + err);
        assertTrue(report.contains("foo.c:10:") && report.contains("[PW001]"), report);
        assertTrue(err.contains("huge.c: notice: out of memory while reading this file; skipped"), err);
    }

    // --- inputs that are not what they claim ---------------------------------------------------------

    @Test
    @EnabledOnOs(OS.LINUX)
    void devZeroAsDiffBaselineOrModelsIsAUsageErrorAtOnce() {
        for (String[] args : List.of(new String[] {"--diff", "/dev/zero"}, new String[] {"--baseline", "/dev/zero"},
                new String[] {"--models", "/dev/zero"})) {
            long t0 = System.nanoTime();
            List<String> all = new ArrayList<>(List.of("check", dir.toString()));
            all.addAll(List.of(args));
            Result r = run(all.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("pollcheck: error: ") && r.err().contains("/dev/zero"), r.err());
            assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "refused without reading it all");
        }
    }

    @Test
    void anEndlessStdinDiffIsAUsageError() {
        InputStream zeros = new InputStream() {
            @Override
            public int read() {
                return 0;
            }
        };
        Result r = run(DefaultPipeline.create(), zeros, new PrintStream(new ByteArrayOutputStream()),
                "check", dir.toString(), "--diff", "-");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--diff -: binary data"), r.err());
    }

    @Test
    void binaryOrHugeInputsAreUsageErrors() throws Exception {
        Path bin = dir.resolve("blob.json");
        Files.write(bin, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
        Result baseline = run("check", dir.toString(), "--baseline", bin.toString());
        assertEquals(2, baseline.code(), baseline.err());
        assertTrue(baseline.err().contains("not UTF-8 text"), baseline.err());

        Path models = dir.resolve("models.txt");
        Files.write(models, new byte[] {'#', ' ', 0, 1, 2, '\n'});
        Result m = run("check", dir.toString(), "--models", models.toString());
        assertEquals(2, m.code(), m.err());
        assertTrue(m.err().contains("--models " + models + ": binary data"), m.err());

        Path huge = dir.resolve("huge.diff");
        try (OutputStream o = Files.newOutputStream(huge)) {
            byte[] line = " context line of a very long patch\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);
            for (long n = 0; n <= InputFiles.MAX_BYTES; n += line.length) o.write(line);
        }
        Result d = run("check", dir.toString(), "--diff", huge.toString());
        assertEquals(2, d.code(), d.err());
        assertTrue(d.err().contains("larger than 64 MiB"), d.err());
    }

    // --- options -------------------------------------------------------------------------------------

    @Test
    void anOutputNamingAScannedSourceFileIsAUsageError() throws Exception {
        Path header = dir.resolve("foo.h");
        Files.writeString(header, "struct foo;\n");
        for (String[] args : List.of(new String[] {"check", dir.toString(), "-o", driver.toString()},
                new String[] {"check", dir.toString(), "--write-baseline", header.toString()},
                new String[] {"check", driver.toString(), "-o", dir.resolve("./foo.c").toString()})) {
            Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("names a source file being scanned"), r.err());
        }
        assertEquals(CliTest.BUGGY, Files.readString(driver), "the source is untouched");
        assertEquals("struct foo;\n", Files.readString(header));
        Path report = dir.resolve("report.txt");
        assertEquals(1, run("check", dir.toString(), "-o", report.toString()).code());
        assertEquals(1, run("check", dir.toString(), "-o", report.toString()).code(), "a report may be overwritten");
    }

    @Test
    void confirmedOnlyWithNoSimulateIsAUsageError() {
        Result r = run("check", dir.toString(), "--confirmed-only", "--no-simulate");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--confirmed-only") && r.err().contains("--no-simulate"), r.err());
    }

    @Test
    void jobsZeroIsEveryCoreAndAHugeCountIsCapped() {
        FakePipeline fake = new FakePipeline();
        assertEquals(1, run(fake, "check", dir.toString(), "-j", "0").code());
        assertEquals(Runtime.getRuntime().availableProcessors(), fake.lastOptions.jobs());
        assertEquals(1, run(fake, "check", dir.toString(), "-j", "2000000000").code());
        assertTrue(fake.lastOptions.jobs() <= Math.max(8, 4 * Runtime.getRuntime().availableProcessors()),
                "capped: " + fake.lastOptions.jobs());
        Result real = run("check", dir.toString(), "-j", "2000000000", "--format", "json");
        assertEquals(1, real.code(), real.err());
        assertEquals(2, run(fake, "check", dir.toString(), "-j", "-1").code());
    }
}
