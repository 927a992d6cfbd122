package dev.pollcheck.driver;

import java.util.Locale;

/**
 * One piece of state a condition reads.
 *
 * @param kind  what it is
 * @param key   what writers are matched by: the member name ({@code ready}, {@code private_data}),
 *              the bit's name for a flag, the drvdata slot ({@code drvdata}), the helper's name
 * @param type  the struct tag the member belongs to when the base's type is known, else null
 * @param text  the atom as written in the condition ({@code dev->ready}, {@code FOO_HAS_EVENTS})
 * @param skipValue the value that takes the skipping side: {@code 0} (zero, NULL, false, empty),
 *              {@code nonzero}, or a constant's spelling; null when the condition does not say
 * @param word  for a flag tested in a member ({@code dev->flags & FOO}), that member's text: every
 *              change of the bit is a write of it; else null
 * @param file  for private data, the poll method whose file it is (its writers are the code that runs
 *              on files of that method's ops table); else null
 */
public record Atom(Kind kind, String key, String type, String text, String skipValue, String word, String file) {

    public Atom(Kind kind, String key, String type, String text, String skipValue) {
        this(kind, key, type, text, skipValue, null, null);
    }

    public Atom(Kind kind, String key, String type, String text, String skipValue, String word) {
        this(kind, key, type, text, skipValue, word, null);
    }

    public enum Kind {
        /** A member read through a pointer or a struct: {@code dev->ready}. */
        MEMBER,
        /** The file's private data: {@code file->private_data}, a local set from it. */
        PRIVATE_DATA,
        /** A bit tested with {@code test_bit} or {@code &}. */
        FLAG,
        /** A list's (or fifo's) emptiness. */
        LIST,
        /** A counter ({@code atomic_read}, a member compared with a number). */
        COUNTER,
        /** Data a driver stores with {@code *_set_drvdata} and reads back with {@code *_get_drvdata}. */
        DRVDATA,
        /** A function's result that the model cannot see through (no body in the files read). */
        HELPER,
        /** A static helper that returns one constant on every path ({@code skipValue} holds it, {@code type} the helper's file:line). */
        CONSTANT;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The same atom with another skipping value. */
    public Atom withSkipValue(String v) {
        return new Atom(kind, key, type, text, v, word, file);
    }
}
