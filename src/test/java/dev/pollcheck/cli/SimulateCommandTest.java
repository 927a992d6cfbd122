package dev.pollcheck.cli;

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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pollcheck simulate} end to end, on the real parser and simulator. */
class SimulateCommandTest {

    /** The shape of v4l2loopback 0.12.7's poll method, in our own words. */
    static final String BUGGY = """
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

    /** The upstream-style fix: both queues registered first, unconditionally. */
    static final String FIXED = """
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

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new FakePipeline(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void hangFoundExitsOneWithAnEpollWitnessForTheEventQueue() throws Exception {
        Path f = write("loop.c", BUGGY);
        Result r = run("simulate", f.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("v4l2_loopback_poll: lost wake-up on &opener->fh.wait with epoll"), r.out());
        assertTrue(r.out().contains("lost wake-up on &dev->read_event"), r.out());
        assertTrue(r.out().contains("EPOLL_CTL_MOD"), r.out());
    }

    @Test
    void theFixedFormHasNoHang() throws Exception {
        Path f = write("fixed.c", FIXED);
        Result r = run("simulate", f + ":v4l2_loopback_poll");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("v4l2_loopback_poll: no hang found\nsearched: "), r.out());
    }

    @Test
    void apiAndEventsNarrowTheSearch() throws Exception {
        Path f = write("loop.c", BUGGY);
        Result r = run("simulate", f.toString(), "--api", "epoll", "--events", "IN,PRI", "--format", "json");
        assertEquals(1, r.code(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out()).get(0);
        assertEquals("v4l2_loopback_poll", report.get("function").asText());
        assertTrue(report.get("hang_found").asBoolean());
        for (JsonNode w : report.get("witnesses")) {
            assertEquals("epoll", w.get("api").asText());
            assertFalse(w.at("/witness/steps").isEmpty());
        }
    }

    @Test
    void badInputIsAUsageError() throws Exception {
        Path f = write("loop.c", BUGGY);
        assertEquals(2, run("simulate", dir.resolve("none.c").toString()).code());
        Result noFn = run("simulate", f + ":no_such_poll");
        assertEquals(2, noFn.code());
        assertTrue(noFn.err().contains("functions defined there: v4l2_loopback_poll"), noFn.err());
        assertEquals(2, run("simulate", f.toString(), "--events", "IN,BOGUS").code());
        assertEquals(2, run("simulate", f.toString(), "--api", "kqueue").code());
        Path plain = write("plain.c", "static int add(int a, int b)\n{\n\treturn a + b;\n}\n");
        Result none = run("simulate", plain.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no poll method found"), none.err());
    }
}
