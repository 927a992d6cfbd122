package dev.pollcheck.sim;

import static dev.pollcheck.sim.Trees.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.rules.Api;
import dev.pollcheck.rules.Finding;
import dev.pollcheck.rules.Level;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scenario search and witnesses on hand-built poll methods (no parser, no rules). */
class SimulatorTest {

    private final Simulator sim = new Simulator(FunctionSource.NONE, HelperSemantics.NONE);

    private static Finding finding(TopLevel.Function fn, Expr.Call reg, String queue) {
        return new Finding("PW001", Level.ERROR, reg == null ? fn.nameSpan() : reg.span(), fn.name(), "test", queue,
                null, null, EnumSet.allOf(Api.class), fn, reg);
    }

    private static Expr.Call pw(Expr queue) {
        return call("poll_wait", n("file"), queue, n("wait"));
    }

    /**
     * The loopback shape, in this test's own words: the event queue is registered only when PRI is
     * requested and no event is pending; the frame queue only when no frame is ready and nothing was
     * found ready before.
     */
    static final class Loopback {
        final Expr.Call evReg = pw(addr(dot(arrow(n("op"), "fh"), "wait")));
        final Expr.Call frameReg = pw(addr(arrow(n("dev"), "frame_wq")));
        final TopLevel.Function fn;

        Loopback() {
            Expr pending = call("v4l2_event_pending", addr(arrow(n("op"), "fh")));
            Expr ready = call("frame_ready", n("dev"), n("op"));
            fn = pollFn("lb_poll",
                    decl("struct lb_opener *", "op", call("file_to_opener", n("file"))),
                    decl("struct lb_dev *", "dev", call("file_to_dev", n("file"))),
                    decl("__poll_t", "req", call("poll_requested_events", n("wait"))),
                    decl("__poll_t", "mask", i(0)),
                    iff(and(n("req"), n("POLLPRI")), block(
                            iff(not(pending), ex(evReg)),
                            iff(call("v4l2_event_pending", addr(arrow(n("op"), "fh"))), block(
                                    ex(orSet(n("mask"), n("POLLPRI"))),
                                    iff(not(and(n("req"), or(n("POLLIN"), n("POLLOUT")))), ret(n("mask"))))))),
                    sw(arrow(n("op"), "role"), block(
                            cse(n("ROLE_WRITER"), ex(orSet(n("mask"), or(n("POLLOUT"), n("POLLWRNORM"))))),
                            brk(),
                            cse(n("ROLE_READER"), iff(not(ready), block(
                                    iff(n("mask"), ret(n("mask"))),
                                    ex(frameReg)))),
                            iff(call("frame_ready", n("dev"), n("op")), ex(orSet(n("mask"), or(n("POLLIN"), n("POLLRDNORM"))))),
                            iff(call("v4l2_event_pending", addr(arrow(n("op"), "fh"))), ex(orSet(n("mask"), n("POLLPRI")))),
                            brk(),
                            dflt(brk()))),
                    ret(n("mask")));
        }
    }

    /** The fixed form: both queues registered first, unconditionally. */
    static TopLevel.Function fixedLoopback() {
        return pollFn("lb_poll_fixed",
                decl("struct lb_opener *", "op", call("file_to_opener", n("file"))),
                decl("struct lb_dev *", "dev", call("file_to_dev", n("file"))),
                decl("__poll_t", "req", call("poll_requested_events", n("wait"))),
                decl("__poll_t", "mask", i(0)),
                ex(pw(addr(dot(arrow(n("op"), "fh"), "wait")))),
                ex(pw(addr(arrow(n("dev"), "frame_wq")))),
                iff(and(and(n("req"), n("POLLPRI")), call("v4l2_event_pending", addr(arrow(n("op"), "fh")))),
                        ex(orSet(n("mask"), n("POLLPRI")))),
                iff(bin(Expr.BinaryOp.EQ, arrow(n("op"), "role"), n("ROLE_WRITER")),
                        ex(orSet(n("mask"), or(n("POLLOUT"), n("POLLWRNORM"))))),
                iff(call("frame_ready", n("dev"), n("op")), ex(orSet(n("mask"), or(n("POLLIN"), n("POLLRDNORM"))))),
                ret(n("mask")));
    }

    @Test
    void loopbackEventQueueHasEpollAddThenModWitness() {
        Loopback lb = new Loopback();
        Verdict v = sim.confirm(finding(lb.fn, lb.evReg, "&op->fh.wait"));
        assertTrue(v.confirmed(), v.reason());
        Witness w = v.witness();
        assertEquals("epoll", w.api());
        Witness.Step add = w.steps().get(0);
        assertTrue(add.description().startsWith("epoll_ctl(EPOLL_CTL_ADD"), add.description());
        assertEquals(0, add.key() & PollBits.PRI, "ADD must not request PRI");
        assertTrue(add.qprocSet());
        assertFalse(add.registered().contains("&op->fh.wait"));
        Witness.Step mod = w.steps().get(1);
        assertTrue(mod.description().startsWith("epoll_ctl(EPOLL_CTL_MOD"), mod.description());
        assertTrue((mod.key() & PollBits.PRI) != 0, "MOD must request PRI");
        assertFalse(mod.qprocSet());
        assertTrue(w.steps().stream().anyMatch(s -> s.kind() == Witness.Kind.WAKER
                && s.description().contains("wake_up(&op->fh.wait)")), w.toTimeline());
        Witness.Step probe = w.steps().get(w.steps().size() - 1);
        assertEquals(Witness.Kind.FINAL, probe.kind());
        assertTrue((probe.mask() & PollBits.PRI) != 0, w.toTimeline());
        assertTrue(probe.description().contains("epoll_wait() stays blocked"), probe.description());
        // Every step is one of the four kinds, in the order call+ sleep waker final.
        List<Witness.Kind> kinds = w.steps().stream().map(Witness.Step::kind).toList();
        assertEquals(List.of(Witness.Kind.SLEEP, Witness.Kind.WAKER, Witness.Kind.FINAL),
                kinds.subList(kinds.size() - 3, kinds.size()), w.toTimeline());
        assertTrue(kinds.subList(0, kinds.size() - 3).stream().allMatch(k -> k == Witness.Kind.CALL), w.toTimeline());
        assertTrue(w.toTimeline().contains("1. epoll_ctl(EPOLL_CTL_ADD"), w.toTimeline());
    }

    @Test
    void loopbackFrameQueueHasWitness() {
        Loopback lb = new Loopback();
        Verdict v = sim.confirm(finding(lb.fn, lb.frameReg, "&dev->frame_wq"));
        assertTrue(v.confirmed(), v.reason());
        Witness w = v.witness();
        assertTrue(w.steps().stream().anyMatch(s -> s.kind() == Witness.Kind.WAKER
                && s.description().contains("wake_up(&dev->frame_wq)")), w.toTimeline());
        assertFalse(w.steps().get(0).registered().contains("&dev->frame_wq"));
        Witness.Step probe = w.steps().get(w.steps().size() - 1);
        assertTrue((probe.mask() & PollBits.IN) != 0, w.toTimeline());
    }

    @Test
    void loopbackFixedFormHasNoWitnessAnywhere() {
        SimulationReport r = sim.simulate(fixedLoopback(), null, null);
        assertFalse(r.hangFound(), r.toText());
        assertTrue(r.exhaustive(), r.toText());
        assertTrue(r.toText().contains("no hang found"));
    }

    @Test
    void loopbackSimulateFindsBothQueues() {
        SimulationReport r = sim.simulate(new Loopback().fn, null, null);
        Set<String> queues = new java.util.TreeSet<>();
        for (SimulationReport.Entry e : r.witnesses()) queues.add(e.queue());
        assertEquals(Set.of("&dev->frame_wq", "&op->fh.wait"), queues, r.toText());
    }

    @Test
    void guardedOnlyByTableIsNeverConfirmed() {
        Expr.Call reg = pw(addr(arrow(n("dev"), "wq")));
        TopLevel.Function fn = pollFn("g",
                iff(n("wait"), ex(reg)),
                iff(call("has_data", n("dev")), ret(n("POLLIN"))),
                ret(i(0)));
        Verdict v = sim.confirm(finding(fn, reg, "&dev->wq"));
        assertFalse(v.confirmed(), () -> v.witness().toTimeline());
        assertNotNull(v.reason());
        assertFalse(sim.simulate(fn, null, null).hangFound());
    }

    @Test
    void guardedOnlyByPollDoesNotWaitIsNeverConfirmed() {
        Expr.Call reg = pw(addr(arrow(n("dev"), "wq")));
        TopLevel.Function fn = pollFn("g",
                iff(not(call("poll_does_not_wait", n("wait"))), ex(reg)),
                iff(call("has_data", n("dev")), ret(n("POLLIN"))),
                ret(i(0)));
        Verdict v = sim.confirm(finding(fn, reg, "&dev->wq"));
        assertFalse(v.confirmed(), () -> v.witness().toTimeline());
        assertFalse(sim.simulate(fn, null, null).hangFound());
    }

    @Test
    void requestedEventsGuardIsConfirmedOnEveryApi() {
        // if (poll_requested_events(wait) & POLLIN) poll_wait(&dev->rq); if (has_data) mask |= IN;
        Expr.Call reg = pw(addr(arrow(n("dev"), "rq")));
        TopLevel.Function fn = pollFn("g",
                decl("__poll_t", "mask", i(0)),
                iff(and(call("poll_requested_events", n("wait")), n("POLLIN")), ex(reg)),
                iff(call("has_data", n("dev")), ex(orSet(n("mask"), n("POLLIN")))),
                iff(call("has_room", n("dev")), ex(orSet(n("mask"), n("POLLOUT")))),
                ret(n("mask")));
        SimulationReport r = sim.simulate(fn, null, null);
        assertTrue(r.hangFound(), r.toText());
        // poll(events=OUT) skips rq; the method can then report OUT only, which the (unwoken) caller asked for.
        for (Api api : List.of(Api.POLL, Api.EPOLL, Api.SELECT)) {
            assertTrue(r.witnesses().stream().anyMatch(e -> e.api() == api), api + "\n" + r.toText());
        }
        Verdict v = new Simulator(FunctionSource.NONE, HelperSemantics.NONE).confirm(new Finding("PW001", Level.ERROR,
                reg.span(), "g", "m", "&dev->rq", null, null, EnumSet.of(Api.EPOLL), fn, reg));
        assertTrue(v.confirmed());
        assertEquals("epoll", v.witness().api());
    }

    @Test
    void stateGuardWithReadyReturnIsSafeForPollButNotEpoll() {
        // if (!has_data(dev)) poll_wait(&dev->rq); else return POLLIN;  -- poll() returns at once when it skips
        Expr.Call reg = pw(addr(arrow(n("dev"), "rq")));
        TopLevel.Function fn = pollFn("g",
                iff(not(call("has_data", n("dev"))), ex(reg), ret(n("POLLIN"))),
                ret(i(0)));
        SimulationReport poll = sim.simulate(fn, EnumSet.of(Api.POLL, Api.SELECT), null);
        assertFalse(poll.hangFound(), poll.toText());
        SimulationReport ep = sim.simulate(fn, EnumSet.of(Api.EPOLL), null);
        assertTrue(ep.hangFound(), ep.toText());
        List<Witness.Step> steps = ep.witnesses().get(0).witness().steps();
        assertTrue(steps.stream().anyMatch(s -> s.description().startsWith("epoll_wait() re-polls and returns IN")),
                ep.witnesses().get(0).witness().toTimeline());
    }

    @Test
    void registersNothingButReportsIsConfirmedWithoutQueue() {
        TopLevel.Function fn = pollFn("g", iff(call("has_data", n("dev")), ret(n("POLLIN"))), ret(i(0)));
        Verdict v = sim.confirm(new Finding("PW003", Level.ERROR, fn.nameSpan(), "g", "m", null, null, null,
                EnumSet.of(Api.POLL), fn, null));
        assertTrue(v.confirmed(), v.reason());
        assertEquals("poll", v.witness().api());
    }

    @Test
    void unconditionalRegistrationIsNotConfirmed() {
        Expr.Call reg = pw(addr(arrow(n("dev"), "rq")));
        TopLevel.Function fn = pollFn("g", ex(reg), iff(call("has_data", n("dev")), ret(n("POLLIN"))), ret(i(0)));
        Verdict v = sim.confirm(finding(fn, reg, "&dev->rq"));
        assertFalse(v.confirmed());
        assertTrue(v.reason().startsWith("every first call in the search registers &dev->rq"), v.reason());
    }

    @Test
    void skippedButNeverBlockedGivesTheReason() {
        // if (!has_data(dev)) poll_wait(&dev->rq); else return POLLIN;  -- safe for poll: it returns at once
        Expr.Call reg = pw(addr(arrow(n("dev"), "rq")));
        TopLevel.Function fn = pollFn("g", iff(not(call("has_data", n("dev"))), ex(reg), ret(n("POLLIN"))), ret(i(0)));
        Verdict v = sim.confirm(new Finding("PW002", Level.WARNING, reg.span(), "g", "m", "&dev->rq", null, null,
                EnumSet.of(Api.POLL), fn, reg));
        assertFalse(v.confirmed());
        assertTrue(v.reason().startsWith("no lost wake-up on &dev->rq: a first call that skips it"), v.reason());
    }

    @Test
    void pollTableForwardedThroughAFunctionPointerIsAnUnnamedQueue() {
        // if (dev->ops->poll) return dev->ops->poll(file, wait); return DEFAULT_POLLMASK;
        Expr.Call fwd = new Expr.Call(sp(), arrow(arrow(n("dev"), "ops"), "poll"), List.of(n("file"), n("wait")));
        TopLevel.Function fn = pollFn("g", iff(arrow(arrow(n("dev"), "ops"), "poll_enabled"), ret(fwd)),
                ret(n("DEFAULT_POLLMASK")));
        Verdict v = sim.confirm(new Finding("PW002", Level.WARNING, fwd.span(), "g", "m", "unknown", null, null,
                EnumSet.allOf(Api.class), fn, fwd));
        assertTrue(v.confirmed(), v.reason());
        assertTrue(v.witness().toTimeline().contains("wake_up(<queues of dev->ops->poll(file, wait)>)"),
                v.witness().toTimeline());
    }

    @Test
    void primitiveModelWinsOverADefinition() {
        // The tree defines sock_poll_wait without registering anything; the primitive model registers.
        TopLevel.Function def = fn("sock_poll_wait", List.of(param("struct file *", "f"), param("struct socket *", "s"),
                param("poll_table *", "p")), ret(i(0)));
        HelperSemantics models = name -> name.equals("sock_poll_wait")
                ? new HelperSemantics.Helper(name, 3, List.of("&$2->wq.wait"), HelperSemantics.Returns.NONE, true) : null;
        TopLevel.Function poll = pollFn("g", ex(call("sock_poll_wait", n("file"), n("sock"), n("wait"))), ret(i(0)));
        Interpreter in = new Interpreter(InterpreterTest.source(java.util.Map.of("sock_poll_wait", def), java.util.Map.of()),
                models, Interpreter.Bounds.DEFAULT);
        Interpreter.Outcome o = in.run(poll, Explorer.table(PollBits.IN, true), new WaitQueues(), new Chooser(List.of(), 8));
        assertEquals(Set.of("&sock->wq.wait"), o.queues());
    }

    @Test
    void readyFirstCallThatRegisteredAnotherQueueIsDeliveredThenDrained() {
        // poll_wait(&dev->rq); if (!pending) poll_wait(&dev->eq); if (pending) mask |= PRI; if (data) mask |= IN;
        Expr.Call eq = pw(addr(arrow(n("dev"), "eq")));
        TopLevel.Function fn = pollFn("g",
                decl("__poll_t", "mask", i(0)),
                ex(pw(addr(arrow(n("dev"), "rq")))),
                iff(not(call("pending", n("dev"))), ex(eq)),
                iff(call("pending", n("dev")), ex(orSet(n("mask"), n("POLLPRI")))),
                iff(call("data", n("dev")), ex(orSet(n("mask"), n("POLLIN")))),
                ret(n("mask")));
        Verdict v = sim.confirm(new Finding("PW002", Level.WARNING, eq.span(), "g", "m", "&dev->eq", null, null,
                EnumSet.of(Api.EPOLL), fn, eq));
        assertTrue(v.confirmed(), v.reason());
        String t = v.witness().toTimeline();
        assertTrue(t.contains("registered: &dev->rq"), t);
        assertTrue(t.contains("epoll_wait() re-polls and returns PRI"), t);
        assertTrue(t.contains("wake_up(&dev->eq): no waiter"), t);
    }

    /**
     * if (!ready(dev)) { seven independent tests; return 0; } poll_wait(&dev->wq); return POLLIN;
     * Depth-first, the 128 paths under !ready come before any path that registers.
     */
    private static Finding registrationAfterManyPaths() {
        dev.pollcheck.model.Stmt[] tests = new dev.pollcheck.model.Stmt[8];
        for (int k = 0; k < 7; k++) tests[k] = iff(call("flag" + k, n("dev")), ex(call("touch", n("dev"))));
        tests[7] = ret(i(0));
        Expr.Call reg = pw(addr(arrow(n("dev"), "wq")));
        TopLevel.Function fn = pollFn("g",
                iff(not(call("ready", n("dev"))), block(tests)),
                ex(reg),
                ret(n("POLLIN")));
        return new Finding("PW002", Level.WARNING, reg.span(), "g", "m", "&dev->wq", null, null,
                EnumSet.of(Api.EPOLL), fn, reg);
    }

    @Test
    void registrationBeyondTheBoundsIsReachedByTheWiderSecondTry() {
        Simulator narrow = new Simulator(FunctionSource.NONE, HelperSemantics.NONE,
                new Simulator.Bounds(5_000, 2, 32, 3, 32, 48, 600, 200_000));
        Verdict v = narrow.confirm(registrationAfterManyPaths());
        assertTrue(v.confirmed(), v.reason());
    }

    @Test
    void aSearchStopsAtItsStepBudgetAndSaysSo() {
        // A budget too small to reach the registration, even with the wider second try.
        Verdict v = new Simulator(FunctionSource.NONE, HelperSemantics.NONE,
                new Simulator.Bounds(5_000, 2, 32, 3, 32, 48, 600, 300)).confirm(registrationAfterManyPaths());
        assertFalse(v.confirmed());
        assertTrue(v.reason().contains("step budget"), v.reason());
    }

    @Test
    void queueNamesKeepCallParentheses() {
        assertEquals("sk_sleep(sk)", Interpreter.canonicalQueue("sk_sleep(sk)"));
        assertEquals("&x.wq", Interpreter.canonicalQueue("&(&x)->wq"));
        assertEquals("&dev->wq", Interpreter.canonicalQueue("&(dev)->wq"));
    }

    @Test
    void eventsOptionRestrictsFinalRequestedEvents() {
        Expr.Call reg = pw(addr(arrow(n("dev"), "rq")));
        TopLevel.Function fn = pollFn("g",
                decl("__poll_t", "mask", i(0)),
                iff(and(call("poll_requested_events", n("wait")), n("POLLIN")), ex(reg)),
                iff(call("has_data", n("dev")), ex(orSet(n("mask"), n("POLLIN")))),
                ret(n("mask")));
        // Asking for IN on poll: rq is registered, nothing lost.
        assertFalse(sim.simulate(fn, EnumSet.of(Api.POLL), PollBits.IN).hangFound());
        // Ending with IN on epoll after an ADD without IN: lost.
        SimulationReport r = sim.simulate(fn, EnumSet.of(Api.EPOLL), PollBits.IN);
        assertTrue(r.hangFound(), r.toText());
    }

    @Test
    void deterministic() {
        Loopback lb = new Loopback();
        String a = sim.simulate(lb.fn, null, null).toText();
        String b = new Simulator(FunctionSource.NONE, HelperSemantics.NONE).simulate(lb.fn, null, null).toText();
        assertEquals(a, b);
    }

}
