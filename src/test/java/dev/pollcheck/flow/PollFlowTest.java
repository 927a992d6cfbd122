package dev.pollcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.TopLevel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PollFlowTest {

    private static final String CODE = """
            static void always_wait(struct file *f, struct dev *d, poll_table *pt)
            {
            	poll_wait(f, &d->wq, pt);
            }
            static void state_wait(struct file *f, struct dev *d, poll_table *pt)
            {
            	if (d->ready)
            		poll_wait(f, &d->wq, pt);
            }
            static __poll_t events_mask(struct dev *d, poll_table *pt)
            {
            	__poll_t req = poll_requested_events(pt);

            	if (req & EPOLLPRI)
            		return d->pri ? EPOLLPRI : 0;
            	return 0;
            }
            static void ping(struct file *f, struct dev *d, poll_table *pt, int n);
            static void pong(struct file *f, struct dev *d, poll_table *pt, int n)
            {
            	if (n)
            		ping(f, d, pt, n - 1);
            }
            static void ping(struct file *f, struct dev *d, poll_table *pt, int n)
            {
            	pong(f, d, pt, n);
            	poll_wait(f, &d->other, pt);
            }
            static __poll_t top(struct file *f, poll_table *wait)
            {
            	struct dev *d = f->private_data;
            	poll_table *alias = wait;

            	always_wait(f, d, alias);
            	state_wait(f, d, wait);
            	ping(f, d, wait, 3);
            	vb2_poll(&d->q, f, wait);
            	unknown_helper(d, wait);
            	dev_dbg(d->dev, "poll %p\\n", wait);
            	return events_mask(d, wait);
            }
            """;

    private static TopLevel.Function fn(Program p, String name) {
        return p.function(name, "t.c");
    }

    @Test
    void summariesFollowThePollTableThroughHelpers() {
        Program p = Program.of(List.of(TestPipeline.parse("t.c", CODE)));
        PollFlow flow = new PollFlow(p, HelperModels.builtin());
        assertEquals(Summary.Registers.ALWAYS, flow.summary(fn(p, "always_wait"), 2).registers());
        assertEquals(Summary.Registers.STATE_DEPENDENT, flow.summary(fn(p, "state_wait"), 2).registers());
        Summary ev = flow.summary(fn(p, "events_mask"), 1);
        assertEquals(Summary.Registers.NEVER, ev.registers());
        assertTrue(ev.readsEvents());
        assertTrue(ev.returnsEvents());
        assertEquals(Set.of("EPOLLPRI"), ev.eventBits());

        Summary top = flow.summary(fn(p, "top"), 1);
        List<String> callees = top.registrations().stream().map(Registration::callee).toList();
        assertEquals(List.of("always_wait", "state_wait", "ping", "vb2_poll", "unknown_helper"), callees);
        assertEquals(Registration.Via.TREE, top.registrations().get(0).via());
        assertEquals(List.of("&d->wq"), top.registrations().get(0).queues());
        assertEquals(Registration.Via.MODEL, top.registrations().get(3).via());
        assertEquals(List.of("&d->q.done_wq", "&fh->wait"), top.registrations().get(3).queues());
        assertEquals(Registration.Via.UNKNOWN, top.registrations().get(4).via());
        assertEquals(Summary.Registers.STATE_DEPENDENT, top.registers());
        assertTrue(top.returnsEvents(), "the helper's result depends on the events");
        assertTrue(top.flow().ptAliases().containsAll(Set.of("wait", "alias")));
    }

    @Test
    void summariesAreMemoized() {
        Program p = Program.of(List.of(TestPipeline.parse("t.c", CODE)));
        PollFlow flow = new PollFlow(p, HelperModels.builtin());
        assertTrue(flow.summary(fn(p, "ping"), 2) == flow.summary(fn(p, "ping"), 2));
    }
}
