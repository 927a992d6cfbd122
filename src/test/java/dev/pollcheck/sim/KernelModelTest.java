package dev.pollcheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/** The kernel facts of the model, one by one, with hand-written poll methods (no interpreter, no rules). */
class KernelModelTest {

    /** A fake driver: records every call's key and {@code _qproc}, registers on {@code queues}, returns {@code mask}. */
    static final class FakeFile implements PollFile {
        final List<Long> keys = new ArrayList<>();
        final List<Boolean> qprocs = new ArrayList<>();
        final List<WaitQueue> queues;
        ToLongFunction<PollTable> mask;

        FakeFile(ToLongFunction<PollTable> mask, WaitQueue... queues) {
            this.mask = mask;
            this.queues = List.of(queues);
        }

        @Override
        public long poll(PollTable pt) {
            keys.add(pt.key);
            qprocs.add(pt.qprocSet());
            for (WaitQueue q : queues) {
                PollTable.pollWait(pt, q);
            }
            return mask.applyAsLong(pt);
        }
    }

    // ---- poll_table helpers (include/linux/poll.h)

    @Test
    void pollWaitRegistersOnlyWithTableQprocAndQueue() {
        WaitQueue q = new WaitQueue("&dev->wq");
        List<WaitQueue> seen = new ArrayList<>();
        PollTable pt = PollTable.init((p, wq) -> seen.add(wq));
        PollTable.pollWait(pt, q);
        assertEquals(List.of(q), seen);
        PollTable.pollWait(pt, null);
        PollTable.pollWait(null, q);
        assertEquals(1, seen.size());
        pt.qproc = null;
        PollTable.pollWait(pt, q);
        assertEquals(1, seen.size());
    }

    @Test
    void initPollFuncptrSetsAllEventsKey() {
        assertEquals(0xFFFFFFFFL, PollTable.init(null).key);
    }

    @Test
    void requestedEventsIsKeyOrAllOnes() {
        PollTable pt = PollTable.init(null);
        pt.key = PollBits.IN | PollBits.ERR;
        assertEquals(PollBits.IN | PollBits.ERR, PollTable.requestedEvents(pt));
        assertEquals(0xFFFFFFFFL, PollTable.requestedEvents(null));
    }

    @Test
    void doesNotWaitWhenTableOrQprocIsNull() {
        assertTrue(PollTable.doesNotWait(null));
        assertTrue(PollTable.doesNotWait(PollTable.init(null)));
        assertFalse(PollTable.doesNotWait(PollTable.init((p, q) -> { })));
    }

    @Test
    void constantsHaveKernelValues() {
        assertEquals(0x1L, PollBits.value("EPOLLIN"));
        assertEquals(0x2L, PollBits.value("POLLPRI"));
        assertEquals(0x2000L, PollBits.value("EPOLLRDHUP"));
        assertEquals(1L << 31, PollBits.value("EPOLLET"));
        assertEquals(0x145L, PollBits.value("DEFAULT_POLLMASK"));
        assertEquals(0xFFL - 0x2 - 0x4, PollBits.value("POLLIN_SET"));
        assertEquals(0x32CL, PollBits.value("POLLOUT_SET"));
        assertEquals(0x22L, PollBits.value("POLLEX_SET"));
        assertEquals("IN|PRI|RDNORM", PollBits.describe(0x43));
        assertEquals(PollBits.IN | PollBits.PRI, PollBits.parse("IN,pri"));
    }

    @Test
    void vfsPollWithoutPollMethodIsDefaultMask() {
        assertEquals(PollBits.DEFAULT_POLLMASK, PollFile.vfsPoll(null, PollTable.init(null)));
    }

    // ---- wait queues

    @Test
    void wakeUpReachesOnlyWaitersOfThatQueue() {
        WaitQueue a = new WaitQueue("&a");
        WaitQueue b = new WaitQueue("&b");
        FakeFile f = new FakeFile(pt -> 0, a);
        PollSyscall call = new PollSyscall(List.of(new PollSyscall.Fd(f, PollBits.IN)), false);
        call.start();
        assertTrue(call.blocked());
        assertTrue(b.wakeUp(0).isEmpty());
        assertTrue(call.blocked());
        assertEquals(1, a.wakeUp(0).size());
        assertFalse(call.blocked());
    }

    // ---- poll(2): do_poll

    @Test
    void pollFirstPassHasQprocAndKeyWithErrHup() {
        FakeFile f = new FakeFile(pt -> 0);
        new PollSyscall(List.of(new PollSyscall.Fd(f, PollBits.IN)), false).start();
        assertEquals(List.of(PollBits.IN | PollBits.ERR | PollBits.HUP), f.keys);
        assertEquals(List.of(true), f.qprocs);
    }

    @Test
    void pollMaskIsFilteredByKey() {
        FakeFile f = new FakeFile(pt -> PollBits.OUT | PollBits.PRI);
        PollSyscall call = new PollSyscall(List.of(new PollSyscall.Fd(f, PollBits.IN | PollBits.PRI)), false);
        assertEquals(PollSyscall.State.RETURNED, call.start());
        assertEquals(PollBits.PRI, call.revents(0));
        // Only unrequested events: nothing to report, the call sleeps.
        FakeFile g = new FakeFile(pt -> PollBits.OUT);
        PollSyscall other = new PollSyscall(List.of(new PollSyscall.Fd(g, PollBits.IN)), false);
        assertEquals(PollSyscall.State.SLEEPING, other.start());
    }

    @Test
    void pollClearsQprocForLaterFdsOnceOneIsReady() {
        FakeFile ready = new FakeFile(pt -> PollBits.IN);
        FakeFile later = new FakeFile(pt -> 0);
        new PollSyscall(List.of(new PollSyscall.Fd(ready, PollBits.IN), new PollSyscall.Fd(later, PollBits.IN)), false).start();
        assertEquals(List.of(true), ready.qprocs);
        assertEquals(List.of(false), later.qprocs);
    }

    @Test
    void pollLaterPassesHaveNoQprocAndRegisterNothing() {
        WaitQueue q = new WaitQueue("&dev->wq");
        FakeFile f = new FakeFile(pt -> 0, q);
        PollSyscall call = new PollSyscall(List.of(new PollSyscall.Fd(f, PollBits.IN)), false);
        call.start();
        assertEquals(1, q.waiters().size());
        q.wakeUp(0);
        assertEquals(PollSyscall.State.SLEEPING, call.resume(false));
        assertEquals(List.of(true, false), f.qprocs);
        assertEquals(1, q.waiters().size());
        f.mask = pt -> PollBits.IN;
        q.wakeUp(0);
        assertEquals(PollSyscall.State.RETURNED, call.resume(false));
        assertEquals(List.of(true, false, false), f.qprocs);
        assertEquals(PollBits.IN, call.revents(0));
    }

    @Test
    void pollSleepsUntilWokenOrTimeout() {
        WaitQueue q = new WaitQueue("&q");
        FakeFile f = new FakeFile(pt -> 0, q);
        PollSyscall call = new PollSyscall(List.of(new PollSyscall.Fd(f, PollBits.IN)), false);
        call.start();
        assertEquals(PollSyscall.State.SLEEPING, call.resume(false));
        assertEquals(1, call.passes());
        assertEquals(PollSyscall.State.RETURNED, call.resume(true));
        assertEquals(2, call.passes());
    }

    @Test
    void pollWakeWithDisjointKeyDoesNotWake() {
        WaitQueue q = new WaitQueue("&q");
        FakeFile f = new FakeFile(pt -> 0, q);
        PollSyscall call = new PollSyscall(List.of(new PollSyscall.Fd(f, PollBits.IN)), false);
        call.start();
        assertTrue(q.wakeUp(PollBits.OUT).isEmpty());
        assertTrue(call.blocked());
        assertEquals(1, q.wakeUp(PollBits.IN).size());
        assertFalse(call.blocked());
    }

    @Test
    void pollZeroTimeoutNeverRegisters() {
        WaitQueue q = new WaitQueue("&q");
        FakeFile f = new FakeFile(pt -> 0, q);
        PollSyscall call = new PollSyscall(List.of(new PollSyscall.Fd(f, PollBits.IN)), true);
        assertEquals(PollSyscall.State.RETURNED, call.start());
        assertEquals(List.of(false), f.qprocs);
        assertTrue(q.waiters().isEmpty());
    }

    // ---- select(2): do_select

    @Test
    void selectKeysFromSets() {
        FakeFile f = new FakeFile(pt -> 0);
        new SelectSyscall(List.of(new SelectSyscall.Fd(f, true, false, false)), false).start();
        new SelectSyscall(List.of(new SelectSyscall.Fd(f, false, true, false)), false).start();
        new SelectSyscall(List.of(new SelectSyscall.Fd(f, false, false, true)), false).start();
        assertEquals(List.of(PollBits.POLLEX_SET | PollBits.POLLIN_SET, PollBits.POLLEX_SET | PollBits.POLLOUT_SET,
                PollBits.POLLEX_SET), f.keys);
        assertEquals(List.of(true, true, true), f.qprocs);
    }

    @Test
    void selectReadinessIsPerSet() {
        FakeFile pri = new FakeFile(pt -> PollBits.PRI);
        SelectSyscall readOnly = new SelectSyscall(List.of(new SelectSyscall.Fd(pri, true, false, false)), false);
        assertEquals(PollSyscall.State.SLEEPING, readOnly.start());
        SelectSyscall withEx = new SelectSyscall(List.of(new SelectSyscall.Fd(pri, true, false, true)), false);
        assertEquals(PollSyscall.State.RETURNED, withEx.start());
        assertEquals(new SelectSyscall.Result(false, false, true), withEx.result(0));
        FakeFile hup = new FakeFile(pt -> PollBits.HUP);
        SelectSyscall r = new SelectSyscall(List.of(new SelectSyscall.Fd(hup, true, true, false)), false);
        r.start();
        assertEquals(new SelectSyscall.Result(true, false, false), r.result(0));
    }

    @Test
    void selectClearsQprocOnHitAndAfterPass() {
        FakeFile ready = new FakeFile(pt -> PollBits.IN);
        FakeFile later = new FakeFile(pt -> 0);
        new SelectSyscall(List.of(new SelectSyscall.Fd(ready, true, false, false),
                new SelectSyscall.Fd(later, true, false, false)), false).start();
        assertEquals(List.of(false), later.qprocs);
        WaitQueue q = new WaitQueue("&q");
        FakeFile f = new FakeFile(pt -> 0, q);
        SelectSyscall s = new SelectSyscall(List.of(new SelectSyscall.Fd(f, true, false, false)), false);
        s.start();
        q.wakeUp(0);
        s.resume(false);
        assertEquals(List.of(true, false), f.qprocs);
    }

    // ---- epoll

    @Test
    void epollAddPollsWithQprocAndItemEvents() {
        WaitQueue q = new WaitQueue("&q");
        FakeFile f = new FakeFile(pt -> 0, q);
        Epoll ep = new Epoll();
        Epoll.Item item = ep.add(f, PollBits.IN);
        assertEquals(List.of(PollBits.IN | PollBits.ERR | PollBits.HUP), f.keys);
        assertEquals(List.of(true), f.qprocs);
        assertEquals(List.of(q), item.queues());
        assertFalse(item.ready());
    }

    @Test
    void epollModRepollsWithoutQprocAndNewKey() {
        WaitQueue q = new WaitQueue("&q");
        FakeFile f = new FakeFile(pt -> 0, q);
        Epoll ep = new Epoll();
        Epoll.Item item = ep.add(f, PollBits.IN);
        ep.mod(item, PollBits.PRI);
        assertEquals(List.of(true, false), f.qprocs);
        assertEquals(PollBits.PRI | PollBits.ERR | PollBits.HUP, f.keys.get(1));
        assertEquals(1, q.waiters().size());
    }

    @Test
    void epollAddReadyResultQueuesItemAndMaskIsFiltered() {
        FakeFile f = new FakeFile(pt -> PollBits.OUT);
        Epoll ep = new Epoll();
        Epoll.Item item = ep.add(f, PollBits.IN);
        assertFalse(item.ready());
        f.mask = pt -> PollBits.IN | PollBits.OUT;
        Epoll.Item other = ep.add(f, PollBits.IN);
        assertTrue(other.ready());
        assertEquals(List.of(new Epoll.Delivered(other, PollBits.IN)), ep.epollWait());
    }

    @Test
    void epollWaitRepollsWithoutQprocAndBlocksWhenNothingReady() {
        WaitQueue q = new WaitQueue("&q");
        FakeFile f = new FakeFile(pt -> 0, q);
        Epoll ep = new Epoll();
        ep.add(f, PollBits.IN);
        assertTrue(ep.epollWait().isEmpty());
        assertTrue(ep.blocked());
        assertEquals(1, f.keys.size()); // nothing ready: no re-poll
        f.mask = pt -> PollBits.IN;
        assertEquals(1, q.wakeUp(0).size());
        assertFalse(ep.blocked());
        assertEquals(1, ep.epollWait().size());
        assertEquals(List.of(true, false), f.qprocs);
        assertEquals(1, q.waiters().size());
    }

    @Test
    void epollWakeOnUnregisteredQueueWakesNobody() {
        WaitQueue registered = new WaitQueue("&a");
        WaitQueue other = new WaitQueue("&b");
        FakeFile f = new FakeFile(pt -> 0, registered);
        Epoll ep = new Epoll();
        ep.add(f, PollBits.IN);
        ep.epollWait();
        assertTrue(other.wakeUp(0).isEmpty());
        assertTrue(ep.blocked());
    }

    @Test
    void epollCallbackSkipsDisjointKey() {
        WaitQueue q = new WaitQueue("&q");
        FakeFile f = new FakeFile(pt -> 0, q);
        Epoll ep = new Epoll();
        Epoll.Item item = ep.add(f, PollBits.IN);
        ep.epollWait();
        assertTrue(q.wakeUp(PollBits.OUT).isEmpty());
        assertFalse(item.ready());
        assertTrue(ep.blocked());
        // ERR|HUP were added to the item's events: a keyed HUP wake-up does reach it.
        assertEquals(1, q.wakeUp(PollBits.HUP).size());
        assertTrue(item.ready());
    }

    @Test
    void epollLevelTriggeredStaysReadyWhileReporting() {
        WaitQueue q = new WaitQueue("&q");
        FakeFile f = new FakeFile(pt -> PollBits.IN, q);
        Epoll ep = new Epoll();
        Epoll.Item item = ep.add(f, PollBits.IN);
        assertEquals(1, ep.epollWait().size());
        assertTrue(item.ready());
        assertEquals(1, ep.epollWait().size());
        f.mask = pt -> 0;
        assertTrue(ep.epollWait().isEmpty());
        assertFalse(item.ready());
        assertTrue(ep.blocked());
    }

    @Test
    void epollEdgeTriggeredDropsAfterReport() {
        WaitQueue q = new WaitQueue("&q");
        FakeFile f = new FakeFile(pt -> PollBits.IN, q);
        Epoll ep = new Epoll();
        Epoll.Item item = ep.add(f, PollBits.IN | PollBits.ET);
        assertEquals(1, ep.epollWait().size());
        assertFalse(item.ready());
        assertTrue(ep.epollWait().isEmpty());
        assertTrue(ep.blocked());
        q.wakeUp(0);
        assertEquals(1, ep.epollWait().size());
    }

    @Test
    void epollOneshotDisablesUntilMod() {
        WaitQueue q = new WaitQueue("&q");
        FakeFile f = new FakeFile(pt -> PollBits.IN, q);
        Epoll ep = new Epoll();
        Epoll.Item item = ep.add(f, PollBits.IN | PollBits.ONESHOT);
        assertEquals(1, ep.epollWait().size());
        assertEquals(PollBits.ONESHOT, item.events());
        assertTrue(q.wakeUp(0).isEmpty());
        assertFalse(item.ready());
        ep.mod(item, PollBits.IN | PollBits.ONESHOT);
        assertTrue(item.ready());
        assertEquals(1, ep.epollWait().size());
    }

    @Test
    void epollWaitWithNoPollMethodReportsDefaultMask() {
        Epoll ep = new Epoll();
        Epoll.Item item = ep.add(null, PollBits.IN | PollBits.OUT);
        assertTrue(item.ready());
        assertEquals(PollBits.IN | PollBits.OUT, ep.epollWait().get(0).events());
    }
}
