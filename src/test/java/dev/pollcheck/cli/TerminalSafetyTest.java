package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pollcheck.report.ScanResult;
import dev.pollcheck.report.Stats;
import dev.pollcheck.rules.RuleInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text output cannot be used against the terminal: control characters from the scanned tree
 * (source lines, conditions, file names) are shown escaped, very long conditions are shortened in
 * the text (not in JSON), and the progress bar has no colours under NO_COLOR or --color=never.
 */
class TerminalSafetyTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private Result run(Pipeline pipeline, Terminal terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, pipeline, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result run(String... args) {
        return run(DefaultPipeline.create(), new Terminal(Map.of()), args);
    }

    /** The first control character other than newline and tab, or -1. */
    private static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\n' && c != '\t' && (c < 0x20 || c >= 0x7F && c < 0xA0)) return c;
        }
        return -1;
    }

    private static final String HOSTILE = """
            #include <linux/poll.h>

            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo_dev *dev = file->private_data;
            	__poll_t req = poll_requested_events(wait);
            	__poll_t mask = 0;

            	if ((req & EPOLLIN) && dev->name[0] != '\u001b' && dev->bell != '\u0007')
            		poll_wait(file, &dev->read_wq, wait); /* \u001b]0;owned\u0007\u009b2J\r */
            	return mask;
            }

            static const struct file_operations foo_fops = {
            	.poll = foo_poll,
            };
            """;

    @Test
    void controlCharactersFromTheTreeAreShownEscaped() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("drv\u001b[31m"));
        Files.writeString(sub.resolve("foo\u0007.c"), HOSTILE);
        Files.write(sub.resolve("bin\r.c"), "x\0\0 poll_wait(".getBytes(StandardCharsets.ISO_8859_1));
        Result r = run("check", dir.toString(), "--color=never");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("[PW001]"), r.out());
        assertEquals(-1, firstControl(r.out()), "stdout: " + r.out());
        assertEquals(-1, firstControl(r.err()), "stderr: " + r.err());
        assertTrue(r.out().contains("drv\\x1b[31m/foo\\x07.c:10:"), r.out());
        assertTrue(r.out().contains("\\x1b]0;owned\\x07\\x9b2J"), "the source line, escaped: " + r.out());
        assertTrue(r.out().contains("'\\x1b'"), "the condition, escaped: " + r.out());
        assertTrue(r.err().contains("drv\\x1b[31m/bin\\x0d.c:1: notice: binary file"), r.err());
    }

    @Test
    void theCaretStaysUnderTheCallAfterAnEscapedCharacter() throws Exception {
        Files.writeString(dir.resolve("foo.c"), HOSTILE.replace("\t\tpoll_wait(file", "\t\u001b\tpoll_wait(file"));
        Result r = run("check", dir.toString(), "--color=never", "--no-simulate");
        String[] lines = r.out().split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("   10 | ")) {
                String src = lines[i].substring(8);
                String marks = lines[i + 1].substring(8);
                assertEquals(src.indexOf("poll_wait"), marks.indexOf('^'), lines[i] + "\n" + lines[i + 1]);
                return;
            }
        }
        throw new AssertionError("no excerpt of line 10: " + r.out());
    }

    @Test
    void aVeryLongConditionIsShortenedInTextButNotInJson() throws Exception {
        // One condition of 40 arguments: && chains are split into their parts, a call is not.
        StringBuilder cond = new StringBuilder("(req & EPOLLIN) && foo_ready(dev");
        for (int i = 0; i < 40; i++) cond.append(", dev->flag_number_").append(i);
        cond.append(")");
        Files.writeString(dir.resolve("foo.c"), HOSTILE.replace(
                "(req & EPOLLIN) && dev->name[0] != '\u001b' && dev->bell != '\u0007'", cond));
        Result text = run("check", dir.toString(), "--color=never", "--no-simulate");
        assertEquals(1, text.code(), text.err());
        for (String line : text.out().split("\n")) {
            if (line.startsWith("   ") || line.startsWith("  ") && line.contains("|")) continue;   // excerpts
            assertTrue(line.length() < 600, "a message line of " + line.length() + " chars: " + line);
        }
        assertTrue(text.out().contains("..."), text.out());
        Result json = run("check", dir.toString(), "--format", "json", "--no-simulate");
        JsonNode f = new ObjectMapper().readTree(json.out()).path("findings").get(0);
        assertTrue(f.toString().contains("dev->flag_number_39"), "the full condition stays in JSON: " + f);
    }

    /** A scan slow enough for the bar to appear (it waits a second), that reports progress. */
    private static Pipeline slowScan() {
        return new Pipeline() {
            @Override
            public ScanResult scan(ScanOptions options) throws Exception {
                options.progress().total(4);
                Thread.sleep(1300);
                options.progress().advance(1);
                Thread.sleep(300);
                options.progress().advance(3);
                return new ScanResult(Scan.rootOf(options.roots()), List.of(), Stats.empty(), List.of(), List.of());
            }

            @Override
            public List<RuleInfo> rules() {
                return DefaultPipeline.create().rules();
            }
        };
    }

    @Test
    void theProgressBarHasNoColourUnderNoColorOrColorNever() throws Exception {
        Files.writeString(dir.resolve("foo.c"), HOSTILE);
        Result coloured = run(slowScan(), new Terminal(Map.of(), false, true), "check", dir.toString());
        assertTrue(coloured.err().contains("pollcheck"), "a bar was drawn: " + coloured.err());
        assertTrue(coloured.err().contains("\u001b["), "in colour by default: " + coloured.err());

        Result noColor = run(slowScan(), new Terminal(Map.of("NO_COLOR", "1"), false, true), "check", dir.toString());
        assertTrue(noColor.err().contains("pollcheck"), "a bar was drawn: " + noColor.err());
        assertFalse(noColor.err().contains("\u001b"), "NO_COLOR: " + noColor.err());

        Result never = run(slowScan(), new Terminal(Map.of(), false, true), "check", dir.toString(), "--color=never");
        assertFalse(never.err().contains("\u001b"), "--color=never: " + never.err());
    }
}
