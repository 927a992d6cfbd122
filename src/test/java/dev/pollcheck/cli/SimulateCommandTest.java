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

    /** The v4l2loopback 0.12.7 shape and its upstream fix, shared with the patch-gate tests. */
    static final String BUGGY = PatchGateTest.LOOPBACK;

    static final String FIXED = PatchGateTest.LOOPBACK_FIXED;

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
        Result r = run("simulate", "--any-state", f.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("v4l2_loopback_poll: lost wake-up on &opener->fh.wait with epoll"), r.out());
        assertTrue(r.out().contains("lost wake-up on &dev->read_event"), r.out());
        assertTrue(r.out().contains("EPOLL_CTL_MOD"), r.out());
    }

    @Test
    void withoutCodeThatChangesTheStateTheSearchRefusesItsScenarios() throws Exception {
        // The poll method alone: nothing in its directory writes the state it tests or wakes a queue,
        // so no scenario of the --any-state search above is one the driver can produce.
        Path f = write("loop.c", BUGGY);
        Result r = run("simulate", f.toString(), "--format", "json");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode report = new ObjectMapper().readTree(r.out()).get(0);
        assertFalse(report.get("hang_found").asBoolean());
        assertTrue(report.get("refused").size() > 0, r.out());
        for (JsonNode why : report.get("refused")) {
            assertTrue(why.asText().startsWith("no code in the scanned files makes"), why.asText());
        }
    }

    @Test
    void aRuntimeWriterThatWakesOnlyTheSkippedQueueIsAHang() throws Exception {
        // The same poll method with its other side: an ioctl that queues an event, which is what
        // v4l2_event_pending() reports, and so wakes fh.wait (wakers.txt: signals v4l2_event_pending).
        Path f = write("loop.c", BUGGY + ioctl("v4l2_event_queue_fh(&opener->fh, &ev);"));
        Result r = run("simulate", f.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("lost wake-up on &opener->fh.wait"), r.out());
        assertTrue(r.out().contains("vloop_queue_event()"), r.out());
    }

    @Test
    void aControlSetThroughTheDriversSCtrlQueuesAControlEvent() throws Exception {
        // v4l2loopback's own other side: no call in the driver queues an event, but the v4l2 core, after
        // the driver's .s_ctrl sets a control, queues a control event to every subscribed handle
        // (wakers.txt: callback s_ctrl v4l2_event_queue_fh). That is the wake the skipped fh.wait loses.
        String ctrl = """

                static int vloop_s_ctrl(struct v4l2_ctrl *ctrl)
                {
                	return 0;
                }

                static const struct v4l2_ctrl_ops vloop_ctrl_ops = {
                	.s_ctrl = vloop_s_ctrl,
                };
                """;
        Path f = write("loop.c", BUGGY + ctrl);
        Result r = run("simulate", f.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("lost wake-up on &opener->fh.wait"), r.out());
        assertTrue(r.out().contains("vloop_s_ctrl() makes it and wakes fh->wait"), r.out());
        Files.createDirectories(dir.resolve("plain")); // another driver's directory: no .s_ctrl there
        Path without = write("plain/loop.c", BUGGY);
        Result none = run("simulate", without.toString());
        assertFalse(none.out().contains("lost wake-up on &opener->fh.wait"), none.out());
    }

    @Test
    void aBareWakeUpOfTheQueueChangesNoSubsystemHelper() throws Exception {
        // wake_up() of the same queue, after a write of the driver's own field: nothing queues an event,
        // so v4l2_event_pending() cannot change and the scenario is refused, with the reason.
        Path f = write("loop.c", BUGGY + ioctl("opener->events_queued = 1;\n\twake_up(&opener->fh.wait);"));
        Result r = run("simulate", f.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.out().contains("lost wake-up on &opener->fh.wait"), r.out());
        assertTrue(r.out().contains("a bare wake_up() changes no helper's result")
                || r.out().contains("no code in the scanned files makes `v4l2_event_pending()` change"), r.out());
    }

    /** A USB device whose poll reports a hang-up once disconnected; only disconnect writes the flag. */
    static final String STICKY = """
            #include <linux/fs.h>
            #include <linux/poll.h>
            #include <linux/usb.h>

            struct tower {
            	int disconnected;
            	int ready;
            	wait_queue_head_t read_wait;
            };

            static __poll_t tower_poll(struct file *file, poll_table *wait)
            {
            	struct tower *dev = file->private_data;

            	if (dev->disconnected)
            		return EPOLLERR | EPOLLHUP;
            	poll_wait(file, &dev->read_wait, wait);
            	return dev->ready ? EPOLLIN | EPOLLRDNORM : 0;
            }

            static ssize_t tower_read(struct file *file, char __user *buf, size_t n, loff_t *ppos)
            {
            	struct tower *dev = file->private_data;

            	dev->ready = 0;
            	return 0;
            }

            static void tower_irq_in(struct urb *urb)
            {
            	struct tower *dev = urb->context;

            	dev->ready = 1;
            	wake_up_interruptible(&dev->read_wait);
            }

            static void tower_disconnect(struct usb_interface *intf)
            {
            	struct tower *dev = usb_get_intfdata(intf);

            	dev->disconnected = 1;
            	wake_up_interruptible_all(&dev->read_wait);
            }

            static const struct file_operations tower_fops = {
            	.read = tower_read,
            	.poll = tower_poll,
            };

            static struct usb_driver tower_driver = {
            	.disconnect = tower_disconnect,
            };
            """;

    @Test
    void aStateThatNeverComesBackCannotBeDrainedByARePoll() throws Exception {
        // --any-state finds the epoll scenario: ADD reports ERR|HUP, a re-poll finds nothing, the
        // completion's wake is lost. But only disconnect writes the flag, and never back to 0: no
        // re-poll after the hang-up can find nothing to report, so the driver model refuses it.
        Path f = write("tower.c", STICKY);
        Result any = run("simulate", "--any-state", f.toString());
        assertEquals(1, any.code(), any.out() + any.err());
        Result r = run("simulate", f.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("no code in the scanned files makes `dev->disconnected` 0 (false, NULL) at runtime once "
                + "the method has reported it"), r.out());
    }

    @Test
    void aWakeOfAnotherQueueIsNotTheWakeUpTheSkipLoses() throws Exception {
        // The read queue is registered only when the caller asks for IN (PW001), but the interrupt
        // that makes data ready wakes the status queue, which nobody registered either: registering
        // the read queue would not have woken the caller, so no hang of the read queue is confirmed.
        // When the interrupt wakes the read queue, the same scenario is the lost wake-up.
        String driver = """
                #include <linux/fs.h>
                #include <linux/interrupt.h>
                #include <linux/platform_device.h>
                #include <linux/poll.h>

                struct twoq {
                	int ready;
                	wait_queue_head_t read_wait;
                	wait_queue_head_t status_wait;
                };

                static __poll_t twoq_poll(struct file *file, poll_table *wait)
                {
                	struct twoq *q = file->private_data;
                	__poll_t req = poll_requested_events(wait);

                	if (req & EPOLLIN)
                		poll_wait(file, &q->read_wait, wait);
                	return q->ready ? EPOLLIN : 0;
                }

                static irqreturn_t twoq_irq(int irq, void *data)
                {
                	struct twoq *q = data;

                	q->ready = 1;
                	wake_up_interruptible(&q->%s);
                	return IRQ_HANDLED;
                }

                static int twoq_probe(struct platform_device *pdev)
                {
                	return request_irq(0, twoq_irq, 0, "twoq", NULL);
                }

                static const struct file_operations twoq_fops = {
                	.poll = twoq_poll,
                };
                """;
        Path other = write("twoq.c", driver.formatted("status_wait"));
        Result r = run("simulate", other.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("wakes other queues than &q->read_wait, such as twoq_irq()"), r.out());
        Path own = write("twoq_own.c", driver.formatted("read_wait").replace("twoq", "twoq_own"));
        Result hang = run("simulate", own.toString());
        assertEquals(1, hang.code(), hang.out() + hang.err());
        assertTrue(hang.out().contains("twoq_own_irq()") && hang.out().contains("lost wake-up"), hang.out());
    }

    @Test
    void codeThatSetsTwoComparedMembersAlikeCannotMakeThemDiffer() throws Exception {
        // The poll reports IN when urgent != urgent_poll. The ioctl that arms the file also resets
        // both counters to 0: it makes them equal, so the change the final call needs is the
        // interrupt's urgent++, and the witness names the interrupt, not the ioctl.
        Path f = write("urgent.c", """
                #include <linux/fs.h>
                #include <linux/interrupt.h>
                #include <linux/platform_device.h>
                #include <linux/poll.h>

                struct uq {
                	int armed;
                	int urgent, urgent_poll;
                	wait_queue_head_t wait;
                };

                static __poll_t uq_poll(struct file *file, poll_table *pt)
                {
                	struct uq *q = file->private_data;

                	if (!q->armed)
                		return EPOLLERR;
                	poll_wait(file, &q->wait, pt);
                	if (q->urgent != q->urgent_poll) {
                		q->urgent_poll = q->urgent;
                		return EPOLLIN;
                	}
                	return 0;
                }

                static long uq_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
                {
                	struct uq *q = file->private_data;

                	q->armed = 1;
                	q->urgent = 0;
                	q->urgent_poll = 0;
                	wake_up(&q->wait);
                	return 0;
                }

                static irqreturn_t uq_irq(int irq, void *data)
                {
                	struct uq *q = data;

                	q->urgent++;
                	wake_up_interruptible(&q->wait);
                	return IRQ_HANDLED;
                }

                static int uq_probe(struct platform_device *pdev)
                {
                	return request_irq(0, uq_irq, 0, "uq", NULL);
                }

                static const struct file_operations uq_fops = {
                	.poll = uq_poll,
                	.unlocked_ioctl = uq_ioctl,
                };
                """);
        Result r = run("simulate", "--format", "json", f.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        java.util.List<JsonNode> wakers = new java.util.ArrayList<>();
        for (JsonNode w : new ObjectMapper().readTree(r.out()).get(0).path("witnesses")) {
            for (JsonNode step : w.path("witness").path("steps")) if (step.path("kind").asText().equals("waker")) wakers.add(step);
        }
        assertTrue(wakers.size() > 0, r.out());
        JsonNode last = wakers.get(wakers.size() - 1);
        assertEquals("uq_irq", last.path("function").asText(), r.out());
        for (JsonNode step : wakers) {
            assertFalse(step.path("function").asText().equals("uq_ioctl") && step.path("description").asText().contains("urgent !="),
                    r.out());
        }
    }

    @Test
    void aConstantErrorCodeNeverChangesBetweenCalls() throws Exception {
        // The method returns -EIO as its mask while the device has no info; -EIO is a macro the scan
        // cannot evaluate, but it is the same on every call, so no scenario may change it.
        Path f = write("errcode.c", """
                #include <linux/fs.h>
                #include <linux/poll.h>

                struct irqd {
                	void *info;
                	int event, seen;
                	wait_queue_head_t wait;
                };

                static __poll_t irqd_poll(struct file *file, poll_table *wait)
                {
                	struct irqd *idev = file->private_data;
                	__poll_t ret = 0;

                	if (!idev->info)
                		ret = -EIO;
                	if (ret)
                		return ret;
                	poll_wait(file, &idev->wait, wait);
                	return idev->event != idev->seen ? EPOLLIN : 0;
                }

                static irqreturn_t irqd_irq(int irq, void *data)
                {
                	struct irqd *idev = data;

                	idev->event++;
                	wake_up_interruptible(&idev->wait);
                	return IRQ_HANDLED;
                }

                static int irqd_probe(struct platform_device *pdev)
                {
                	return request_irq(0, irqd_irq, 0, "irqd", NULL);
                }

                static const struct file_operations irqd_fops = {
                	.poll = irqd_poll,
                };
                """);
        Result r = run("simulate", f.toString());
        assertFalse(r.out().contains("lost wake-up"), r.out());
        assertTrue(r.out().contains("`-EIO` (a constant)"), r.out());
    }

    @Test
    void driverModelLinesFromTheUserExtendTheBuiltInOnes() throws Exception {
        // A constructor built on the driver's own pool allocator: unknown to the built-in knowledge,
        // its writes are runtime changes (a warning); an "alloc" line makes them initial values.
        Path f = write("pool.c", """
                #include <linux/fs.h>
                #include <linux/poll.h>

                struct pctx {
                	void *dev;
                	int ready;
                	wait_queue_head_t wq;
                };

                static __poll_t pctx_poll(struct file *file, poll_table *wait)
                {
                	struct pctx *ctx = file->private_data;

                	if (!ctx->dev)
                		return EPOLLERR;
                	poll_wait(file, &ctx->wq, wait);
                	return ctx->ready ? EPOLLIN : 0;
                }

                struct pctx *pctx_create(void *dev)
                {
                	struct pctx *ctx = my_pool_alloc(sizeof(*ctx));

                	ctx->dev = dev;
                	return ctx;
                }

                static const struct file_operations pctx_fops = {
                	.poll = pctx_poll,
                };
                """);
        Result plain = run("explain-state", f + ":pctx_poll");
        assertEquals(0, plain.code(), plain.out() + plain.err());
        assertTrue(plain.out().contains("verdict: warning"), plain.out());
        Path extra = write("extra.txt", "# the driver's allocator\nalloc my_pool_alloc\n");
        Result more = run("explain-state", "--driver-model", extra.toString(), f + ":pctx_poll");
        assertEquals(0, more.code(), more.out() + more.err());
        assertTrue(more.out().contains("verdict: note") && more.out().contains("initial value of a new object from my_pool_alloc()"),
                more.out());
        Path bad = write("bad.txt", "alloc\n");
        Result refused = run("explain-state", "--driver-model", bad.toString(), f + ":pctx_poll");
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains(bad + ":1"), refused.err());
    }

    /** An ioctl of the loopback device whose body is {@code body}, registered in a v4l2 ops table. */
    private static String ioctl(String body) {
        return """

                static long vloop_queue_event(struct file *file, unsigned int cmd, unsigned long arg)
                {
                	struct v4l2_loopback_opener *opener = fh_to_opener(file->private_data);
                	struct v4l2_event ev = { .type = V4L2_EVENT_FRAME_SYNC };

                	%s
                	return 0;
                }

                static const struct v4l2_file_operations vloop_fops = {
                	.unlocked_ioctl = vloop_queue_event,
                };
                """.formatted(body);
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
        Result r = run("simulate", "--any-state", f.toString(), "--api", "epoll", "--events", "IN,PRI", "--format", "json");
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
