package dev.pollcheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.rules.Api;
import dev.pollcheck.rules.Finding;
import dev.pollcheck.rules.Level;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The simulator on C parsed by the real parser. */
class ParsedSimulatorTest {

    /** The loopback shape, written for this test: an event queue and a frame queue, both conditional. */
    static final String LOOPBACK = """
            #define LB_ROLE_WRITER 0
            #define LB_ROLE_READER 1
            #define LB_WANTS_IO (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

            struct lb_opener { struct v4l2_fh fh; int role; long seen; };
            struct lb_dev { wait_queue_head_t frame_wq; long produced; int stalled; };

            static int lb_frame_ready(struct lb_dev *dev, struct lb_opener *op)
            {
                    int ready;

                    spin_lock_bh(&dev->lock);
                    ready = dev->produced > op->seen || dev->stalled;
                    spin_unlock_bh(&dev->lock);
                    return ready;
            }

            static __poll_t lb_poll(struct file *file, struct poll_table_struct *pt)
            {
                    struct lb_opener *op = container_of(file->private_data, struct lb_opener, fh);
                    struct lb_dev *dev = video_drvdata(file);
                    __poll_t want = poll_requested_events(pt);
                    __poll_t res = 0;

                    if (want & POLLPRI) {
                            if (!v4l2_event_pending(&op->fh))
                                    poll_wait(file, &op->fh.wait, pt);
                            if (v4l2_event_pending(&op->fh)) {
                                    res |= POLLPRI;
                                    if (!(want & LB_WANTS_IO))
                                            return res;
                            }
                    }

                    switch (op->role) {
                    case LB_ROLE_WRITER:
                            res |= POLLOUT | POLLWRNORM;
                            break;
                    case LB_ROLE_READER:
                            if (!lb_frame_ready(dev, op)) {
                                    if (res)
                                            return res;
                                    poll_wait(file, &dev->frame_wq, pt);
                            }
                            if (lb_frame_ready(dev, op))
                                    res |= POLLIN | POLLRDNORM;
                            if (v4l2_event_pending(&op->fh))
                                    res |= POLLPRI;
                            break;
                    default:
                            break;
                    }
                    return res;
            }

            static __poll_t lb_poll_fixed(struct file *file, struct poll_table_struct *pt)
            {
                    struct lb_opener *op = container_of(file->private_data, struct lb_opener, fh);
                    struct lb_dev *dev = video_drvdata(file);
                    __poll_t want = poll_requested_events(pt);
                    __poll_t res = 0;

                    poll_wait(file, &op->fh.wait, pt);
                    poll_wait(file, &dev->frame_wq, pt);

                    if ((want & POLLPRI) && v4l2_event_pending(&op->fh))
                            res |= POLLPRI;
                    switch (op->role) {
                    case LB_ROLE_WRITER:
                            res |= POLLOUT | POLLWRNORM;
                            break;
                    case LB_ROLE_READER:
                            if (lb_frame_ready(dev, op))
                                    res |= POLLIN | POLLRDNORM;
                            break;
                    }
                    return res;
            }

            static __poll_t guarded_by_table(struct file *file, poll_table *wait)
            {
                    struct foo *foo = file->private_data;

                    if (wait)
                            poll_wait(file, &foo->wq, wait);
                    return foo->ready ? EPOLLIN | EPOLLRDNORM : 0;
            }

            static __poll_t guarded_by_does_not_wait(struct file *file, poll_table *wait)
            {
                    struct foo *foo = file->private_data;

                    if (!poll_does_not_wait(wait))
                            poll_wait(file, &foo->wq, wait);
                    return foo->ready ? EPOLLIN | EPOLLRDNORM : 0;
            }

            static __poll_t forward_local(struct file *file, poll_table *wait)
            {
                    struct foo *foo = file->private_data;
                    __poll_t (*poll)(struct file *, poll_table *) = foo->ops->poll;

                    if (poll)
                            return poll(file, wait);
                    return DEFAULT_POLLMASK;
            }

            static __poll_t named_like_its_type(struct file *file, poll_table *poll_table)
            {
                    struct foo *foo = file->private_data;

                    if (foo->want_full)
                            poll_wait(file, &foo->full_wq, poll_table);
                    else
                            poll_wait(file, &foo->wq, poll_table);
                    return foo->count ? EPOLLIN : 0;
            }

            static __poll_t early_out(struct file *file, poll_table *wait)
            {
                    struct foo *foo = file->private_data;
                    __poll_t mask = 0;

                    mutex_lock(&foo->lock);
                    if (foo->count)
                            goto out;
                    poll_wait(file, &foo->wq, wait);
                    if (foo->count)
                            mask = EPOLLIN;
            out:
                    mutex_unlock(&foo->lock);
                    return foo->count ? EPOLLIN : mask;
            }
            """;

    private final Parsed parsed = new Parsed("lb.c", LOOPBACK);
    private final Simulator sim = new Simulator(parsed, HelperSemantics.NONE);

    private Finding finding(String fn, String queue) {
        TopLevel.Function f = parsed.fn(fn);
        Expr.Call reg = null;
        for (Expr.Call c : Ast.calls(f.body())) {
            if ("poll_wait".equals(c.name()) && c.args().size() == 3 && queue.equals(ExprText.of(c.args().get(1)))) {
                reg = c;
            }
        }
        assertTrue(reg != null, "no poll_wait on " + queue);
        return new Finding("PW001", Level.ERROR, reg.span(), fn, "m", queue, null, null, EnumSet.allOf(Api.class), f, reg);
    }

    @Test
    void eventQueueConfirmedByEpollAddThenModToPri() {
        Verdict v = sim.confirm(finding("lb_poll", "&op->fh.wait"));
        assertTrue(v.confirmed(), v.reason());
        Witness w = v.witness();
        assertEquals("epoll", w.api());
        assertTrue(w.steps().get(0).description().contains("EPOLL_CTL_ADD"));
        assertEquals(0, w.steps().get(0).key() & PollBits.PRI);
        assertTrue(w.steps().get(1).description().contains("EPOLL_CTL_MOD"));
        assertTrue((w.steps().get(1).key() & PollBits.PRI) != 0);
        assertTrue(w.toTimeline().contains("wake_up(&op->fh.wait): no waiter"), w.toTimeline());
        assertTrue(w.toTimeline().contains("v4l2_event_pending(&op->fh) != 0"), w.toTimeline());
        assertTrue(w.toTimeline().contains("epoll_wait() stays blocked although PRI is ready"), w.toTimeline());
    }

    @Test
    void frameQueueConfirmed() {
        Verdict v = sim.confirm(finding("lb_poll", "&dev->frame_wq"));
        assertTrue(v.confirmed(), v.reason());
        String t = v.witness().toTimeline();
        assertTrue(t.contains("wake_up(&dev->frame_wq): no waiter"), t);
        // The state change is the frame arriving: the helper was interpreted with the caller's names.
        assertTrue(t.contains("the device state changes: dev->produced > op->seen")
                || t.contains("the device state changes: dev->stalled"), t);
    }

    @Test
    void fixedFormHasNoHang() {
        SimulationReport r = sim.simulate(parsed.fn("lb_poll_fixed"), null, null);
        assertFalse(r.hangFound(), r.toText());
        assertTrue(r.exhaustive(), r.toText());
    }

    @Test
    void simulateFindsBothQueuesOfTheBuggyForm() {
        SimulationReport r = sim.simulate(parsed.fn("lb_poll"), null, null);
        Set<String> queues = new TreeSet<>();
        for (SimulationReport.Entry e : r.witnesses()) queues.add(e.queue());
        assertEquals(Set.of("&dev->frame_wq", "&op->fh.wait"), queues, r.toText());
    }

    @Test
    void tableGuardsAreNeverConfirmed() {
        for (String fn : List.of("guarded_by_table", "guarded_by_does_not_wait")) {
            Verdict v = sim.confirm(finding(fn, "&foo->wq"));
            assertFalse(v.confirmed(), fn);
            SimulationReport r = sim.simulate(parsed.fn(fn), null, null);
            assertFalse(r.hangFound(), r.toText());
            assertTrue(r.exhaustive(), r.toText());
        }
    }

    @Test
    void pollTableForwardedThroughALocalFunctionPointerRegistersAnUnnamedQueue() {
        TopLevel.Function fn = parsed.fn("forward_local");
        Interpreter in = new Interpreter(parsed, HelperSemantics.NONE, Interpreter.Bounds.DEFAULT);
        Explorer.Exploration e = new Explorer(in, fn, 16, 1000).explore(PollBits.IN, true);
        Set<String> queues = new TreeSet<>();
        for (Interpreter.Outcome o : e.paths()) queues.addAll(o.queues());
        assertEquals(Set.of("<queues of poll(file, wait)>"), queues);
    }

    @Test
    void tableParameterNamedLikeItsTypeStillRegisters() {
        Interpreter in = new Interpreter(parsed, HelperSemantics.NONE, Interpreter.Bounds.DEFAULT);
        Explorer.Exploration e = new Explorer(in, parsed.fn("named_like_its_type"), 16, 1000).explore(PollBits.IN, true);
        Set<String> queues = new TreeSet<>();
        for (Interpreter.Outcome o : e.paths()) queues.addAll(o.queues());
        assertEquals(Set.of("&foo->full_wq", "&foo->wq"), queues);
    }

    @Test
    void gotoOverTheRegistrationLosesTheWakeUpOnEpollOnly() {
        SimulationReport poll = sim.simulate(parsed.fn("early_out"), EnumSet.of(Api.POLL, Api.SELECT), null);
        assertFalse(poll.hangFound(), poll.toText());
        SimulationReport ep = sim.simulate(parsed.fn("early_out"), EnumSet.of(Api.EPOLL), null);
        assertTrue(ep.hangFound(), ep.toText());
    }
}
