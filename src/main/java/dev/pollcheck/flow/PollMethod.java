package dev.pollcheck.flow;

import dev.pollcheck.model.Span;
import dev.pollcheck.model.TopLevel;
import java.util.Locale;

/**
 * One poll method found in the tree.
 *
 * @param name      the function's name
 * @param function  its definition, or null when the tree does not define it ({@code .poll = datagram_poll})
 * @param file      the file holding the reference (the ops initializer), or the definition's file
 *                  for a method found by its signature
 * @param opsType   the ops structure ({@code struct file_operations}), or null when unknown
 * @param member    the member it is stored in ({@code poll}, {@code proc_poll}), or null
 * @param reference where the function is named (the initializer value), or the function's name for
 *                  a method found by its signature
 * @param how       how it was found
 */
public record PollMethod(String name, TopLevel.Function function, String file, String opsType, String member,
                         Span reference, How how) {

    public enum How {
        /** A designated initializer of an ops structure ({@code .poll = foo_poll}). */
        INITIALIZER,
        /** Through a macro: a {@code #define}d function name or a macro that expands to an initializer. */
        MACRO,
        /** An assignment in a function body ({@code hw->ops.poll = foo_poll;}). */
        ASSIGNMENT,
        /** The function's signature alone. */
        SIGNATURE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
