package dev.pollcheck.rules;

import dev.pollcheck.driver.Atom;
import dev.pollcheck.driver.Atoms;
import dev.pollcheck.driver.DriverKnowledge;
import dev.pollcheck.driver.DriverModel;
import dev.pollcheck.driver.DriverModels;
import dev.pollcheck.driver.MacroExpansions;
import dev.pollcheck.driver.DriverSources;
import dev.pollcheck.driver.StateJudge;
import dev.pollcheck.flow.CText;
import dev.pollcheck.flow.FunctionFlow;
import dev.pollcheck.flow.Registration;
import dev.pollcheck.flow.Skip;
import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Stmt;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import dev.pollcheck.flow.Summary;
import dev.pollcheck.model.Param;
import dev.pollcheck.model.TopLevel;

/** PW002: a registration that some device or driver state skips on the first call. */
public final class StateSkipsRegistration implements Rule {
    static final RuleInfo INFO = new RuleInfo("PW002", "RegistrationSkippedByState",
            "A wait queue is not registered in some device state",
            Level.WARNING,
            """
            Only the first call of a poll method can register wait queues (see PW001). A registration \
            that is skipped when the device is in some state (data already available, an event \
            pending, a lock interrupted, a queue not yet set up) is never made if the first call \
            happens in that state. When the state changes back and the driver wakes the queue, \
            nobody is waiting on it. Where the skipping path returns "not ready" (0), poll(), \
            select() and epoll all sleep through the wake-up; where it returns a ready mask, poll() \
            and select() return at once and register on their next call, so only epoll (which never \
            calls again with a table that can register) loses it.

            Not findings: tests of the poll_table or file pointer itself (if (wait), \
            poll_does_not_wait(wait)), loop heads that iterate over the queues to register, and a \
            dispatcher that skips only when the method pointer it would call (or the ops structure \
            holding it) is NULL.

            Reported at note level, because they cannot lose a wake-up in practice. All are \
            recognised from the code, never from a name:
            - a condition judged by the driver model (the writers of the state it reads, in the \
            files of the driver's directory, with the role of each writer: setup, open, runtime, \
            teardown): state written only in setup or open (probe, module_init, open, what only they \
            call) is invariant while the file is open; state moved to the skipping value only by \
            teardown (release, remove, disconnect) is terminal;
            - an early return whose mask reports a terminal state: EPOLLHUP, EPOLLRDHUP or \
            EPOLLNVAL (a mask set before a goto counts by the value that reaches the return), \
            unless a runtime writer moves the tested state away from the skipping value again;
            - a condition fixed for the life of the open file: f_mode/f_flags, directly or through \
            a small helper that only computes from them; or fixed configuration (static keys, \
            IS_ENABLED); a WARN_ON/BUG_ON-style check;
            - a dispatch between implementations: every skipping path registers through another, \
            mutually exclusive call, and a helper is involved on one side;
            - a queue registered on every skipping path that is woken, on the same object and after \
            it, by every runtime wake of the skipped queue (a demux filter's ring buffer, woken by \
            each caller of the code that completes its vb2 buffers);
            - a skip taken only when two locals are equal (s != s_read false), the same queue having \
            been registered earlier, through a copy of the local and under the same conditions.

            Kept at warning level: state that a runtime writer (an ioctl, read or write, an \
            interrupt handler, work, a timer, a callback) moves away from the skipping value, such as \
            data-ready shortcuts (if (ready) return EPOLLIN;) and if (event_pending) ... else \
            poll_wait(...); state with no writer in the scanned files (the message says so); and an \
            interrupted lock (mutex_lock_interruptible() failing) before the registration. Every \
            message names its evidence: the writer with its function, role and file:line, or that \
            none was found. A helper reached from several poll methods is judged in each calling \
            context (a parameter is the caller's argument) and the worst verdict is reported.""",
            """
            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo *dev = file->private_data;

            	if (foo_has_data(dev))
            		return EPOLLIN | EPOLLRDNORM;
            	poll_wait(file, &dev->read_wait, wait);
            	return 0;
            }
            """,
            """
            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo *dev = file->private_data;

            	poll_wait(file, &dev->read_wait, wait);
            	if (foo_has_data(dev))
            		return EPOLLIN | EPOLLRDNORM;
            	return 0;
            }
            """);

    private static final Pattern WARN_LIKE = Pattern.compile("(.*_)?(WARN|BUG)(_ON)?(_ONCE)?(_SMP)?");
    private static final Pattern INTERRUPTIBLE = Pattern.compile(".*(_interruptible|_killable|trylock).*");

    /** How a state skip is judged. */
    enum Judgement { WARNING, NOTE, NONE }

    /** A skip's judgement, the evidence the message names, and the driver model's judgement when it decided. */
    record Judged(Judgement level, String evidence, StateJudge.Judgement state) {
        Judged(Judgement level, String evidence) {
            this(level, evidence, null);
        }
    }

    /**
     * One state condition of a poll method, for {@code pollcheck explain-state}.
     *
     * @param what          the registration ({@code the poll_wait of &dev->wq})
     * @param line          its line
     * @param owner         the function holding it (the method or a helper)
     * @param condition     the condition as written
     * @param conditionLine its line
     * @param skipOnTrue    whether the condition skips when true
     * @param queues        the queues the registration registers
     * @param state         the driver model's judgement (atoms, writers), or null when the code's shape decided
     * @param level         {@code warning}, {@code note} or {@code none}
     * @param evidence      the evidence the finding's message names
     */
    public record Explained(String what, int line, String owner, String condition, int conditionLine, boolean skipOnTrue,
                            List<String> queues, StateJudge.Judgement state, String level, String evidence) {
    }

    /** Every state condition that can skip a registration of {@code method}, judged in each calling context. */
    public static List<Explained> explain(dev.pollcheck.flow.Program program, TopLevel.Function method, DriverModels drivers) {
        List<Explained> out = new java.util.ArrayList<>();
        int pt = dev.pollcheck.flow.Shapes.pollTableParam(method.params());
        if (pt < 0 || !dev.pollcheck.flow.PollFlow.readable(method)) return out;
        dev.pollcheck.flow.PollFlow flow = new dev.pollcheck.flow.PollFlow(program, dev.pollcheck.flow.HelperModels.builtin());
        Summary top = flow.summary(method, pt);
        Set<String> registered = Analyzer.registeredQueues(top);
        record Ctx(Summary summary, Atoms.Binding binding) {
        }
        java.util.Map<Summary, Boolean> seen = new java.util.IdentityHashMap<>();
        java.util.ArrayDeque<Ctx> work = new java.util.ArrayDeque<>();
        work.add(new Ctx(top, null));
        while (!work.isEmpty()) {
            Ctx c = work.poll();
            if (seen.put(c.summary(), Boolean.TRUE) != null) continue;
            for (Registration r : c.summary().registrations()) {
                if (r.helper() != null) {
                    work.add(new Ctx(r.helper(), new Atoms.Binding(r.helper().function(), r.call().args(),
                            c.summary().function(), c.binding())));
                }
                RegistrationSite site = new RegistrationSite(program, method, c.summary(), r, drivers, c.binding(), registered);
                for (Skip s : r.skips()) {
                    if (s.kind() != Skip.Kind.STATE) continue;
                    Judged j = judge(s, site);
                    out.add(new Explained(Skips.what(r), r.call().span().line(), r.owner().name(), s.text(),
                            s.span().line(), s.skipOnTrue(), r.queues(), j.state(),
                            j.level().name().toLowerCase(java.util.Locale.ROOT),
                            j.evidence() == null ? "a dispatcher: it skips only when the method it would call is missing" : j.evidence()));
                }
            }
        }
        return out;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** The memo key of one skip judged for one registration in one calling context. */
    private record Key(Skip skip, String callee, int node, TopLevel.Function method, Atoms.Binding binding) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.skip == skip && k.callee.equals(callee) && k.node == node && k.method == method
                    && k.binding == binding;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(skip) * 31 + callee.hashCode() + node + System.identityHashCode(method);
        }
    }

    @Override
    public Finding check(RegistrationSite site) {
        Registration r = site.registration();
        FunctionFlow flow = site.flow();
        Skip primary = null;
        Judged level = null;
        for (Skip s : r.skips()) {
            if (s.kind() != Skip.Kind.STATE) continue;
            Key key = new Key(s, r.callee(), r.node(), site.method(), site.binding());
            Judged j = (Judged) flow.memo.get(key);
            if (j == null) {
                j = judge(s, site);
                flow.memo.put(key, j);
            }
            if (j.level() == Judgement.WARNING && (level == null || level.level() != Judgement.WARNING)) {
                primary = s;
                level = j;
            } else if (j.level() == Judgement.NOTE && level == null) {
                primary = s;
                level = j;
            }
        }
        if (primary == null) return null;
        String fn = r.owner().name();
        boolean ready = Skips.skipReturnsReady(primary, r, flow);
        StringBuilder msg = new StringBuilder();
        msg.append(RequestedEventsSkipRegistration.capital(Skips.what(r))).append(" in ").append(fn)
                .append(" is skipped on the first call ").append(Skips.when(primary, flow));
        String others = RequestedEventsSkipRegistration.others(r, primary);
        if (!others.isEmpty()) msg.append("; also skipped by ").append(others);
        if (level.level() == Judgement.NOTE) {
            msg.append(" (likely harmless: ").append(level.evidence()).append(").");
        } else if (ready) {
            msg.append(": that path reports ready, so epoll never registers the queue; register it first (")
                    .append(level.evidence()).append(").");
        } else {
            msg.append(": a waiter that comes in that state is never woken by this queue; register it first (")
                    .append(level.evidence()).append(").");
        }
        Set<Api> apis = ready ? EnumSet.of(Api.EPOLL) : EnumSet.of(Api.POLL, Api.SELECT, Api.EPOLL);
        return new Finding(INFO.id(), level.level() == Judgement.NOTE ? Level.NOTE : INFO.level(), r.call().span(), fn,
                msg.toString(), r.queueText(), primary.span(), primary.text(), apis, site.method(), r.call());
    }

    /**
     * The decision documented in the rationale. Shapes the code itself shows first (a dispatcher, an
     * interrupted lock, alternatives, a terminal mask, fixed configuration or open mode, a WARN_ON);
     * then the driver model: the writers of the condition's atoms ({@link StateJudge}).
     */
    static Judged judge(Skip s, RegistrationSite site) {
        Registration r = site.registration();
        Summary owner = site.owner();
        FunctionFlow flow = owner.flow();
        Expr cond = s.condition();
        Set<String> texts = subTexts(cond);
        if (r.via() == Registration.Via.UNKNOWN && (texts.contains(r.callee()) || prefixOfCallee(texts, r.callee()))) {
            return new Judged(Judgement.NONE, null); // if (!ops->poll) return DEFAULT_POLLMASK; return ops->poll(file, wait);
        }
        TopLevel.Function method = site.method();
        if (method != null && drivers(site).forFile(method.span().file()).unreferenced(method.name(), method.span().file())) {
            // A method that nothing calls, registers or exports: no open file runs it.
            return new Judged(Judgement.NOTE, DriverModel.unreachable(method.name()));
        }
        String lock = interrupted(cond, flow);
        if (lock != null) {
            return new Judged(Judgement.WARNING, "`" + lock + "()` fails whenever a signal arrives, in any device state");
        }
        if (!flow.cfg().exhausted()) {
            List<Integer> alt = alternatives(s, r, owner);
            if (alt != null) {
                return new Judged(Judgement.NOTE, "every path that skips it registers through another call instead (line"
                        + (alt.size() > 1 ? "s " : " ") + joinInts(alt) + ")");
            }
        }
        Integer same = flow.cfg().exhausted() ? null : sameQueueBefore(s, r, owner);
        if (same != null) {
            return new Judged(Judgement.NOTE, "it skips only when `" + s.text() + "` makes the queue the one registered on line "
                    + same + ", which every path that skips it has run");
        }
        String hup = terminal(s, r, flow);
        if (hup != null) {
            // A hang-up is terminal only if nothing brings the state back: a runtime writer that
            // moves it away (an interface set again after a disconnect) makes the lost wake-up real.
            StateJudge.Judgement j = stateJudgement(s, site);
            if (j.verdict() == StateJudge.Verdict.REAL) {
                return new Judged(Judgement.WARNING, "the skipping path reports a hang-up (" + hup + "), but "
                        + j.evidenceText(), j);
            }
            // The writers say why it is terminal (moved there only by a disconnect, never back).
            boolean writers = j.verdict() != StateJudge.Verdict.NO_STATE && !j.evidenceText().isEmpty();
            return new Judged(Judgement.NOTE, "the skipping path reports a terminal state: " + hup
                    + (writers ? "; " + j.evidenceText() : ""), j);
        }
        String config = fixedConfiguration(cond);
        if (config != null) {
            return new Judged(Judgement.NOTE, "the condition is fixed configuration (`" + config + "()`)");
        }
        if (fixedForOpenFile(cond, flow.fileParams(), functions(site), r.owner().span().file(), 0)) {
            return new Judged(Judgement.NOTE, "the condition reads only the file's f_mode/f_flags access mode, fixed "
                    + "while the file is open");
        }
        Expr c = unwrap(cond);
        if (c instanceof Expr.Call call && call.name() != null && WARN_LIKE.matcher(call.name()).matches()) {
            return new Judged(Judgement.NOTE, "the condition is a `" + call.name() + "()` that a valid file cannot trigger");
        }
        StateJudge.Judgement j = stateJudgement(s, site);
        if (j.verdict().warns()) {
            String company = wokenWithRegistered(s, site);
            if (company != null) return new Judged(Judgement.NOTE, company, j);
        }
        return new Judged(j.verdict().warns() ? Judgement.WARNING : Judgement.NOTE, j.evidenceText(), j);
    }

    /**
     * A skip that loses no wake-up whatever the state does: a queue registered on every path that
     * takes the skip is woken, on the same object and after it, by every runtime wake of the skipped
     * queue ({@link DriverModel#wokenWith}): dvb_demux_poll registers {@code &dmxdevfilter->buffer.queue}
     * first, and every caller of the code that completes a buffer of {@code dmxdevfilter->vb2_ctx}
     * (waking its vb2 queue's {@code done_wq}) then wakes that queue. The evidence, or null.
     */
    private static String wokenWithRegistered(Skip s, RegistrationSite site) {
        Registration r = site.registration();
        Summary owner = site.owner();
        var cfg = owner.flow().cfg();
        if (r.node() < 0 || s.node() < 0 || cfg.exhausted() || r.queues().isEmpty() || r.queues().contains("unknown")) return null;
        Expr object = objectOf(r);
        if (!(CText.strip(object) instanceof Expr.Unary u) || u.op() != Expr.UnaryOp.ADDRESS
                || !(CText.strip(u.operand()) instanceof Expr.Member m)) {
            return null;
        }
        DriverModel model = drivers(site).forFile(r.owner().span().file());
        String container = model.tagIn(r.owner(), m.base());
        if (container == null) return null;
        boolean primitive = r.via() == Registration.Via.MODEL && r.model() != null && r.model().primitive();
        String type = primitive ? null : model.resolve(container + ">" + m.member());
        if (!primitive && type == null) return null;
        String base = CText.of(CText.strip(m.base())).replace(" ", "");
        String sep = m.arrow() ? "->" : ".";
        for (Registration x : owner.registrations()) {
            if (x == r || x.node() < 0 || !(x.via() == Registration.Via.MODEL && x.model() != null && x.model().primitive())) continue;
            if (!onEverySkippingPath(x.node(), s, cfg)) continue;
            Expr q = objectOf(x);
            if (!(CText.strip(q) instanceof Expr.Unary qu) || qu.op() != Expr.UnaryOp.ADDRESS
                    || !(CText.strip(qu.operand()) instanceof Expr.Member qm)) {
                continue;
            }
            String spelt = CText.of(CText.strip(qu.operand())).replace(" ", "");
            if (!spelt.startsWith(base + sep) || spelt.length() == (base + sep).length()) continue;
            String withType = model.tagIn(r.owner(), qm.base());
            if (withType == null) continue;
            DriverModel.Company c = new DriverModel.Company(type, container, m.member(), qm.member(), withType,
                    spelt.substring((base + sep).length()));
            List<String> all = new java.util.ArrayList<>();
            boolean every = true;
            for (String skipped : r.queues()) {
                List<String> ev = model.wokenWith(DriverModel.lastIdent(skipped), DriverModel.queueTag(skipped, site.method()), c);
                if (ev == null) {
                    every = false;
                    break;
                }
                for (String e : ev) if (!e.isEmpty() && !all.contains(e)) all.add(e);
            }
            if (every && !all.isEmpty()) {
                return "every runtime wake of `" + String.join("`, `", r.queues()) + "` for this object is followed by a wake of `&"
                        + spelt + "`, which the first call registers on the skipping path (line " + x.call().span().line()
                        + "): " + String.join("; ", all);
            }
        }
        return null;
    }

    /**
     * The object a registration is given: the queue of a primitive ({@code poll_wait(file, &dev->wq,
     * pt)}), else the one argument that is a member's address ({@code dvb_vb2_poll(&f->vb2_ctx, file,
     * wait)}); null when there is none or several.
     */
    private static Expr objectOf(Registration r) {
        Expr found = null;
        for (Expr a : r.call().args()) {
            if (CText.strip(a) instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS && CText.strip(u.operand()) instanceof Expr.Member) {
                if (found != null) return null;
                found = a;
            }
        }
        return found;
    }

    /** Whether every path through the skipping side of {@code s} passes {@code node}: before the branch, or after it to the exit. */
    private static boolean onEverySkippingPath(int node, Skip s, dev.pollcheck.flow.Cfg cfg) {
        if (!cfg.reachableAvoiding(cfg.entry(), node)[s.node()]) return true;
        for (int side : s.skipSides()) {
            if (cfg.reachableAvoiding(side, node)[cfg.exit()]) return false;
        }
        return !s.skipSides().isEmpty();
    }

    /**
     * The driver model's judgement of a skip in its calling context: the writers of the condition's
     * atoms with their roles. The simulator asks the same (through the driver package) for the
     * state it may change between calls.
     */
    public static StateJudge.Judgement stateJudgement(Skip s, RegistrationSite site) {
        boolean ready = Skips.skipReturnsReady(s, site.registration(), site.flow());
        // One judgement per skip, context and kind of skipping path: a skip guards many registrations.
        StateKey key = new StateKey(s, site.method(), site.binding(), ready);
        StateJudge.Judgement memo = (StateJudge.Judgement) site.flow().memo.get(key);
        if (memo == null) {
            memo = stateJudgement(s, site, ready);
            site.flow().memo.put(key, memo);
        }
        return memo;
    }

    private record StateKey(Skip skip, TopLevel.Function method, Atoms.Binding binding, boolean ready) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StateKey k && k.skip == skip && k.method == method && k.binding == binding && k.ready == ready;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(skip) * 31 + System.identityHashCode(method) + (ready ? 1 : 0);
        }
    }

    private static StateJudge.Judgement stateJudgement(Skip s, RegistrationSite site, boolean ready) {
        TopLevel.Function owner = site.registration().owner();
        DriverModel model = drivers(site).forFile(owner.span().file());
        List<Atom> atoms = Atoms.of(s.condition(), s.skipOnTrue(), owner, model, site.binding());
        return StateJudge.judge(atoms, model, site.registered(), ready);
    }

    private static String joinInts(List<Integer> xs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < xs.size(); i++) sb.append(i == 0 ? "" : ", ").append(xs.get(i));
        return sb.toString();
    }

    /** {@code port->ops} for the callee {@code port->ops->tx_poll}: the dispatcher tests the path to its method. */
    private static boolean prefixOfCallee(Set<String> texts, String callee) {
        for (String t : texts) {
            if (callee.startsWith(t) && callee.length() > t.length()
                    && (callee.startsWith("->", t.length()) || callee.charAt(t.length()) == '.')) {
                return true;
            }
        }
        return false;
    }

    /**
     * A dispatch between implementations: every path on the skipping side reaches another
     * registration that excludes this one (neither reaches the other), and the choice involves a
     * helper call (this registration or the alternatives), as in {@code if (t->of)
     * kernfs_generic_poll(t->of, wait); else poll_wait(file, &t->event_wait, wait);}. Two plain
     * {@code poll_wait}s of different queues chosen by state stay warnings.
     */
    private static List<Integer> alternatives(Skip s, Registration r, Summary owner) {
        var cfg = owner.flow().cfg();
        if (r.node() < 0) return null;
        boolean[] fromR = cfg.reachableAvoiding(r.node(), -1);
        boolean[] toR = cfg.canReach(r.node());
        boolean[] avoid = new boolean[cfg.nodes().size()];
        boolean any = false;
        boolean helpers = isHelper(r);
        boolean allHelpers = true;
        for (Registration x : owner.registrations()) {
            int n = x.node();
            if (n < 0 || n == r.node() || fromR[n] || toR[n]) continue;
            avoid[n] = true;
            any = true;
            allHelpers &= isHelper(x);
        }
        if (!any || !(helpers || allHelpers)) return null;
        for (int succ : s.skipSides()) {
            if (cfg.reachableAvoiding(succ, avoid)[cfg.exit()]) return null;
        }
        java.util.TreeSet<Integer> lines = new java.util.TreeSet<>();
        for (Registration x : owner.registrations()) {
            if (x.node() >= 0 && avoid[x.node()]) lines.add(x.call().span().line());
        }
        return List.copyOf(lines);
    }

    /**
     * The line of an earlier registration of the same queue that every skipping path has made, or
     * null. The skip must mean that two locals are equal ({@code s != s_read} false), the queue name
     * one of them ({@code &s->async->wait_head}); the other local ({@code s_read}) must be stored once,
     * a copy of the first ({@code s_read = s;}) made before the earlier registration with no store to
     * the first between; and every condition that registration depends on must be one the skip
     * depends on too (the same branch, or the same text on the same side, on that local alone, with
     * no store to it between the copy and the condition or between the skip's condition and the
     * skip). Then on the skipping path both conditions read equal values, the earlier registration
     * ran, and it registered this very queue (comedi_poll's write subdevice when it is the read one).
     */
    private static Integer sameQueueBefore(Skip s, Registration r, Summary owner) {
        if (!(CText.strip(s.condition()) instanceof Expr.Binary b)
                || (b.op() != Expr.BinaryOp.NE || s.skipOnTrue()) && (b.op() != Expr.BinaryOp.EQ || !s.skipOnTrue())
                || !(CText.strip(b.left()) instanceof Expr.Name ln) || !(CText.strip(b.right()) instanceof Expr.Name rn)
                || r.node() < 0 || r.queues().size() != 1) {
            return null;
        }
        FunctionFlow flow = owner.flow();
        var cfg = flow.cfg();
        String q = r.queues().get(0);
        for (Registration x : owner.registrations()) {
            if (x == r || x.node() < 0 || !x.queues().equals(r.queues()) || !isPrimitive(x) || !isPrimitive(r)) continue;
            for (String[] vw : List.of(new String[] {ln.id(), rn.id()}, new String[] {rn.id(), ln.id()})) {
                String v = vw[0];
                String w = vw[1];
                if (!mentions(q, v) || mentions(q, w) || flow.params().contains(w) || flow.localType(w) == null) continue;
                List<FunctionFlow.Store> ws = flow.stores(w);
                if (ws.size() != 1 || !(ws.get(0).value() != null && CText.strip(ws.get(0).value()) instanceof Expr.Name copy)
                        || !copy.id().equals(v) || ws.get(0).op() != null || ws.get(0).node() < 0) {
                    continue;
                }
                int c = ws.get(0).node();
                if (cfg.reachableAvoiding(cfg.entry(), c)[x.node()] || storedBetween(flow, v, c, x.node())
                        || storedBetween(flow, v, s.node(), r.node())) {
                    continue;
                }
                if (guardsShared(x.node(), s, v, c, flow)) return x.call().span().line();
            }
        }
        return null;
    }

    private static boolean isPrimitive(Registration r) {
        return r.via() == Registration.Via.MODEL && r.model() != null && r.model().primitive();
    }

    /** Whether {@code text} names {@code id} as a whole identifier. */
    private static boolean mentions(String text, String id) {
        return java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])" + java.util.regex.Pattern.quote(id) + "(?![A-Za-z0-9_])")
                .matcher(text).find();
    }

    /** Whether some store to {@code v} (or an unknown one: ++, its address taken) can run between nodes {@code from} and {@code to}. */
    private static boolean storedBetween(FunctionFlow flow, String v, int from, int to) {
        var cfg = flow.cfg();
        boolean[] after = cfg.reachableAvoiding(from, -1);
        for (FunctionFlow.Store st : flow.stores(v)) {
            if (st.node() < 0) return true;
            if (st.node() != from && after[st.node()] && cfg.reachableAvoiding(st.node(), from)[to]) return true;
        }
        return false;
    }

    /**
     * Whether every branch the registration at {@code node} depends on is one the skip depends on,
     * with the same side taken: the same node, or the same condition text read on {@code v} alone
     * (made equal by the copy at {@code copy} and the skip) with no store to {@code v} in between.
     */
    private static boolean guardsShared(int node, Skip s, String v, int copy, FunctionFlow flow) {
        var cfg = flow.cfg();
        List<int[]> skipDeps = cfg.transitiveControlDeps(s.node());
        for (int[] dep : cfg.transitiveControlDeps(node)) {
            int side = sideOf(cfg, dep[0], dep[1]);
            if (side < 0) return false;
            boolean ok = false;
            for (int[] k : skipDeps) {
                if (sideOf(cfg, k[0], k[1]) != side) continue;
                if (k[0] == dep[0]) {
                    ok = true;
                    break;
                }
                Expr a = cfg.node(dep[0]).condition();
                Expr b = cfg.node(k[0]).condition();
                if (a == null || b == null || !CText.of(a).equals(CText.of(b)) || !readsOnly(a, v, flow)) continue;
                if (cfg.reachableAvoiding(cfg.entry(), copy)[dep[0]] || storedBetween(flow, v, copy, dep[0])
                        || storedBetween(flow, v, k[0], s.node())) {
                    continue;
                }
                ok = true;
                break;
            }
            if (!ok) return false;
        }
        return true;
    }

    /** The successor of branch {@code branch} (0: true, 1: false) through which {@code dependent} is reached, or -1. */
    private static int sideOf(dev.pollcheck.flow.Cfg cfg, int branch, int dependent) {
        List<Integer> succ = cfg.node(branch).successors();
        if (succ.size() != 2) return -1;
        for (int i = 0; i < 2; i++) {
            int t = succ.get(i);
            if (t == dependent || cfg.postDominates(dependent, t)) return i;
        }
        return -1;
    }

    /** Whether {@code e} reads no local or parameter other than {@code v} (members of it and constants are fine). */
    private static boolean readsOnly(Expr e, String v, FunctionFlow flow) {
        boolean[] ok = {true};
        Ast.walk(e, n -> {
            if (n instanceof Expr.Name nm && !nm.id().equals(v)
                    && (flow.params().contains(nm.id()) || flow.localType(nm.id()) != null || !flow.stores(nm.id()).isEmpty())) {
                ok[0] = false;
            }
            if (n instanceof Expr.Call) ok[0] = false;
        });
        return ok[0];
    }

    private static boolean isHelper(Registration r) {
        return !(r.via() == Registration.Via.MODEL && r.model() != null && r.model().primitive());
    }

    private static Expr unwrap(Expr e) {
        Expr x = CText.strip(e);
        for (int i = 0; i < 4; i++) {
            if (x instanceof Expr.Call c && ("unlikely".equals(c.name()) || "likely".equals(c.name()))
                    && c.args().size() == 1) {
                x = CText.strip(c.args().get(0));
            } else {
                break;
            }
        }
        return x;
    }

    private static Set<String> subTexts(Expr cond) {
        Set<String> out = new HashSet<>();
        Ast.walk(cond, n -> {
            if (n instanceof Expr.Member || n instanceof Expr.Name) out.add(CText.of((Expr) n));
        });
        return out;
    }

    /** Definitions by name as a reference from a file reaches them. */
    interface Functions {
        TopLevel.Function function(String name, String fromFile);
    }

    /**
     * The program's definitions, and where the scan did not parse a body (a default scan parses only
     * what mentions poll), the driver model's: the one the simulator reads.
     */
    private static Functions functions(RegistrationSite site) {
        DriverModels drivers = drivers(site);
        return (name, file) -> {
            TopLevel.Function f = site.program().function(name, file);
            if (f != null && dev.pollcheck.flow.PollFlow.readable(f)) return f;
            TopLevel.Function d = drivers.forFile(file).function(name, file);
            return d != null && dev.pollcheck.flow.PollFlow.readable(d) ? d : f;
        };
    }

    private static DriverModels drivers(RegistrationSite site) {
        return site.drivers() != null ? site.drivers()
                : new DriverModels(DriverSources.of(site.program()), DriverKnowledge.builtin(),
                        new MacroExpansions(site.program(), null));
    }

    /** The interruptible or killable wait or trylock the condition is (or tests a variable set from), or null. */
    private static String interrupted(Expr cond, FunctionFlow flow) {
        String[] hit = new String[1];
        Ast.walk(cond, n -> {
            if (hit[0] != null) return;
            if (n instanceof Expr.Call c && c.name() != null && INTERRUPTIBLE.matcher(c.name()).matches()) {
                hit[0] = c.name();
            } else if (n instanceof Expr.Name nm && !flow.params().contains(nm.id())) {
                for (var st : flow.stores(nm.id())) {
                    if (st.value() != null && CText.strip(st.value()) instanceof Expr.Call c && c.name() != null
                            && INTERRUPTIBLE.matcher(c.name()).matches()) {
                        hit[0] = c.name();
                    }
                }
            }
        });
        return hit[0];
    }

    /**
     * Every path on the skipping side returns a mask with EPOLLHUP, EPOLLRDHUP or EPOLLNVAL (the mask,
     * not a name, says the state is terminal): "returns EPOLLHUP (line N)", or null.
     */
    private static String terminal(Skip s, Registration reg, FunctionFlow flow) {
        if (s.fallsOff() || s.returns().isEmpty() || flow.cfg().exhausted()) return null;
        java.util.TreeSet<Integer> lines = new java.util.TreeSet<>();
        for (Stmt.Return r : s.returns()) {
            if (r.value() == null) return null;
            Set<Long> vals = Masks.values(CText.strip(r.value()), flow, Skips.storesAt(s, r, reg, flow));
            if (vals == null || vals.isEmpty()) return null;
            for (long x : vals) {
                if ((x & (Masks.HUP | Masks.RDHUP | Masks.NVAL)) == 0) return null;
            }
            lines.add(r.span().line());
        }
        return "it returns a hang-up or invalid mask (line" + (lines.size() > 1 ? "s " : " ")
                + joinInts(List.copyOf(lines)) + ")";
    }

    private static final Pattern CONFIG_TEST = Pattern.compile("static_branch_(un)?likely|static_key_(true|false|enabled)|IS_ENABLED|IS_BUILTIN|IS_REACHABLE");

    /** The static key or configuration test the condition consists of (and nothing else), or null. */
    private static String fixedConfiguration(Expr cond) {
        String[] saw = {null};
        boolean[] other = {false};
        Ast.walk(cond, n -> {
            if (n instanceof Expr.Call c) {
                if (c.name() != null && CONFIG_TEST.matcher(c.name()).matches()) saw[0] = c.name();
                else if (!"likely".equals(c.name()) && !"unlikely".equals(c.name())) other[0] = true;
            }
        });
        return other[0] ? null : saw[0];
    }

    /**
     * Reads only the file's f_mode/f_flags and constants, directly or through a small helper of the
     * tree that does ({@code static int foo_file_flags(struct file *f) { return f->f_flags & 3; }}):
     * fixed from open() to release().
     */
    private static boolean fixedForOpenFile(Expr cond, Set<String> fileParams, Functions program, String file, int depth) {
        boolean[] ok = {true};
        boolean[] saw = {false};
        Set<Expr> callees = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Ast.walk(cond, n -> {
            if (n instanceof Expr.Call c) callees.add(c.callee());
        });
        Ast.walk(cond, n -> {
            if (!ok[0] || callees.contains(n)) return;
            if (n instanceof Expr.Member m) {
                if (m.member().equals("f_mode") || m.member().equals("f_flags")) saw[0] = true;
                else ok[0] = false;
            } else if (n instanceof Expr.Call c) {
                if ("likely".equals(c.name()) || "unlikely".equals(c.name())) return;
                TopLevel.Function h = depth < 2 && c.name() != null ? program.function(c.name(), file) : null;
                if (h != null && modeOnly(h, program, depth + 1)) saw[0] = true;
                else ok[0] = false;
            } else if (n instanceof Expr.Name nm) {
                String id = nm.id();
                if (!fileParams.contains(id) && !id.equals(id.toUpperCase(java.util.Locale.ROOT))
                        && !id.equals("likely") && !id.equals("unlikely")) {
                    ok[0] = false;
                }
            }
        });
        return ok[0] && saw[0];
    }

    /**
     * A small helper whose every statement is a return, switch, case or if over its parameters'
     * f_mode/f_flags and constants ({@code snd_seq_file_flags}-style).
     */
    private static boolean modeOnly(TopLevel.Function h, Functions program, int depth) {
        if (!dev.pollcheck.flow.PollFlow.readable(h) || h.body() == null) return false;
        Set<String> hp = new HashSet<>();
        for (Param p : h.params()) if (p.name() != null) hp.add(p.name());
        boolean[] ok = {true};
        boolean[] returns = {false};
        Ast.walk(h.body(), n -> {
            if (!ok[0]) return;
            if (n instanceof Stmt st) {
                if (st instanceof Stmt.Return r) {
                    returns[0] = true;
                    if (r.value() == null || !constantOrMode(r.value(), hp, program, h.span().file(), depth)) ok[0] = false;
                } else if (st instanceof Stmt.Switch sw) {
                    if (!fixedForOpenFile(sw.selector(), hp, program, h.span().file(), depth)) ok[0] = false;
                } else if (st instanceof Stmt.If i) {
                    if (!fixedForOpenFile(i.cond(), hp, program, h.span().file(), depth)) ok[0] = false;
                } else if (!(st instanceof Stmt.Block || st instanceof Stmt.Case || st instanceof Stmt.Default
                        || st instanceof Stmt.Break || st instanceof Stmt.Empty)) {
                    ok[0] = false;
                }
            }
        });
        return ok[0] && returns[0];
    }

    /** A constant, or an expression of the file's mode. */
    private static boolean constantOrMode(Expr e, Set<String> params, Functions program, String file, int depth) {
        boolean[] ok = {true};
        Ast.walk(e, n -> {
            if (n instanceof Expr.Name nm && !nm.id().equals(nm.id().toUpperCase(java.util.Locale.ROOT))) ok[0] = false;
            else if (n instanceof Expr.Call || n instanceof Expr.Assign) ok[0] = false;
        });
        return ok[0] || fixedForOpenFile(e, params, program, file, depth);
    }
}
