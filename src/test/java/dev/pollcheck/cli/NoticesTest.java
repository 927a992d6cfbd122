package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through {@link Main#run} on the real pipeline: the text report lists on stderr what it
 * could not read, the summary line says when poll code went unchecked, {@code --fail-on-skip} fails
 * on that, and a PATH with no C file is an error.
 */
class NoticesTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : Arrays.asList(err.split("\n"));
        }
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String summary(Result r) {
        String[] lines = r.out().split("\n");
        return lines[lines.length - 1];
    }

    private void binaryMentioningPoll(String name) throws Exception {
        byte[] b = ("static int x;\n\0\0poll_wait(file, &q, wait);\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve(name), b);
    }

    @Test
    void aBinaryFileMentioningPollIsANoticeOnStderrAndTheSummarySaysItWasNotChecked() throws Exception {
        Files.writeString(dir.resolve("foo.c"), CliTest.CLEAN);
        binaryMentioningPoll("blob.c");
        Result r = run("check", dir.toString(), "--color=never");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.errLines().contains(dir.resolve("blob.c") + ":2: notice: binary file (NUL byte in the first 8192 bytes); not parsed"),
                r.err());
        assertFalse(r.out().contains("notice:"), "notices go to stderr, not into the report: " + r.out());
        assertTrue(summary(r).contains("NOT CHECKED: 1 file that may hold poll code could not be read"), r.out());

        Result strict = run("check", dir.toString(), "--color=never", "--fail-on-skip");
        assertEquals(1, strict.code(), strict.out() + strict.err());
    }

    @Test
    void anOversizedFileIsASkipOnlyWhenItMentionsPoll() throws Exception {
        Files.writeString(dir.resolve("foo.c"), CliTest.CLEAN);
        Files.writeString(dir.resolve("table.h"), "int table[] = {\n" + "1, 2, 3, 4, 5, 6, 7, 8,\n".repeat(1000) + "};\n");
        Result plain = run("check", dir.toString(), "--max-file-size", "4k", "--fail-on-skip");
        assertEquals(0, plain.code(), plain.out() + plain.err());
        assertTrue(plain.err().contains("table.h: notice: file too large"), plain.err());
        assertFalse(summary(plain).contains("NOT CHECKED"), plain.out());

        // The word is past the first megabyte's read of a 4k cap: the whole file is looked at.
        Files.writeString(dir.resolve("big.c"), "int y;\n".repeat(2000) + "static const struct file_operations f = {"
                + " .poll = big_poll };\n");
        Result big = run("check", dir.toString(), "--max-file-size", "4k", "--fail-on-skip");
        assertEquals(1, big.code(), big.out() + big.err());
        assertTrue(big.err().contains("big.c: notice: file too large (") && big.err().contains("it mentions poll"),
                big.err());
        assertTrue(summary(big).contains("NOT CHECKED: 1 file that may hold poll code"), big.out());
    }

    @Test
    void aPollMethodInAnInactiveBranchIsCountedAsNotAnalysed() throws Exception {
        Files.writeString(dir.resolve("foo.c"), """
                #include <linux/poll.h>
                #ifndef CONFIG_FOO_POLL
                #define foo_poll NULL
                #else
                static __poll_t foo_poll(struct file *file, poll_table *wait)
                {
                	poll_wait(file, &q, wait);
                	return 0;
                }
                #endif
                static const struct file_operations fops = {
                	.poll = foo_poll,
                };
                """);
        Result r = run("check", dir.toString(), "--color=never");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith(dir.resolve("foo.c") + ":5: notice: poll-related function foo_poll is in an inactive"), r.err());
        assertTrue(summary(r).contains("NOT CHECKED: 1 poll method could not be analysed"), r.out());
        assertEquals(1, run("check", dir.toString(), "--fail-on-skip").code());
        Result selected = run("check", dir.toString(), "--fail-on-skip", "-D", "CONFIG_FOO_POLL");
        assertEquals(0, selected.code(), selected.out() + selected.err());
        assertEquals("", selected.err());
    }

    @Test
    void quietKeepsOnlyTheCountAndALongListIsCapped() throws Exception {
        Files.writeString(dir.resolve("foo.c"), CliTest.CLEAN);
        for (int i = 0; i < 60; i++) binaryMentioningPoll(String.format("blob%02d.c", i));
        Result r = run("check", dir.toString(), "--color=never");
        List<String> notices = new ArrayList<>();
        for (String l : r.errLines()) if (l.contains(": notice: ")) notices.add(l);
        assertEquals(50, notices.size(), r.err());
        assertEquals(dir.resolve("blob00.c") + ":2: notice: binary file (NUL byte in the first 8192 bytes); not parsed", notices.get(0));
        assertTrue(r.err().contains("pollcheck: 10 more notices not listed"), r.err());
        assertTrue(summary(r).contains("NOT CHECKED: 60 files"), r.out());

        Result quiet = run("check", dir.toString(), "--quiet");
        assertEquals("pollcheck: 60 notices (not listed with --quiet)\n", quiet.err());
        assertEquals("", quiet.out());
    }

    @Test
    void aFifoGivenAsPathIsANoticeAndASkip() throws Exception {
        Path fifo = dir.resolve("pipe.c");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, p.waitFor());
        Files.writeString(dir.resolve("foo.c"), CliTest.CLEAN);
        Result r = run("check", fifo.toString(), dir.resolve("foo.c").toString(), "--fail-on-skip");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("pipe.c: notice: not a regular file or directory; skipped"), r.err());
    }

    @Test
    void aPathWithNoCFileIsAUsageError() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("README.txt"), "poll_wait\n");
        Result r = run("check", docs.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("pollcheck: error: no C file (.c or .h) under " + docs + "\n", r.err());

        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("foo.c"), CliTest.CLEAN);
        Result mixed = run("check", src.toString(), docs.toString());
        assertEquals(2, mixed.code(), "each PATH must hold a C file: " + mixed.err());
        assertEquals(0, run("check", src.toString()).code());
    }
}
