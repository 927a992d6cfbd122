package dev.pollcheck.flow;

import dev.pollcheck.model.TopLevel;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a function does with its poll_table parameter (in the context of which of its parameters
 * carry requested events).
 *
 * @param function      the function
 * @param ptParam       0-based index of the poll_table parameter followed, -1 for none
 * @param eventParams   bit i set when parameter i carries requested events (from the caller)
 * @param registers     when it registers: always, only under event or state conditions, never
 * @param registrations its registration calls, in source order
 * @param readsEvents   whether it reads the requested events at all
 * @param returnsEvents whether its return value depends on the requested events
 * @param eventBits     the event constants its event conditions test ({@code EPOLLPRI}, ...)
 * @param flow          the per-function facts (CFG, aliases, derived variables)
 */
public record Summary(TopLevel.Function function, int ptParam, long eventParams, Registers registers,
                      List<Registration> registrations, boolean readsEvents, boolean returnsEvents,
                      Set<String> eventBits, FunctionFlow flow) {

    public enum Registers {
        ALWAYS, STATE_DEPENDENT, EVENTS_DEPENDENT, NEVER;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public boolean registersAnything() {
        return !registrations.isEmpty();
    }
}
