package dev.pollcheck.driver;

import java.util.List;

/**
 * One write of a state atom.
 *
 * @param key      the atom key written (member name, bit name, {@code drvdata})
 * @param type     the struct tag of the written member when known, else null
 * @param text     the written object as C text ({@code dev->ready})
 * @param how      the form: {@code =}, {@code ++}, {@code |=}, or the API's name ({@code set_bit});
 *                 {@value #NAMED_BITS} after {@code |=} or {@code &=} whose operand is named bits only
 *                 ({@code flags &= ~FOO_BUSY}), each of which is a write of its own; {@value #BIT_NUMBERS}
 *                 after a write API given one bit by its number ({@code set_bit bit number})
 * @param value    the value written when it is a constant ({@code 0}, {@code 1}, {@code NULL} read
 *                 as {@code 0}, an enumerator, {@code empty}/{@code nonempty}, {@code +}/{@code -}
 *                 for counters), else null
 * @param function the writing function
 * @param origin   its role and why
 * @param file     file of the write
 * @param line     line of the write
 * @param wakes    the wait queues the writing function wakes (itself, its direct callees and its
 *                 direct callers, as far as the model read them), as written
 */
public record Write(String key, String type, String text, String how, String value, String function,
                    Origin origin, String file, int line, List<String> wakes, java.util.Set<String> from) {
    /**
     * As above, with no guard: {@code from}, when not null, are the values the written state has
     * whenever the write runs (it sits under {@code if (x == A)} or {@code case A:} of
     * {@code switch (x)}): such a write moves the state only away from those values.
     */
    public Write(String key, String type, String text, String how, String value, String function, Origin origin,
                 String file, int line, List<String> wakes) {
        this(key, type, text, how, value, function, origin, file, line, wakes, null);
    }

    /** The suffix of {@link #how} for an or or and of named bits only. */
    public static final String NAMED_BITS = " bits";

    /**
     * The suffix of {@link #how} for a write API given one bit by its number's name
     * ({@code set_bit(FOO_BIT, &dev->flags)}): a named bit of the word, as an or of {@code FOO} is,
     * once the masks tested in the word are known by their numbers ({@link DriverModel#bitNumber}).
     */
    public static final String BIT_NUMBERS = " bit number";

    /**
     * {@link #how} of a write the kernel core makes of a member an {@code owned} line lists (its
     * {@link #file} and {@link #line} are that line's, its {@link #function} {@link #KERNEL}).
     */
    public static final String OWNED = "owned";

    /** {@link #function} of an {@link #OWNED} write. */
    public static final String KERNEL = "the kernel";

    /** Whether the kernel core makes this write, by an {@code owned} line of the driver model's data. */
    public boolean owned() {
        return OWNED.equals(how);
    }

    public Role role() {
        return origin.role();
    }

    /** Whether the write sets or clears named bits only, leaving the word's other bits alone. */
    public boolean namedBitsOnly() {
        return how.endsWith(NAMED_BITS) || how.endsWith(BIT_NUMBERS);
    }

    /** Whether the write names its bit by number ({@link #BIT_NUMBERS}). */
    public boolean bitNumber() {
        return how.endsWith(BIT_NUMBERS);
    }

    /** {@code foo.c:123}. */
    public String place() {
        return file + ":" + line;
    }
}
