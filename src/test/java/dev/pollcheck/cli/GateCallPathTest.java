package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patch gate judges the functions on a finding's call path, each in its own file: end to end on the
 * real pipeline, with patches made by git in a scratch repository.
 */
class GateCallPathTest {

    /** A poll method that hands the table to a helper of the same file. */
    static final String SAME_FILE = """
            #include <linux/fs.h>
            #include <linux/poll.h>

            struct bar_dev {
            	wait_queue_head_t read_wq;
            	wait_queue_head_t event_wq;
            	int count;
            	int events;
            };

            static void bar_wait(struct bar_dev *dev, struct file *file, poll_table *wait, __poll_t req)
            {
            	poll_wait(file, &dev->read_wq, wait);
            	poll_wait(file, &dev->event_wq, wait);
            }

            static __poll_t bar_poll(struct file *file, poll_table *wait)
            {
            	struct bar_dev *dev = file->private_data;
            	__poll_t req = poll_requested_events(wait);
            	__poll_t mask = 0;

            	bar_wait(dev, file, wait, req);
            	if (dev->count)
            		mask |= EPOLLIN | EPOLLRDNORM;
            	if (dev->events)
            		mask |= EPOLLPRI;
            	return mask;
            }

            static const struct file_operations bar_fops = {
            	.owner = THIS_MODULE,
            	.poll = bar_poll,
            };
            """;

    static final String SAME_FILE_CONDITIONAL = SAME_FILE.replace("\tpoll_wait(file, &dev->event_wq, wait);\n",
            "\tif (req & EPOLLPRI)\n\t\tpoll_wait(file, &dev->event_wq, wait);\n");

    /** The poll method's half of a driver split over two files. */
    static final String MAIN = """
            #include <linux/fs.h>
            #include <linux/poll.h>
            #include "dsp.h"

            static __poll_t dsp_poll(struct file *file, poll_table *wait)
            {
            	struct dsp_client *cl = file->private_data;
            	__poll_t req = poll_requested_events(wait);

            	return dsp_queue_poll(cl, file, wait, req);
            }

            static int dsp_release(struct inode *inode, struct file *file)
            {
            	kfree(file->private_data);
            	return 0;
            }

            static const struct file_operations dsp_fops = {
            	.owner = THIS_MODULE,
            	.release = dsp_release,
            	.poll = dsp_poll,
            };
            """;

    /** The queue half, clean: both queues registered first. */
    static final String QUEUE = """
            #include <linux/fs.h>
            #include <linux/poll.h>
            #include "dsp.h"

            void dsp_queue_reset(struct dsp_client *cl)
            {
            	cl->nresp = 0;
            	cl->nnotif = 0;
            }

            __poll_t dsp_queue_poll(struct dsp_client *cl, struct file *file, poll_table *wait, __poll_t req)
            {
            	__poll_t mask = 0;

            	poll_wait(file, &cl->resp_wq, wait);
            	poll_wait(file, &cl->notif_wq, wait);
            	if (cl->nresp)
            		mask |= EPOLLIN | EPOLLRDNORM;
            	if ((req & EPOLLPRI) && cl->nnotif)
            		mask |= EPOLLPRI;
            	return mask;
            }

            /* Called by the firmware's message handler: what makes the client ready. */
            void dsp_queue_notify(struct dsp_client *cl)
            {
            	cl->nnotif++;
            	wake_up_interruptible(&cl->notif_wq);
            }

            void dsp_queue_respond(struct dsp_client *cl)
            {
            	cl->nresp++;
            	wake_up_interruptible(&cl->resp_wq);
            }
            """;

    static final String QUEUE_CONDITIONAL = QUEUE.replace("\tpoll_wait(file, &cl->notif_wq, wait);\n",
            "\tif (req & EPOLLPRI)\n\t\tpoll_wait(file, &cl->notif_wq, wait);\n");

    @TempDir
    Path dir;
    Path tree;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws Exception {
        tree = dir.resolve("tree");
        Files.createDirectories(tree);
        git("init", "-q");
    }

    @Test
    void aPatchMakingTheRegistrationConditionalInAHelperOfTheSameFileFails() throws Exception {
        Path patch = commit(Map.of("drivers/char/bar.c", SAME_FILE), Map.of("drivers/char/bar.c", SAME_FILE_CONDITIONAL));
        Result r = run(tree.toString(), "--diff", patch.toString(), "--format", "json");
        assertEquals(1, r.code(), r.out() + r.err());
        JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
        assertEquals(1, findings.size(), r.out());
        JsonNode f = findings.get(0);
        assertEquals("PW001", f.get("rule").asText());
        assertEquals("&dev->event_wq", f.get("queue").asText());
        assertEquals("bar_wait", f.get("function").asText());
        JsonNode path = f.get("path");
        assertEquals(2, path.size(), f.toString());
        assertEquals("bar_poll", path.get(0).get("function").asText());
        assertEquals("bar_wait", path.get(1).get("function").asText());
        assertEquals(f.get("file").asText(), path.get(1).get("file").asText());
        assertTrue(path.get(1).get("line").asInt() <= f.get("condition_line").asInt()
                && f.get("line").asInt() <= path.get(1).get("end_line").asInt(), f.toString());
    }

    @Test
    void aPatchMakingTheRegistrationConditionalInAHelperOfAnotherFileFails() throws Exception {
        Path patch = commit(Map.of("drivers/dsp/dsp_main.c", MAIN, "drivers/dsp/dsp_queue.c", QUEUE),
                Map.of("drivers/dsp/dsp_queue.c", QUEUE_CONDITIONAL));
        Result r = run(tree.resolve("drivers").toString(), "--diff", patch.toString(), "--format", "json");
        assertEquals(1, r.code(), r.out() + r.err());
        JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
        assertEquals(1, findings.size(), r.out());
        JsonNode f = findings.get(0);
        assertEquals("&cl->notif_wq", f.get("queue").asText());
        assertTrue(f.get("confirmed").asBoolean(), "simulated although the poll method's file is untouched: " + f);
        JsonNode path = f.get("path");
        assertEquals(List.of("dsp_poll", "dsp_queue_poll"), List.of(path.get(0).get("function").asText(),
                path.get(1).get("function").asText()));
        assertTrue(path.get(0).get("file").asText().endsWith("dsp_main.c"), path.toString());
        assertTrue(path.get(1).get("file").asText().endsWith("dsp_queue.c"), path.toString());
    }

    @Test
    void aPatchToThePollMethodKeepsAFindingInItsHelper() throws Exception {
        Path patch = commit(Map.of("drivers/dsp/dsp_main.c", MAIN, "drivers/dsp/dsp_queue.c", QUEUE_CONDITIONAL),
                Map.of("drivers/dsp/dsp_main.c", MAIN.replace("\treturn dsp_queue_poll(cl, file, wait, req);",
                        "\tif (!cl)\n\t\treturn EPOLLERR;\n\treturn dsp_queue_poll(cl, file, wait, req);")));
        Result r = run(tree.toString(), "--diff", patch.toString(), "--format", "json");
        assertEquals(1, r.code(), r.out() + r.err());
        int errors = 0;
        for (JsonNode f : new ObjectMapper().readTree(r.out()).get("findings")) {
            if (f.get("rule").asText().equals("PW001")) {
                errors++;
                assertEquals("&cl->notif_wq", f.get("queue").asText());
            }
        }
        assertEquals(1, errors, r.out());
    }

    @Test
    void linesAreComparedInTheFileOfEachFunction() throws Exception {
        // The old finding is in dsp_queue_poll; the patch changes dsp_queue_reset, whose lines in
        // dsp_queue.c overlap those of the poll method in dsp_main.c. Neither function on the
        // path changes, so the finding is not this patch's doing.
        Path patch = commit(Map.of("drivers/dsp/dsp_main.c", MAIN, "drivers/dsp/dsp_queue.c", QUEUE_CONDITIONAL),
                Map.of("drivers/dsp/dsp_queue.c", QUEUE_CONDITIONAL.replace("\tcl->nnotif = 0;\n",
                        "\tcl->nnotif = 0;\n\tcl->flags = 0;\n")));
        String reset = QUEUE_CONDITIONAL.substring(0, QUEUE_CONDITIONAL.indexOf("\tcl->nnotif = 0;"));
        int changed = (int) reset.chars().filter(c -> c == '\n').count() + 2;
        String poll = MAIN.substring(0, MAIN.indexOf("dsp_poll("));
        int pollLine = (int) poll.chars().filter(c -> c == '\n').count() + 1;
        assertTrue(changed > pollLine && changed < pollLine + 6, "the changed line " + changed
                + " lies inside dsp_poll's lines in the other file, from " + pollLine);
        Result r = run(tree.toString(), "--diff", patch.toString(), "--format", "json");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(0, new ObjectMapper().readTree(r.out()).get("findings").size(), r.out());
        assertEquals(1, run(tree.toString()).code(), "without the gate the old finding fails the run");
    }

    @Test
    void aPatchToAFileOfTheSameNameElsewhereBindsToNothing() throws Exception {
        Path patch = commit(Map.of("drivers/usb/bar.c", SAME_FILE, "drivers/media/bar.c", SAME_FILE_CONDITIONAL),
                Map.of("drivers/usb/bar.c", SAME_FILE_CONDITIONAL));
        Result r = run(tree.resolve("drivers/media").toString(), "--diff", patch.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("drivers/usb/bar.c"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void aPatchPathOutsideTheScanIsANoticeOnStderr() throws Exception {
        Path patch = commit(Map.of("drivers/usb/bar.c", SAME_FILE, "drivers/media/bar.c", SAME_FILE),
                Map.of("drivers/usb/bar.c", SAME_FILE_CONDITIONAL, "drivers/media/bar.c", SAME_FILE_CONDITIONAL));
        Result r = run(tree.resolve("drivers/media").toString(), "--diff", patch.toString(), "--format", "json");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("notice") && r.err().contains("drivers/usb/bar.c"), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1, json.get("findings").size(), r.out());
        assertTrue(json.get("findings").get(0).get("file").asText().endsWith("bar.c"), r.out());
        assertTrue(json.get("notices").toString().contains("drivers/usb/bar.c"), r.out());
    }

    @Test
    void sinceJudgesAnUntrackedNewDriver() throws Exception {
        commit(Map.of("drivers/char/bar.c", SAME_FILE), Map.of("drivers/char/bar.c", SAME_FILE.replace("int events;",
                "int events; /* pending */")));
        Files.writeString(tree.resolve("drivers/char/bar_new.c"), SAME_FILE_CONDITIONAL.replace("bar_", "baz_"));
        Result r = run(tree.toString(), "--since", "HEAD", "--format", "json");
        assertEquals(1, r.code(), r.out() + r.err());
        JsonNode f = new ObjectMapper().readTree(r.out()).get("findings");
        assertEquals(1, f.size(), r.out());
        assertTrue(f.get(0).get("file").asText().endsWith("bar_new.c"), r.out());
    }

    @Test
    void sinceRunsNoRepositoryCommandAndLeavesTheIndexAlone() throws Exception {
        commit(Map.of("drivers/char/bar.c", SAME_FILE), Map.of("drivers/char/bar.c", SAME_FILE_CONDITIONAL));
        Path marker = dir.resolve("ran");
        Path hook = dir.resolve("hook.sh");
        Files.writeString(hook, "#!/bin/sh\ntouch '" + marker + "'\nexit 1\n");
        hook.toFile().setExecutable(true);
        git("config", "core.fsmonitor", hook.toString());
        git("config", "diff.external", hook.toString());
        // Stat-dirty, content-clean: a plain `git diff` would refresh and rewrite the index.
        Path file = tree.resolve("drivers/char/bar.c");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        byte[] index = Files.readAllBytes(tree.resolve(".git/index"));
        Result r = run(tree.toString(), "--since", "HEAD~1", "--format", "json");
        assertEquals(1, r.code(), r.out() + r.err());
        assertFalse(Files.exists(marker), "a repository's fsmonitor or external diff ran");
        assertArrayEquals(index, Files.readAllBytes(tree.resolve(".git/index")), "the index was rewritten");
    }

    @Test
    void sinceOutsideARepositorySaysSoInOneLine() throws Exception {
        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        Files.writeString(plain.resolve("bar.c"), SAME_FILE);
        Result r = run(plain.toString(), "--since", "HEAD");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("git"), r.err());
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Commits {@code before}, then {@code after} on top; returns the second commit as a mail. */
    private Path commit(Map<String, String> before, Map<String, String> after) throws Exception {
        write(before);
        git("add", ".");
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base");
        write(after);
        git("add", ".");
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "change");
        Path patch = dir.resolve("0001.patch");
        Process p = new ProcessBuilder("git", "-C", tree.toString(), "format-patch", "-1", "--stdout")
                .redirectOutput(patch.toFile()).start();
        assertEquals(0, p.waitFor());
        return patch;
    }

    private void write(Map<String, String> files) throws Exception {
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(files).entrySet()) {
            Path file = tree.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
    }

    private void git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", tree.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }
}
