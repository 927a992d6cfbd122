package dev.pollcheck.sim;

import static dev.pollcheck.sim.Trees.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The interpreter on small hand-built functions, one construct at a time. */
class InterpreterTest {

    private static List<Interpreter.Outcome> paths(TopLevel.Function fn, long key, boolean qproc) {
        return paths(fn, key, qproc, FunctionSource.NONE, HelperSemantics.NONE);
    }

    private static List<Interpreter.Outcome> paths(TopLevel.Function fn, long key, boolean qproc, FunctionSource src,
                                                   HelperSemantics helpers) {
        Interpreter in = new Interpreter(src, helpers, Interpreter.Bounds.DEFAULT);
        Explorer.Exploration e = new Explorer(in, fn, 256, 100_000).explore(key, qproc);
        assertTrue(e.exhaustive());
        return e.paths();
    }

    private static Set<Long> masks(List<Interpreter.Outcome> paths) {
        Set<Long> s = new TreeSet<>();
        for (Interpreter.Outcome o : paths) s.add(o.mask());
        return s;
    }

    @Test
    void bitArithmeticOnKernelConstants() {
        TopLevel.Function fn = pollFn("f", ret(and(or(n("POLLIN"), n("EPOLLRDNORM")),
                new Expr.Unary(sp(), Expr.UnaryOp.BIT_NOT, n("POLLIN")))));
        List<Interpreter.Outcome> p = paths(fn, PollBits.ALL, true);
        assertEquals(1, p.size());
        assertEquals(PollBits.RDNORM, p.get(0).mask());
    }

    @Test
    void requestedEventsComeFromTheTableKey() {
        TopLevel.Function fn = pollFn("f",
                decl("__poll_t", "req", call("poll_requested_events", n("wait"))),
                iff(and(n("req"), n("POLLPRI")), pollWait(addr(arrow(n("dev"), "ev")))),
                ret(i(0)));
        assertEquals(List.of("&dev->ev"), List.copyOf(paths(fn, PollBits.PRI | PollBits.ERR, true).get(0).queues()));
        assertTrue(paths(fn, PollBits.IN | PollBits.ERR, true).get(0).queues().isEmpty());
    }

    @Test
    void pollWaitWithoutQprocRegistersNothing() {
        TopLevel.Function fn = pollFn("f", pollWait(addr(arrow(n("dev"), "wq"))), ret(i(0)));
        assertEquals(Set.of("&dev->wq"), paths(fn, PollBits.IN, true).get(0).queues());
        assertTrue(paths(fn, PollBits.IN, false).get(0).queues().isEmpty());
    }

    @Test
    void directKeyAndQprocReads() {
        TopLevel.Function fn = pollFn("f",
                iff(arrow(n("wait"), "_qproc"), ret(arrow(n("wait"), "_key"))),
                ret(i(0)));
        assertEquals(Set.of(PollBits.IN), masks(paths(fn, PollBits.IN, true)));
        assertEquals(Set.of(0L), masks(paths(fn, PollBits.IN, false)));
    }

    @Test
    void freeValueIsConsistentWithinOneCall() {
        TopLevel.Function fn = pollFn("f",
                decl("__poll_t", "mask", i(0)),
                iff(call("ready", n("dev")), ex(orSet(n("mask"), n("POLLIN")))),
                iff(call("ready", n("dev")), ex(orSet(n("mask"), n("POLLOUT")))),
                ret(n("mask")));
        List<Interpreter.Outcome> p = paths(fn, PollBits.ALL, false);
        assertEquals(2, p.size());
        assertEquals(Set.of(0L, PollBits.IN | PollBits.OUT), masks(p));
        // ready() has no body anywhere: its result is a free choice, and the witness says so.
        assertEquals("ready(dev) = 0 (free: no body)", p.get(0).decisions().get(0).shown());
    }

    @Test
    void equalityChoiceFixesTheValue() {
        TopLevel.Function fn = pollFn("f",
                iff(bin(Expr.BinaryOp.EQ, arrow(n("dev"), "type"), i(3)),
                        iff(bin(Expr.BinaryOp.NE, arrow(n("dev"), "type"), i(3)), ret(n("POLLERR")), ret(n("POLLIN")))),
                iff(bin(Expr.BinaryOp.EQ, arrow(n("dev"), "type"), i(3)), ret(n("POLLERR"))),
                ret(n("POLLOUT")));
        assertEquals(Set.of(PollBits.IN, PollBits.OUT), masks(paths(fn, PollBits.ALL, false)));
    }

    @Test
    void switchFallthroughDefaultAndCaseChoice() {
        Stmt body = block(
                cse(i(1), ex(orSet(n("mask"), n("POLLIN")))),
                cse(i(2), ex(orSet(n("mask"), n("POLLOUT")))),
                brk(),
                dflt(ex(orSet(n("mask"), n("POLLPRI")))));
        TopLevel.Function fn = pollFn("f", decl("__poll_t", "mask", i(0)), sw(arrow(n("dev"), "type"), body),
                ret(n("mask")));
        assertEquals(Set.of(PollBits.IN | PollBits.OUT, PollBits.OUT, PollBits.PRI), masks(paths(fn, PollBits.ALL, false)));
        TopLevel.Function concrete = pollFn("g", decl("__poll_t", "mask", i(0)), sw(i(2), body), ret(n("mask")));
        assertEquals(Set.of(PollBits.OUT), masks(paths(concrete, PollBits.ALL, false)));
    }

    @Test
    void caseRangeOnAConcreteSelector() {
        Stmt body = block(new Stmt.Case(sp(), i(1), i(5), ret(n("POLLIN"))), dflt(ret(n("POLLOUT"))));
        assertEquals(Set.of(PollBits.IN), masks(paths(pollFn("f", sw(i(3), body)), PollBits.ALL, false)));
        assertEquals(Set.of(PollBits.OUT), masks(paths(pollFn("g", sw(i(9), body)), PollBits.ALL, false)));
    }

    @Test
    void gotoSkipsToTheLabel() {
        TopLevel.Function fn = pollFn("f",
                decl("__poll_t", "mask", i(0)),
                iff(arrow(n("dev"), "dead"), block(ex(set(n("mask"), n("POLLERR"))), new Stmt.Goto(sp(), "out"))),
                pollWait(addr(arrow(n("dev"), "wq"))),
                new Stmt.Labeled(sp(), "out", ret(n("mask"))));
        List<Interpreter.Outcome> p = paths(fn, PollBits.IN, true);
        assertEquals(2, p.size());
        assertEquals(Set.of("&dev->wq"), p.get(0).queues());
        assertEquals(0, p.get(0).mask());
        assertTrue(p.get(1).queues().isEmpty());
        assertEquals(PollBits.ERR, p.get(1).mask());
    }

    @Test
    void gotoBackwardsIntoALoopBody() {
        // i = 0; again: i++; if (i < 3) goto again; return i;
        TopLevel.Function fn = pollFn("f",
                decl("int", "i", i(0)),
                new Stmt.Labeled(sp(), "again", ex(new Expr.Unary(sp(), Expr.UnaryOp.POST_INC, n("i")))),
                iff(bin(Expr.BinaryOp.LT, n("i"), i(3)), new Stmt.Goto(sp(), "again")),
                ret(n("i")));
        assertEquals(Set.of(3L), masks(paths(fn, PollBits.ALL, false)));
    }

    @Test
    void concreteLoopRunsAndUnboundedLoopIsReported() {
        // for (i = 0; i < 4; i++) mask += 1;
        TopLevel.Function fn = pollFn("f",
                decl("__poll_t", "mask", i(0)),
                decl("int", "k", null),
                new Stmt.For(sp(), ex(set(n("k"), i(0))), bin(Expr.BinaryOp.LT, n("k"), i(4)),
                        new Expr.Unary(sp(), Expr.UnaryOp.POST_INC, n("k")),
                        ex(new Expr.Assign(sp(), Expr.BinaryOp.ADD, n("mask"), i(1)))),
                ret(n("mask")));
        assertEquals(Set.of(4L), masks(paths(fn, PollBits.ALL, false)));
        TopLevel.Function forever = pollFn("g", new Stmt.While(sp(), i(1), block()), ret(i(0)));
        Interpreter in = new Interpreter(FunctionSource.NONE, HelperSemantics.NONE, Interpreter.Bounds.DEFAULT);
        Explorer.Exploration e = new Explorer(in, forever, 16, 100_000).explore(PollBits.ALL, false);
        assertTrue(e.paths().isEmpty());
        assertEquals(1, e.abandoned());
        assertTrue(e.bounds().iterator().next().contains("loop bound"), e.bounds().toString());
    }

    @Test
    void undecidedLoopRunsZeroToBoundIterations() {
        // while (more(dev)) mask += 1;  -> 0, 1 or 2 iterations, the test chosen afresh each time
        TopLevel.Function fn = pollFn("f",
                decl("__poll_t", "mask", i(0)),
                new Stmt.While(sp(), call("more", n("dev")), ex(new Expr.Assign(sp(), Expr.BinaryOp.ADD, n("mask"), i(1)))),
                ret(n("mask")));
        assertEquals(Set.of(0L, 1L, 2L), masks(paths(fn, PollBits.ALL, false)));
    }

    @Test
    void iteratorMacroRunsZeroOrMoreTimesAndScopeMacroOnce() {
        TopLevel.Function fn = pollFn("f",
                decl("__poll_t", "mask", i(0)),
                new Stmt.MacroStmt(sp(), "list_for_each_entry", List.of(n("pos"), addr(arrow(n("dev"), "list")), n("node")),
                        ex(new Expr.Assign(sp(), Expr.BinaryOp.ADD, n("mask"), i(1)))),
                new Stmt.MacroStmt(sp(), "scoped_guard", List.of(n("mutex"), addr(arrow(n("dev"), "lock"))),
                        ex(new Expr.Assign(sp(), Expr.BinaryOp.ADD, n("mask"), i(16)))),
                ret(n("mask")));
        assertEquals(Set.of(16L, 17L, 18L), masks(paths(fn, PollBits.ALL, false)));
    }

    @Test
    void calledDefinitionIsInterpretedWithCallerNames() {
        // static int can_read(struct dev *d) { return d->wp > d->rp; }
        TopLevel.Function canRead = fn("can_read", List.of(param("struct dev *", "d")),
                ret(bin(Expr.BinaryOp.GT, arrow(n("d"), "wp"), arrow(n("d"), "rp"))));
        TopLevel.Function poll = pollFn("f",
                iff(not(call("can_read", n("dev"))), pollWait(addr(arrow(n("dev"), "wq")))),
                iff(call("can_read", n("dev")), ret(n("POLLIN"))),
                ret(i(0)));
        FunctionSource src = source(Map.of("can_read", canRead), Map.of());
        List<Interpreter.Outcome> p = paths(poll, PollBits.IN, true, src, HelperSemantics.NONE);
        assertEquals(2, p.size());
        assertEquals("dev->wp > dev->rp", p.get(0).decisions().get(0).shown());
        for (Interpreter.Outcome o : p) {
            assertEquals(o.queues().isEmpty(), o.mask() == PollBits.IN);
        }
    }

    @Test
    void helperModelRegistersAndReturnsEventsMask() {
        HelperSemantics models = name -> name.equals("vb2_poll")
                ? new HelperSemantics.Helper("vb2_poll", 3, List.of("&$1->done_wq"), HelperSemantics.Returns.EVENTS)
                : null;
        TopLevel.Function fn = pollFn("f", ret(call("vb2_poll", addr(arrow(n("dev"), "queue")), n("file"), n("wait"))));
        List<Interpreter.Outcome> p = paths(fn, PollBits.IN | PollBits.ERR, true, FunctionSource.NONE, models);
        assertEquals(Set.of("&dev->queue.done_wq"), p.get(0).queues());
        assertEquals(Set.of(0L, PollBits.IN | PollBits.ERR), masks(p));
    }

    @Test
    void objectLikeMacrosOfTheFileAreConstants() {
        MacroDef m = new MacroDef(sp(), "LB_READ_MASK", null, "(__force __poll_t)(EPOLLIN | EPOLLRDNORM)");
        FunctionSource src = source(Map.of(), Map.of("LB_READ_MASK", m));
        TopLevel.Function fn = pollFn("f", ret(n("LB_READ_MASK")));
        assertEquals(Set.of(PollBits.IN | PollBits.RDNORM), masks(paths(fn, PollBits.ALL, false, src, HelperSemantics.NONE)));
        assertEquals(0x41L, ConstExpr.eval("(EPOLLIN | EPOLLRDNORM)", PollBits::value));
        assertEquals(8L, ConstExpr.eval("1U << 3", PollBits::value));
        assertNull(ConstExpr.eval("foo(1)", PollBits::value));
    }

    @Test
    void unknownIdentifierIsAFreeValue() {
        TopLevel.Function fn = pollFn("f", iff(n("some_global_flag"), ret(n("POLLIN"))), ret(i(0)));
        assertEquals(Set.of(0L, PollBits.IN), masks(paths(fn, PollBits.ALL, false)));
    }

    @Test
    void registrationRecordsTheCallChain() {
        // static void add_waits(struct dev *d, poll_table *pt) { poll_wait(NULL, &d->wq, pt); }
        Expr.Call inner = call("poll_wait", n("NULL"), addr(arrow(n("d"), "wq")), n("pt"));
        TopLevel.Function helper = fn("add_waits", List.of(param("struct dev *", "d"), param("poll_table *", "pt")),
                ex(inner));
        Expr.Call outer = call("add_waits", n("dev"), n("wait"));
        TopLevel.Function poll = pollFn("f", ex(outer), ret(i(0)));
        Interpreter.Outcome o = paths(poll, PollBits.IN, true, source(Map.of("add_waits", helper), Map.of()),
                HelperSemantics.NONE).get(0);
        Interpreter.Registration r = o.registrations().get(0);
        assertEquals("&dev->wq", r.queue());
        assertEquals(List.of(outer.span(), inner.span()), r.via());
    }

    @Test
    void stepBoundStopsDeepRecursion() {
        // static int rec(int x) { return rec(x); } -- depth bound turns the innermost call into a free value
        TopLevel.Function rec = fn("rec", List.of(param("int", "x")), ret(call("rec", n("x"))));
        TopLevel.Function poll = pollFn("f", iff(call("rec", i(1)), ret(n("POLLIN"))), ret(i(0)));
        Interpreter in = new Interpreter(source(Map.of("rec", rec), Map.of()), HelperSemantics.NONE,
                Interpreter.Bounds.DEFAULT);
        Explorer.Exploration e = new Explorer(in, poll, 16, 100_000).explore(PollBits.ALL, false);
        assertEquals(2, e.paths().size());
        assertNotNull(e.notes().stream().filter(s -> s.contains("call depth")).findFirst().orElse(null));
    }

    @Test
    void deepNestingIsABoundNotACrash() {
        Stmt s = ret(i(1));
        for (int k = 0; k < 10_000; k++) s = iff(i(1), s);
        TopLevel.Function fn = pollFn("f", s);
        Interpreter in = new Interpreter(FunctionSource.NONE, HelperSemantics.NONE, Interpreter.Bounds.DEFAULT);
        Interpreter.Outcome o = in.run(fn, Explorer.table(PollBits.ALL, false), new WaitQueues(),
                new Chooser(List.of(), 40));
        assertNotNull(o.bound());
    }

    static FunctionSource source(Map<String, TopLevel.Function> fns, Map<String, MacroDef> macros) {
        return new FunctionSource() {
            @Override
            public TopLevel.Function function(String name, String fromFile) {
                return fns.get(name);
            }

            @Override
            public Map<String, MacroDef> macros(String file) {
                return macros;
            }
        };
    }
}
