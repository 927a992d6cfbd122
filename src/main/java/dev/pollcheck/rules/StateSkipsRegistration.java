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
import java.util.regex.Pattern;

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
            dispatcher that skips only when the method pointer it would call is NULL.

            Reported at note level, because they cannot lose a wake-up in practice: an early return \
            whose mask reports a terminal state (EPOLLHUP, or EPOLLERR where the condition or the \
            returned error says the device is gone, unregistered, disconnected or removed), a \
            condition fixed for the life of the open file (f_mode, f_flags), and a WARN_ON or NULL \
            check of the file's private data or of a pointer derived from the parameters. These \
            shapes are recognised from the code, never from a driver's name.

            Kept at warning level: a wake-up source that becomes valid later (a NULL check of a \
            member, a "not streaming" check returning a plain error), data-ready shortcuts \
            (if (ready) return EPOLLIN;), if (event_pending) ... else poll_wait(...), and an \
            interrupted lock (mutex_lock_interruptible() failing) before the registration.""",
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

    private static final Pattern GONE = Pattern.compile(
            "(?i).*(disconnect|unregist|is_registered|remov|dead|gone|dying|shutdown|shut_down|unplug|present"
                    + "|alive|zombie|defunct|destroy|hangup|hung_up|detach|ENODEV|ENXIO|ESHUTDOWN|EPIPE).*");
    private static final Pattern INTERRUPTIBLE = Pattern.compile(".*(_interruptible|_killable|trylock).*");
    private static final Set<String> WARNS = Set.of("WARN_ON", "WARN_ON_ONCE", "WARN", "WARN_ONCE", "BUG_ON",
            "WARN_ON_SMP");
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
            String[] reason = new String[1];
            Judgement j = judge(s, r, flow, reason);
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
        boolean ready = Skips.skipReturnsReady(primary, flow);
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
    static Judgement judge(Skip s, Registration r, FunctionFlow flow, String[] reason) {
        Expr cond = s.condition();
        Set<String> texts = subTexts(cond);
        if (r.via() == Registration.Via.UNKNOWN && texts.contains(r.callee())) {
            return Judgement.NONE; // if (!ops->poll) return DEFAULT_POLLMASK; return ops->poll(file, wait);
        }
        if (interrupted(cond, flow)) {
            return Judgement.WARNING;
        }
        if (terminal(s, flow)) {
            reason[0] = "the skipping path reports a terminal state";
            return Judgement.NOTE;
        }
        if (fixedForOpenFile(cond, flow)) {
            reason[0] = "the condition is fixed for the life of the open file";
            return Judgement.NOTE;
        }
        Expr c = unwrap(cond);
        if (c instanceof Expr.Call call && call.name() != null && WARNS.contains(call.name())) {
            reason[0] = "the condition is a WARN_ON that a valid file cannot trigger";
            return Judgement.NOTE;
        }
        if (nullCheckOfDerivedPointer(c, flow)) {
            reason[0] = "the condition is a NULL check of the file's private data";
            return Judgement.NOTE;
        }
        return Judgement.WARNING;
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
    private static boolean terminal(Skip s, FunctionFlow flow) {
        if (s.fallsOff() || s.returns().isEmpty()) return false;
        for (Stmt.Return r : s.returns()) {
            if (r.value() == null) return false;
            Expr v = CText.strip(r.value());
            String text = CText.of(v);
            boolean gone = GONE.matcher(s.text()).matches() || GONE.matcher(text).matches();
            if (v instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG && CText.strip(u.operand()) instanceof Expr.Name) {
                if (!gone) return false;
                continue;
            }
            Set<Long> vals = Masks.values(v, flow);
            if (vals == null || vals.isEmpty()) return false;
            for (long x : vals) {
                boolean hup = (x & (Masks.HUP | Masks.RDHUP)) != 0;
                boolean err = (x & (Masks.ERR | Masks.NVAL)) != 0;
                if (!(hup || (err && gone))) return false;
            }
        }
        return true;
    }

    /** Reads only the file's f_mode/f_flags and constants: fixed from open() to release(). */
    private static boolean fixedForOpenFile(Expr cond, FunctionFlow flow) {
        boolean[] ok = {true};
        boolean[] saw = {false};
        Ast.walk(cond, n -> {
            if (!ok[0]) return;
            if (n instanceof Expr.Member m) {
                if (m.member().equals("f_mode") || m.member().equals("f_flags")) saw[0] = true;
                else ok[0] = false;
            } else if (n instanceof Expr.Call c) {
                if (!"likely".equals(c.name()) && !"unlikely".equals(c.name())) ok[0] = false;
            } else if (n instanceof Expr.Name nm) {
                String id = nm.id();
                if (!flow.fileParams().contains(id) && !id.equals(id.toUpperCase(java.util.Locale.ROOT))
                        && !id.equals("likely") && !id.equals("unlikely")) {
                    ok[0] = false;
                }
            }
        });
        return ok[0] && saw[0];
    }

    /** {@code !p}, {@code p == NULL}, {@code IS_ERR(p)} where p is a parameter or a pointer derived from them. */
    private static boolean nullCheckOfDerivedPointer(Expr c, FunctionFlow flow) {
        Expr p = null;
        if (c instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
            p = CText.strip(u.operand());
        } else if (c instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.EQ || b.op() == Expr.BinaryOp.NE)) {
            if (isNull(b.right())) p = CText.strip(b.left());
            else if (isNull(b.left())) p = CText.strip(b.right());
        } else if (c instanceof Expr.Call call && call.name() != null && NULL_TESTS.contains(call.name())
                && call.args().size() == 1) {
            p = CText.strip(call.args().get(0));
        } else if (c instanceof Expr.Name) {
            p = c;
        }
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
        for (var st : stores) {
            if (st.value() == null) return false;
            boolean[] any = new boolean[1];
            Ast.walk(st.value(), n -> {
                if (n instanceof Expr.Name nm && !any[0] && !nm.id().equals(name)
                        && (flow.params().contains(nm.id()) || derivedFromParams(nm.id(), flow, seen))) {
                    any[0] = true;
                }
            });
            if (!any[0]) return false;
        }
        return true;
    }
}
