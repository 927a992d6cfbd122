package dev.pollcheck.sim;

/**
 * A value of the interpreter. Integers are 64-bit with C's bit arithmetic; everything the model
 * cannot know is symbolic and named by its canonical expression text, so that the same expression
 * read twice in one call is the same value and a wait queue is identified by the text of its
 * address ({@code &dev->read_event}).
 */
sealed interface Value {

    /** Canonical text, used as the identity of symbolic values and in the timeline. */
    String text();

    /** A known integer. */
    record Int(long v) implements Value {
        static final Int ZERO = new Int(0);
        static final Int ONE = new Int(1);

        static Int of(boolean b) {
            return b ? ONE : ZERO;
        }

        public String text() {
            return v >= 0 && v < 10 ? Long.toString(v) : "0x" + Long.toHexString(v);
        }
    }

    /** A non-NULL address or object: a parameter, {@code &x}, {@code &dev->wq}, a string literal. */
    record Ptr(String name) implements Value {
        public String text() {
            return name;
        }
    }

    /** The {@code poll_table *} the kernel passed, under the name of the parameter that received it. */
    record Table(String name) implements Value {
        public String text() {
            return name;
        }
    }

    /**
     * A value the model cannot know, with what is known of its bits: {@code ones} are bits known to
     * be set, {@code unknown} the bits that may be either; every other bit is known to be clear. A
     * free value read from the device ({@code opener->type}) has every bit unknown.
     */
    record Unknown(String name, long ones, long unknown) implements Value {
        static Unknown free(String name) {
            return new Unknown(name, 0, -1L);
        }

        public String text() {
            return name;
        }

        boolean isFree() {
            return ones == 0 && unknown == -1L;
        }
    }
}
