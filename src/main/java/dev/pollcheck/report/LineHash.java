package dev.pollcheck.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code primaryLocationLineHash} that GitHub's {@code upload-sarif} action adds to results that
 * lack one, computed the same way so that alerts keep their identity whether or not the action
 * computes it.
 *
 * <p>The algorithm (as the action documents it): a rolling polynomial hash, base 37 in wrapping 64-bit
 * arithmetic, over a window of the next 100 characters that are not spaces or tabs, counted from the
 * start of each line; CR, LF and CRLF all count as one LF; after the last character a marker value
 * 65535 and enough zeros to fill the window. Each line's hash is printed as unsigned hex followed by
 * {@code :n}, where n counts how often that hash value has occurred so far in the file.
 */
public final class LineHash {

    private static final int WINDOW = 100;
    private static final long BASE = 37;
    private static final int END_OF_FILE = 65535;
    /** BASE^WINDOW: what the character leaving the window contributed. */
    private static final long LEAVING_FACTOR;

    static {
        long f = 1;
        for (int i = 0; i < WINDOW; i++) f *= BASE;
        LEAVING_FACTOR = f;
    }

    private LineHash() {
    }

    /** Hashes of every line of {@code text}; element i is line i + 1. */
    public static List<String> compute(String text) {
        return new Hasher().run(text);
    }

    /** The hash of one line (1-based), or null when the text has no such line. */
    public static String ofLine(String text, int line) {
        List<String> all = compute(text);
        return line >= 1 && line <= all.size() ? all.get(line - 1) : null;
    }

    private static final class Hasher {
        private final int[] window = new int[WINDOW];
        /** The line that starts at each window slot, or -1. */
        private final int[] lineAt = new int[WINDOW];
        private final Map<String, Integer> seen = new HashMap<>();
        private final List<String> out = new ArrayList<>();
        private long hash;
        private int slot;
        private int lineNumber;
        private boolean atLineStart = true;
        private boolean afterCr;

        List<String> run(String text) {
            Arrays.fill(lineAt, -1);
            for (int i = 0; i < text.length(); i++) feed(text.charAt(i));
            feed(END_OF_FILE);
            for (int i = 0; i < WINDOW; i++) {
                if (lineAt[slot] != -1) emit();
                roll(0);
            }
            return out;
        }

        private void feed(int c) {
            if (c == ' ' || c == '\t' || (afterCr && c == '\n')) {
                afterCr = false;
                return;
            }
            if (c == '\r') {
                c = '\n';
                afterCr = true;
            } else {
                afterCr = false;
            }
            // The slot about to be overwritten started a line WINDOW characters ago: its hash is complete.
            if (lineAt[slot] != -1) emit();
            if (atLineStart) {
                atLineStart = false;
                lineAt[slot] = ++lineNumber;
            }
            if (c == '\n') atLineStart = true;
            roll(c);
        }

        private void roll(int c) {
            int leaving = window[slot];
            window[slot] = c;
            hash = BASE * hash + c - LEAVING_FACTOR * leaving;
            slot = (slot + 1) % WINDOW;
        }

        private void emit() {
            String value = Long.toUnsignedString(hash, 16);
            int n = seen.merge(value, 1, Integer::sum);
            // Lines are emitted in order, so line k lands at index k - 1.
            out.add(value + ":" + n);
            lineAt[slot] = -1;
        }
    }
}
