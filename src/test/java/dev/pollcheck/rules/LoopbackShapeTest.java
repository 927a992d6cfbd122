package dev.pollcheck.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.flow.Program;
import dev.pollcheck.flow.TestPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The v4l2loopback 0.12.7 shape and its fix, down to the condition each finding names. */
class LoopbackShapeTest {

    private static List<Finding> run(String display, String code) {
        return Analyzer.analyze(Program.of(List.of(TestPipeline.parse(display, code))), AnalysisConfig.defaults());
    }

    @Test
    void bothRegistrationsAreEventDependentWithTheRightConditions() throws Exception {
        String code = Files.readString(Path.of("testdata/pw001/loopback_pri_and_read.c"));
        List<Finding> f = run("loop.c", code);
        assertEquals(2, f.size(), f.toString());
        Finding pri = f.get(0);
        assertEquals("&h->fh.wait", pri.queue());
        assertEquals("want & POLLPRI", pri.conditionText());
        assertEquals(Level.ERROR, pri.level());
        Finding read = f.get(1);
        assertEquals("&dev->frame_event", read.queue());
        // Implicit flow: ret is set only when POLLPRI was requested, then tested by `if (ret) return ret;`.
        assertEquals("ret", read.conditionText());
        assertEquals(read.location().line() - 2, read.condition().line());
        assertTrue(read.apis().contains(Api.EPOLL));
    }

    @Test
    void theUpstreamFixIsClean() throws Exception {
        assertEquals(List.of(), run("fixed.c", Files.readString(Path.of("testdata/clean/loopback_fixed.c"))));
    }

    @Test
    void anEarlyReturnOnTheEventsIsTheConditionNotTheStateTestedAfterIt() {
        List<Finding> f = run("h.c", """
                static __poll_t h_poll(struct file *filp, poll_table *wait)
                {
                	__poll_t req_events = poll_requested_events(wait);
                	struct hbuf *buf = NULL;
                	struct hdev *dev = video_drvdata(filp);
                	__poll_t mask = 0;

                	if (!(req_events & (EPOLLIN | EPOLLRDNORM)))
                		return mask;
                	buf = h_next_buffer(dev);
                	if (!buf || buf->status != 1)
                		poll_wait(filp, &dev->wait_data, wait);
                	return mask;
                }
                static const struct file_operations h_fops = { .poll = h_poll };
                """);
        assertEquals(1, f.size(), f.toString());
        assertEquals("PW001", f.get(0).ruleId());
        assertEquals("!(req_events & (EPOLLIN | EPOLLRDNORM))", f.get(0).conditionText());
    }
}
