package dev.pollcheck.rules;

import dev.pollcheck.flow.CText;
import dev.pollcheck.flow.Cfg;
import dev.pollcheck.flow.PollFlow;
import dev.pollcheck.flow.Summary;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import java.util.EnumSet;
import java.util.Set;

/** PW003: a poll method whose mask depends on state but that registers nothing. */
public final class ReadyWithoutRegistration implements Rule {
    static final RuleInfo INFO = new RuleInfo("PW003", "ReadyWithoutRegistration",
            "A poll method reports readiness but registers no wait queue",
            Level.WARNING,
            """
            A poll method whose mask depends on the device state (some path reports an event, some \
            path reports nothing) must register the wait queue that the driver wakes when the state \
            changes. If it registers nothing, directly or through a helper, a poll(), select() or \
            epoll_wait() that finds it not ready sleeps until its timeout, whatever the device does.

            A method that always returns the same mask is not a finding: it never needs to wake \
            anyone. A method that passes its poll_table to a helper pollcheck cannot see is assumed \
            to register there. Where every ready value is a terminal state (EPOLLERR, EPOLLHUP), the \
            finding is a note.""",
            """
            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo *dev = file->private_data;

            	if (foo_has_data(dev))
            		return EPOLLIN | EPOLLRDNORM;
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

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public Finding check(MethodSite site) {
        Summary s = site.summary();
        TopLevel.Function f = site.method();
        if (s.registersAnything() || !PollFlow.readable(f)) return null;
        Cfg cfg = s.flow().cfg();
        boolean canZero = false;
        boolean canReady = false;
        boolean onlyTerminal = true;
        Stmt.Return readyAt = null;
        for (int rn : cfg.returns()) {
            Stmt.Return r = (Stmt.Return) cfg.node(rn).ast;
            if (r.value() == null) continue;
            Set<Long> vals = Masks.values(r.value(), s.flow());
            if (vals == null) {
                canZero = true;
                canReady = true;
                onlyTerminal = false;
                if (readyAt == null) readyAt = r;
                continue;
            }
            for (long v : vals) {
                if (v == 0) {
                    canZero = true;
                } else {
                    canReady = true;
                    if (readyAt == null) readyAt = r;
                    if ((v & ~(Masks.ERR | Masks.HUP | Masks.NVAL | Masks.RDHUP)) != 0) onlyTerminal = false;
                }
            }
        }
        if (!canZero || !canReady) return null;
        String msg = f.name() + " can report readiness (`return " + CText.of(readyAt.value()) + "` on line "
                + readyAt.span().line() + ") and can report nothing, but registers no wait queue on any path: "
                + "a caller that finds it not ready sleeps until its timeout.";
        return new Finding(INFO.id(), onlyTerminal ? Level.NOTE : INFO.level(), f.nameSpan(), f.name(), msg, null,
                null, null, EnumSet.of(Api.POLL, Api.SELECT, Api.EPOLL), f, null);
    }
}
