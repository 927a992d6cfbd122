package dev.pollcheck.rules;

import dev.pollcheck.flow.CText;
import dev.pollcheck.flow.FunctionFlow;
import dev.pollcheck.flow.Registration;
import dev.pollcheck.flow.Skip;
import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TypeRef;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import dev.pollcheck.flow.Summary;
import dev.pollcheck.flow.Program;
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
            recognised from the code, never from a driver's name:
            - an early return whose mask reports a terminal state: EPOLLHUP or EPOLLNVAL, or \
            EPOLLERR (or a negative errno) where the condition or the returned value names the \
            device or file as gone (disconnected, unregistered, removed, dead, zombie, shut down, \
            ENODEV ...); a mask set before a goto counts by the value that reaches the return;
            - a condition fixed for the life of the open file: f_mode/f_flags, directly or through \
            a small helper that only computes from them; or fixed configuration (static keys, \
            IS_ENABLED);
            - a WARN_ON/BUG_ON-style check, a NULL (or IS_ERR) check of the file's private data or \
            of a pointer derived from the parameters, and an explicit NULL test whose skipping \
            path only reports an error;
            - a dispatch between implementations: every skipping path registers through another, \
            mutually exclusive call, and a helper is involved on one side.

            Kept at warning level: a wake-up source that becomes valid later (a NULL or "not \
            streaming" test of a member returning 0 or a plain EPOLLERR), data-ready shortcuts \
            (if (ready) return EPOLLIN;), if (event_pending) ... else poll_wait(...), two plain \
            poll_wait()s of different queues chosen by run-time state, and an interrupted lock \
            (mutex_lock_interruptible() failing) before the registration, even when it returns \
            EPOLLERR.""",
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

    /** Identifiers that say the device or file is going away for good (never a driver's name). */
    private static final Pattern GONE = Pattern.compile(
            "(?i).*(disconnect|unregist|is_registered|_registered|remov|dead|gone|dying|shutdown|shut_down|unplug"
                    + "|present|alive|zombie|defunct|destroy|hangup|hung_up|detach|finaliz|unload|teardown).*"
                    + "|exit|exiting|ENODEV|ENXIO|ESHUTDOWN|EPIPE");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");
    private static final Pattern WARN_LIKE = Pattern.compile("(.*_)?(WARN|BUG)(_ON)?(_ONCE)?(_SMP)?");
    private static final Pattern INTERRUPTIBLE = Pattern.compile(".*(_interruptible|_killable|trylock).*");
    private static final Set<String> NULL_TESTS = Set.of("IS_ERR", "IS_ERR_OR_NULL");

    /** How a state skip is judged. */
    enum Judgement { WARNING, NOTE, NONE }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public Finding check(RegistrationSite site) {
        Registration r = site.registration();
        FunctionFlow flow = site.flow();
        Skip primary = null;
        Judgement level = Judgement.NONE;
        String why = null;
        for (Skip s : r.skips()) {
            if (s.kind() != Skip.Kind.STATE) continue;
            record Key(Skip skip, String callee, int node) {
                @Override
                public boolean equals(Object o) {
                    return o instanceof Key k && k.skip == skip && k.callee.equals(callee) && k.node == node;
                }

                @Override
                public int hashCode() {
                    return System.identityHashCode(skip) * 31 + callee.hashCode() + node;
                }
            }
            Key key = new Key(s, r.callee(), r.node());
            String[] reason = (String[]) flow.memo.get(key);
            Judgement j;
            if (reason == null) {
                reason = new String[2];
                j = judge(s, r, site.owner(), site.program(), reason);
                reason[1] = j.name();
                flow.memo.put(key, reason);
            } else {
                j = Judgement.valueOf(reason[1]);
            }
            if (j == Judgement.WARNING && level != Judgement.WARNING) {
                primary = s;
                level = j;
                why = null;
            } else if (j == Judgement.NOTE && level == Judgement.NONE) {
                primary = s;
                level = j;
                why = reason[0];
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
        if (why != null) {
            msg.append(" (likely harmless: ").append(why).append(')');
        } else if (ready) {
            msg.append(": that path reports ready, so epoll never registers the queue; register it first.");
        } else {
            msg.append(": a waiter that comes in that state is never woken by this queue; register it first.");
        }
        if (why != null) msg.append('.');
        Set<Api> apis = ready ? EnumSet.of(Api.EPOLL) : EnumSet.of(Api.POLL, Api.SELECT, Api.EPOLL);
        return new Finding(INFO.id(), level == Judgement.NOTE ? Level.NOTE : INFO.level(), r.call().span(), fn,
                msg.toString(), r.queueText(), primary.span(), primary.text(), apis, site.method(), r.call());
    }

    /** The decision documented in the rationale; {@code reason[0]} gets the benign shape's name. */
    static Judgement judge(Skip s, Registration r, Summary owner, Program program, String[] reason) {
        FunctionFlow flow = owner.flow();
        Expr cond = s.condition();
        Set<String> texts = subTexts(cond);
        if (r.via() == Registration.Via.UNKNOWN && (texts.contains(r.callee()) || prefixOfCallee(texts, r.callee()))) {
            return Judgement.NONE; // if (!ops->poll) return DEFAULT_POLLMASK; return ops->poll(file, wait);
        }
        if (interrupted(cond, flow)) {
            return Judgement.WARNING;
        }
        if (!flow.cfg().exhausted() && alternatives(s, r, owner)) {
            reason[0] = "every path that skips it registers through another call instead";
            return Judgement.NOTE;
        }
        if (terminal(s, r, flow)) {
            reason[0] = "the skipping path reports a terminal state";
            return Judgement.NOTE;
        }
        if (fixedConfiguration(cond)) {
            reason[0] = "the condition is fixed configuration (a static key or IS_ENABLED)";
            return Judgement.NOTE;
        }
        if (fixedForOpenFile(cond, flow.fileParams(), program, r.owner().span().file(), 0)) {
            reason[0] = "the condition is fixed for the life of the open file";
            return Judgement.NOTE;
        }
        Expr c = unwrap(cond);
        if (c instanceof Expr.Call call && call.name() != null && WARN_LIKE.matcher(call.name()).matches()) {
            reason[0] = "the condition is a WARN_ON that a valid file cannot trigger";
            return Judgement.NOTE;
        }
        Expr tested = nullTested(c, flow);
        if (tested != null && derivedPointer(tested, flow)) {
            reason[0] = "the condition is a NULL check of the file's private data";
            return Judgement.NOTE;
        }
        if (tested != null && returnsOnlyErrors(s, r, flow)) {
            reason[0] = "the condition is a NULL check that reports an error";
            return Judgement.NOTE;
        }
        return Judgement.WARNING;
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
    private static boolean alternatives(Skip s, Registration r, Summary owner) {
        var cfg = owner.flow().cfg();
        if (r.node() < 0) return false;
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
        if (!any || !(helpers || allHelpers)) return false;
        for (int succ : s.skipSides()) {
            if (cfg.reachableAvoiding(succ, avoid)[cfg.exit()]) return false;
        }
        return true;
    }

    private static boolean isHelper(Registration r) {
        return !(r.via() == Registration.Via.MODEL && r.model() != null && r.model().primitive());
    }

    /** Every value returned on the skipping side is an error or hang-up mask (or a negative errno). */
    private static boolean returnsOnlyErrors(Skip s, Registration reg, FunctionFlow flow) {
        if (s.fallsOff() || s.returns().isEmpty() || flow.cfg().exhausted()) return false;
        for (Stmt.Return r : s.returns()) {
            if (r.value() == null) return false;
            Expr v = CText.strip(r.value());
            if (v instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) continue;
            Set<Long> vals = Masks.values(v, flow, Skips.storesAt(s, r, reg, flow));
            if (vals == null || vals.isEmpty()) return false;
            for (long x : vals) {
                if ((x & (Masks.ERR | Masks.HUP | Masks.NVAL | Masks.RDHUP)) == 0) return false;
            }
        }
        return true;
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

    /** The condition is (or tests a variable set from) an interruptible or killable wait or a trylock. */
    private static boolean interrupted(Expr cond, FunctionFlow flow) {
        boolean[] hit = new boolean[1];
        Ast.walk(cond, n -> {
            if (n instanceof Expr.Call c && c.name() != null && INTERRUPTIBLE.matcher(c.name()).matches()) {
                hit[0] = true;
            } else if (n instanceof Expr.Name nm && !flow.params().contains(nm.id())) {
                for (var st : flow.stores(nm.id())) {
                    if (st.value() != null && CText.strip(st.value()) instanceof Expr.Call c && c.name() != null
                            && INTERRUPTIBLE.matcher(c.name()).matches()) {
                        hit[0] = true;
                    }
                }
            }
        });
        return hit[0];
    }

    /** Every path on the skipping side returns a terminal mask (HUP; or ERR where the code says the device is gone). */
    private static boolean terminal(Skip s, Registration reg, FunctionFlow flow) {
        if (s.fallsOff() || s.returns().isEmpty() || flow.cfg().exhausted()) return false;
        for (Stmt.Return r : s.returns()) {
            if (r.value() == null) return false;
            Expr v = CText.strip(r.value());
            String text = CText.of(v);
            boolean gone = saysGone(s.text()) || saysGone(text);
            if (v instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG && CText.strip(u.operand()) instanceof Expr.Name) {
                if (!gone) return false;
                continue;
            }
            Set<Long> vals = Masks.values(v, flow, Skips.storesAt(s, r, reg, flow));
            if (vals == null || vals.isEmpty()) return false;
            for (long x : vals) {
                boolean hup = (x & (Masks.HUP | Masks.RDHUP | Masks.NVAL)) != 0;
                boolean err = (x & Masks.ERR) != 0;
                if (!(hup || (err && gone))) return false;
            }
        }
        return true;
    }

    private static boolean saysGone(String text) {
        var m = IDENT.matcher(text);
        while (m.find()) {
            if (GONE.matcher(m.group()).matches()) return true;
        }
        return false;
    }

    private static final Pattern CONFIG_TEST = Pattern.compile("static_branch_(un)?likely|static_key_(true|false|enabled)|IS_ENABLED|IS_BUILTIN|IS_REACHABLE");

    /** A test of a static key or kernel configuration: it does not change while files are open. */
    private static boolean fixedConfiguration(Expr cond) {
        boolean[] saw = {false};
        boolean[] other = {false};
        Ast.walk(cond, n -> {
            if (n instanceof Expr.Call c) {
                if (c.name() != null && CONFIG_TEST.matcher(c.name()).matches()) saw[0] = true;
                else if (!"likely".equals(c.name()) && !"unlikely".equals(c.name())) other[0] = true;
            }
        });
        return saw[0] && !other[0];
    }

    /**
     * Reads only the file's f_mode/f_flags and constants, directly or through a small helper of the
     * tree that does ({@code static int foo_file_flags(struct file *f) { return f->f_flags & 3; }}):
     * fixed from open() to release().
     */
    private static boolean fixedForOpenFile(Expr cond, Set<String> fileParams, Program program, String file, int depth) {
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
    private static boolean modeOnly(TopLevel.Function h, Program program, int depth) {
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
    private static boolean constantOrMode(Expr e, Set<String> params, Program program, String file, int depth) {
        boolean[] ok = {true};
        Ast.walk(e, n -> {
            if (n instanceof Expr.Name nm && !nm.id().equals(nm.id().toUpperCase(java.util.Locale.ROOT))) ok[0] = false;
            else if (n instanceof Expr.Call || n instanceof Expr.Assign) ok[0] = false;
        });
        return ok[0] || fixedForOpenFile(e, params, program, file, depth);
    }

    /**
     * The pointer a NULL test tests, or null: {@code p == NULL}, {@code IS_ERR(p)} for any p; {@code !p}
     * and {@code p} only for a name known to be a pointer (a {@code !dev->ready} may test a flag).
     */
    private static Expr nullTested(Expr c, FunctionFlow flow) {
        if (c instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.EQ || b.op() == Expr.BinaryOp.NE)) {
            Expr p = isNull(b.right()) ? CText.strip(b.left()) : isNull(b.left()) ? CText.strip(b.right()) : null;
            return p instanceof Expr.Name || p instanceof Expr.Member ? p : null;
        }
        if (c instanceof Expr.Call call && call.name() != null && NULL_TESTS.contains(call.name())
                && call.args().size() == 1) {
            return CText.strip(call.args().get(0));
        }
        Expr p = c instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT ? CText.strip(u.operand()) : c;
        if (p instanceof Expr.Name n) {
            TypeRef t = flow.localType(n.id());
            boolean pointer = t != null ? t.pointerDepth() >= 1 : flow.params().contains(n.id());
            return pointer ? p : null;
        }
        return null;
    }

    /** A parameter, or a local pointer whose every value derives from the parameters. */
    private static boolean derivedPointer(Expr p, FunctionFlow flow) {
        if (!(p instanceof Expr.Name n)) return false;
        if (flow.params().contains(n.id())) return true;
        TypeRef t = flow.localType(n.id());
        return t != null && t.pointerDepth() >= 1 && derivedFromParams(n.id(), flow, new HashSet<>());
    }

    private static boolean isNull(Expr e) {
        Expr x = CText.strip(e);
        return (x instanceof Expr.Name n && n.id().equals("NULL")) || (x instanceof Expr.IntConst k && k.value() == 0);
    }

    private static boolean derivedFromParams(String name, FunctionFlow flow, Set<String> seen) {
        if (flow.params().contains(name)) return true;
        if (!seen.add(name) || seen.size() > 16) return false;
        List<dev.pollcheck.flow.FunctionFlow.Store> stores = flow.stores(name);
        if (stores.isEmpty()) return false;
        boolean some = false;
        for (var st : stores) {
            if (st.value() == null) return false;
            if (isNull(st.value())) continue; // struct foo *p = NULL; p = file->private_data;
            some = true;
            boolean[] any = new boolean[1];
            Ast.walk(st.value(), n -> {
                if (n instanceof Expr.Name nm && !any[0] && !nm.id().equals(name)
                        && (flow.params().contains(nm.id()) || derivedFromParams(nm.id(), flow, seen))) {
                    any[0] = true;
                }
            });
            if (!any[0]) return false;
        }
        return some;
    }
}
