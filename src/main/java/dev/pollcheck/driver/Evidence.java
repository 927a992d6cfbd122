package dev.pollcheck.driver;

import java.util.List;

/**
 * One fact a state judgement rests on: a write of an atom (or the absence of any, {@code function}
 * null), for the message and the finding's JSON {@code evidence} array.
 *
 * @param atom     the atom as written in the condition
 * @param function the writing function, or null when no writer was found
 * @param role     its role ({@code setup}, {@code open}, {@code runtime}, {@code teardown}, {@code unknown}), or null
 * @param how      why it has that role ({@code unlocked_ioctl}, {@code called from foo_probe()}), or null
 * @param file     the write's file, or null
 * @param line     the write's line, or 0
 * @param value    the constant written, or null
 * @param wakes    the queues the writer wakes (see {@link Write#wakes()})
 */
public record Evidence(String atom, String function, String role, String how, String file, int line, String value,
                       List<String> wakes) {
    public static Evidence of(Atom a, Write w) {
        return new Evidence(a.text(), w.function(), w.role().id(), w.origin().how(), w.file(), w.line(), w.value(), w.wakes());
    }

    public static Evidence none(Atom a) {
        return new Evidence(a.text(), null, null, null, null, 0, null, List.of());
    }
}
