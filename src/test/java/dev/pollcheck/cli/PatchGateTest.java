package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patch gate end to end on the real pipeline (parser, rules, simulator): patches made with git
 * in a scratch repository, given to {@code --diff} as {@code git format-patch} mails.
 */
class PatchGateTest {

    /** A driver with nothing to report: both queues registered first, unconditionally. */
    static final String CLEAN = """
            #include <linux/fs.h>
            #include <linux/poll.h>

            struct foo_dev {
            	wait_queue_head_t read_wq;
            	wait_queue_head_t write_wq;
            	int count;
            	int room;
            };

            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo_dev *dev = file->private_data;
            	__poll_t req = poll_requested_events(wait);
            	__poll_t mask = 0;

            	poll_wait(file, &dev->read_wq, wait);
            	poll_wait(file, &dev->write_wq, wait);
            	if (dev->count)
            		mask |= EPOLLIN | EPOLLRDNORM;
            	if (dev->room && (req & EPOLLOUT))
            		mask |= EPOLLOUT | EPOLLWRNORM;
            	return mask;
            }

            static int foo_open(struct inode *inode, struct file *file)
            {
            	file->private_data = inode->i_private;
            	return 0;
            }

            static ssize_t foo_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
            {
            	struct foo_dev *dev = file->private_data;

            	dev->count++;
            	wake_up_interruptible(&dev->read_wq);
            	return len;
            }

            static const struct file_operations foo_fops = {
            	.owner = THIS_MODULE,
            	.open = foo_open,
            	.write = foo_write,
            	.poll = foo_poll,
            };
            """;

    static final String CONDITIONAL = CLEAN.replace("\tpoll_wait(file, &dev->read_wq, wait);\n",
            "\tif (req & EPOLLIN)\n\t\tpoll_wait(file, &dev->read_wq, wait);\n");

    @TempDir
    Path dir;
    Path tree;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws Exception {
        tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("drivers/char"));
        git("init", "-q");
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void addingAConditionalPollWaitToACleanDriverFailsWithExactlyThatFinding() throws Exception {
        Path patch = commit("drivers/char/foo.c", CLEAN, CONDITIONAL, "foo: wait for input only when asked");
        assertEquals(0, run(tree.toString(), "--exit-zero", "--format", "json").code());
        Result r = run(tree.toString(), "--diff", patch.toString(), "--format", "json");
        assertEquals(1, r.code(), r.out() + r.err());
        JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
        assertEquals(1, findings.size(), r.out());
        JsonNode f = findings.get(0);
        assertEquals("PW001", f.get("rule").asText());
        assertEquals(tree.resolve("drivers/char/foo.c").toString(), f.get("file").asText());
        assertEquals("foo_poll", f.get("function").asText());
        assertEquals("&dev->read_wq", f.get("queue").asText());
        assertEquals(18, f.get("line").asInt());
        assertEquals(17, f.get("condition_line").asInt());
    }

    @Test
    void aSingleFileNamedAbsoluteIsGatedToo() throws Exception {
        Path patch = commit("drivers/char/foo.c", CLEAN, CONDITIONAL, "foo: wait for input only when asked");
        Path file = tree.resolve("drivers/char/foo.c").toAbsolutePath();
        Result r = run(file.toString(), "--diff", patch.toString(), "--format", "json");
        assertEquals(1, r.code(), r.out() + r.err());
        JsonNode f = new ObjectMapper().readTree(r.out()).get("findings").get(0);
        assertEquals(18, f.get("line").asInt());
        assertTrue(f.get("confirmed").asBoolean(), "the pipeline simulated it: it was in the focus");
    }

    @Test
    void touchingAnotherFunctionOfADriverWithAnOldFindingPasses() throws Exception {
        Path patch = commit("drivers/char/foo.c", CONDITIONAL,
                CONDITIONAL.replace("\treturn 0;\n}", "\tif (!file->private_data)\n\t\treturn -ENODEV;\n\treturn 0;\n}"),
                "foo: refuse to open a device without data");
        Result gated = run(tree.toString(), "--diff", patch.toString());
        assertEquals(0, gated.code(), gated.out() + gated.err());
        assertTrue(gated.out().contains("1 finding outside the changed functions not reported"), gated.out());
        assertEquals(1, run(tree.toString()).code(), "without the gate the old finding fails the run");
    }

    @Test
    void theUpstreamStyleFixOnLoopbackCodePassesAndTheFindingsAreGone() throws Exception {
        Path patch = commit("drivers/media/v4l2loopback.c", LOOPBACK, LOOPBACK_FIXED,
                "v4l2loopback: register the wait queues unconditionally");
        Result r = run(tree.toString(), "--diff", patch.toString(), "--format", "json");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(0, new ObjectMapper().readTree(r.out()).get("findings").size(), r.out());
        Result whole = run(tree.toString(), "--format", "json");
        assertEquals(0, new ObjectMapper().readTree(whole.out()).get("findings").size(), "the whole tree is clean too");
    }

    @Test
    void baselineStillMatchesAfterTenBlankLinesAbove() throws Exception {
        Path file = tree.resolve("drivers/media/v4l2loopback.c");
        Files.createDirectories(file.getParent());
        Files.writeString(file, LOOPBACK);
        Path baseline = dir.resolve("baseline.json");
        assertEquals(0, run(tree.toString(), "--write-baseline", baseline.toString()).code());
        Result before = run(tree.toString(), "--format", "json");
        Files.writeString(file, "\n".repeat(10) + LOOPBACK);
        Result after = run(tree.toString(), "--format", "json");
        JsonNode b = new ObjectMapper().readTree(before.out()).get("findings");
        JsonNode a = new ObjectMapper().readTree(after.out()).get("findings");
        assertTrue(b.size() >= 2, before.out());
        assertEquals(b.size(), a.size());
        for (int i = 0; i < b.size(); i++) {
            assertEquals(b.get(i).get("line").asInt() + 10, a.get(i).get("line").asInt());
            assertEquals(b.get(i).get("fingerprint"), a.get(i).get("fingerprint"));
        }
        Result gated = run(tree.toString(), "--baseline", baseline.toString());
        assertEquals(0, gated.code(), gated.out());
        assertTrue(gated.out().contains("unchanged from the baseline"), gated.out());
    }

    /** The shape of v4l2loopback 0.12.7's poll method, in our own words. */
    static final String LOOPBACK = """
            #include <linux/poll.h>

            static __poll_t v4l2_loopback_poll(struct file *file, struct poll_table_struct *pts)
            {
            	struct v4l2_loopback_opener *opener = fh_to_opener(file->private_data);
            	struct v4l2_loopback_device *dev = v4l2loopback_getdevice(file);
            	__poll_t req_events = poll_requested_events(pts);
            	__poll_t ret_mask = 0;

            	if (req_events & POLLPRI) {
            		if (!v4l2_event_pending(&opener->fh))
            			poll_wait(file, &opener->fh.wait, pts);
            		if (v4l2_event_pending(&opener->fh)) {
            			ret_mask |= POLLPRI;
            			if (!(req_events & DEFAULT_POLLMASK))
            				return ret_mask;
            		}
            	}

            	switch (opener->type) {
            	case WRITER:
            		ret_mask |= POLLOUT | POLLWRNORM;
            		break;
            	case READER:
            		if (!can_read(dev, opener)) {
            			if (ret_mask)
            				return ret_mask;
            			poll_wait(file, &dev->read_event, pts);
            		}
            		if (can_read(dev, opener))
            			ret_mask |= POLLIN | POLLRDNORM;
            		if (v4l2_event_pending(&opener->fh))
            			ret_mask |= POLLPRI;
            		break;
            	default:
            		break;
            	}
            	return ret_mask;
            }

            static const struct v4l2_file_operations v4l2_loopback_fops = {
            	.owner = THIS_MODULE,
            	.poll = v4l2_loopback_poll,
            };
            """;

    static final String LOOPBACK_FIXED = """
            #include <linux/poll.h>

            static __poll_t v4l2_loopback_poll(struct file *file, struct poll_table_struct *pts)
            {
            	struct v4l2_loopback_opener *opener = fh_to_opener(file->private_data);
            	struct v4l2_loopback_device *dev = v4l2loopback_getdevice(file);
            	__poll_t req_events = poll_requested_events(pts);
            	__poll_t ret_mask = 0;

            	poll_wait(file, &opener->fh.wait, pts);
            	poll_wait(file, &dev->read_event, pts);

            	if (req_events & POLLPRI) {
            		if (v4l2_event_pending(&opener->fh))
            			ret_mask |= POLLPRI;
            	}

            	switch (opener->type) {
            	case WRITER:
            		ret_mask |= POLLOUT | POLLWRNORM;
            		break;
            	case READER:
            		if (can_read(dev, opener))
            			ret_mask |= POLLIN | POLLRDNORM;
            		break;
            	default:
            		break;
            	}
            	return ret_mask;
            }

            static const struct v4l2_file_operations v4l2_loopback_fops = {
            	.owner = THIS_MODULE,
            	.poll = v4l2_loopback_poll,
            };
            """;

    /** Commits {@code before} then {@code after} at {@code path}; returns the second commit as a mail. */
    private Path commit(String path, String before, String after, String subject) throws Exception {
        Path file = tree.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, before);
        git("add", ".");
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base");
        Files.writeString(file, after);
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", subject);
        Path patch = dir.resolve("0001.patch");
        Process p = new ProcessBuilder("git", "-C", tree.toString(), "format-patch", "-1", "--stdout")
                .redirectOutput(patch.toFile()).start();
        assertEquals(0, p.waitFor());
        return patch;
    }

    private void git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", tree.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }
}
