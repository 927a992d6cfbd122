package dev.pollcheck.rules;

import dev.pollcheck.flow.Registration;
import dev.pollcheck.flow.Skip;
import java.util.EnumSet;

/** PW001: a registration that some choice of requested events skips. */
public final class RequestedEventsSkipRegistration implements Rule {
    static final RuleInfo INFO = new RuleInfo("PW001", "RegistrationSkippedByRequestedEvents",
            "A wait queue is registered only for some requested events",
            Level.ERROR,
            """
            poll_wait() registers a waiter only while the poll_table's _qproc is set, which is true on \
            the first call only: the first pass of poll() and select(), and EPOLL_CTL_ADD. Every later \
            call, including the one after EPOLL_CTL_MOD changes the requested events, passes a table \
            that cannot register anything.

            A registration that is control dependent on the requested events (poll_requested_events(), \
            pt->_key, or any value derived from them, including a mask set only when an event was \
            requested and then tested by an early return) is skipped when the first call asks for \
            other events. If the caller later asks for the events this queue signals (EPOLL_CTL_MOD), \
            the poll method reports them when polled, but nobody is woken when they happen: epoll_wait \
            sleeps through them.

            Register every wait queue that may matter first, unconditionally, and only then compute \
            the mask from the requested events.""",
            """
            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo *dev = file->private_data;
            	__poll_t req = poll_requested_events(wait);
            	__poll_t mask = 0;

            	if (req & EPOLLPRI) {
            		poll_wait(file, &dev->event_wait, wait);
            		if (foo_event_pending(dev))
            			mask |= EPOLLPRI;
            	}
            	poll_wait(file, &dev->read_wait, wait);
            	if (foo_has_data(dev))
            		mask |= EPOLLIN | EPOLLRDNORM;
            	return mask;
            }
            """,
            """
            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo *dev = file->private_data;
            	__poll_t req = poll_requested_events(wait);
            	__poll_t mask = 0;

            	poll_wait(file, &dev->event_wait, wait);
            	poll_wait(file, &dev->read_wait, wait);
            	if ((req & EPOLLPRI) && foo_event_pending(dev))
            		mask |= EPOLLPRI;
            	if (foo_has_data(dev))
            		mask |= EPOLLIN | EPOLLRDNORM;
            	return mask;
            }
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public Finding check(RegistrationSite site) {
        Registration r = site.registration();
        Skip first = null;
        for (Skip s : r.skips()) {
            if (s.kind() == Skip.Kind.EVENTS) {
                first = s;
                break;
            }
        }
        if (first == null) return null;
        String fn = r.owner().name();
        StringBuilder msg = new StringBuilder();
        msg.append(capital(Skips.what(r))).append(" in ").append(fn).append(" is skipped ")
                .append(Skips.when(first, site.flow())).append(", which depends on the requested events");
        String others = others(r, first);
        if (!others.isEmpty()) msg.append("; also skipped by ").append(others);
        msg.append(": register it before testing the events, or a later EPOLL_CTL_MOD cannot wake on it.");
        return new Finding(INFO.id(), INFO.level(), r.call().span(), fn, msg.toString(), r.queueText(),
                first.span(), first.text(), EnumSet.of(Api.EPOLL), site.method(), r.call());
    }

    static String others(Registration r, Skip primary) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        int more = 0;
        for (Skip s : r.skips()) {
            if (s == primary || s.kind() == Skip.Kind.PT_CHECK || s.kind() == Skip.Kind.LOOP) continue;
            if (n++ >= 3) {
                more++;
                continue;
            }
            if (sb.length() > 0) sb.append(", ");
            sb.append('`').append(s.text()).append("` (line ").append(s.span().line()).append(')');
        }
        if (more > 0) sb.append(" and ").append(more).append(more == 1 ? " other condition" : " other conditions");
        return sb.toString();
    }

    static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
