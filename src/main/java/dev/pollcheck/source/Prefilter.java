package dev.pollcheck.source;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decides cheaply whether a file may hold something the analysis needs: a poll method, a helper
 * that takes a {@code poll_table}, or a file_operations / proc_ops initializer naming a poll method.
 *
 * <p>It runs on the raw bytes, before any decoding (a kernel tree is a gigabyte of text of which
 * the analysis wants a few megabytes), and says yes when an occurrence of {@code poll} is written as:
 * <ul>
 *   <li>{@code poll_wait} (also inside {@code sock_poll_wait}, {@code poll_wait_...});</li>
 *   <li>{@code poll_table} (also {@code poll_table_struct});</li>
 *   <li>{@code .poll} (the member of an ops initializer: {@code .poll = foo_poll},
 *       {@code .poll\t= ...});</li>
 *   <li>{@code proc_poll} ({@code .proc_poll = ...} of a {@code proc_ops}).</li>
 * </ul>
 * A poll method or a helper that takes the table spells {@code poll_table} in its parameters, so a
 * mere call such as {@code vb2_poll(} or {@code napi_poll(} does not make a file matter (on the
 * kernel tree that form alone would add 726 files, most of them NAPI network drivers, and not one
 * poll method).
 * Comments and strings are not told apart from code: a mention in a comment also says yes, which
 * only costs a parse. The same pass notes whether the file is plain ASCII without NUL bytes, so that
 * only a file that is not needs looking at again (for a binary-file notice).
 */
public final class Prefilter {
    private Prefilter() {
    }

    /** What one pass over a file's bytes found. */
    public enum Verdict {
        /** Some occurrence of poll may matter: decode and parse the file. */
        MAY_MATTER,
        /** Nothing that matters, and the bytes are plain ASCII without NUL: the file can be dropped unread. */
        CANNOT_MATTER,
        /**
         * Nothing that matters, but there are bytes over 0x7F or NUL bytes: the file may be binary,
         * which deserves a notice though nothing in it is read.
         */
        CANNOT_MATTER_NOT_PLAIN
    }

    public static boolean mayMatter(String text) {
        // Only ASCII is looked for, so the one-byte encoding (anything else becomes '?') is exact.
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return scan(bytes, bytes.length) == Verdict.MAY_MATTER;
    }

    /** Eight bytes at a time, in the order of the array. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long PS = 0x7070707070707070L;
    private static final long LS = 0x6c6c6c6c6c6c6c6cL;

    /**
     * One pass over the first {@code n} bytes; stops at the first occurrence that may matter. It reads
     * sixteen bytes at a time as two words and tests each as a whole (a gigabyte of a tree goes
     * through here, mostly before the JIT has done much): {@code word ^ "pppppppp"} has a zero byte
     * where the word holds a {@code p}, found with the usual {@code (x - 0x01..) & ~x & 0x80..} test,
     * and {@code (word - 0x01..) | word} has a high bit set when the word holds a NUL or a byte over
     * 0x7F. The zero-byte test may also flag a byte above a real hit (a borrow), which only costs a
     * look at that byte. A {@code p} is looked at only when an {@code l} stands two bytes after it
     * (the words two bytes on, tested the same way): {@code p} is a common letter, {@code p?l} is not.
     */
    public static Verdict scan(byte[] b, int n) {
        long notPlain = 0;
        int i = 0;
        for (; i + 18 <= n; i += 16) {
            long v = (long) LONGS.get(b, i);
            long w = (long) LONGS.get(b, i + 8);
            notPlain |= (v - ONES) | v | (w - ONES) | w;
            long x = v ^ PS;
            long y = w ^ PS;
            long pv = (x - ONES) & ~x & HIGHS;
            long pw = (y - ONES) & ~y & HIGHS;
            if ((pv | pw) == 0) continue;
            long lx = (long) LONGS.get(b, i + 2) ^ LS;
            long ly = (long) LONGS.get(b, i + 10) ^ LS;
            pv &= (lx - ONES) & ~lx & HIGHS;
            pw &= (ly - ONES) & ~ly & HIGHS;
            if ((pv | pw) != 0 && (anyMatters(b, n, i, pv) || anyMatters(b, n, i + 8, pw))) {
                return Verdict.MAY_MATTER;
            }
        }
        boolean plain = (notPlain & HIGHS) == 0;
        for (int k = i; k < n; k++) {
            if (b[k] <= 0) {
                plain = false;
            }
            if (b[k] == 'p' && pollAt(b, n, k)) {
                return Verdict.MAY_MATTER;
            }
        }
        return plain ? Verdict.CANNOT_MATTER : Verdict.CANNOT_MATTER_NOT_PLAIN;
    }

    /** Whether one of the bytes flagged in {@code mask} (a high bit per byte of the word at {@code at}) starts a poll that matters. */
    private static boolean anyMatters(byte[] b, int n, int at, long mask) {
        for (long m = mask; m != 0; m &= m - 1) {
            if (pollAt(b, n, at + (Long.numberOfTrailingZeros(m) >>> 3))) {
                return true;
            }
        }
        return false;
    }

    private static boolean pollAt(byte[] b, int n, int k) {
        return k + 3 < n && b[k] == 'p' && b[k + 1] == 'o' && b[k + 2] == 'l' && b[k + 3] == 'l' && matters(b, n, k);
    }

    /** Whether the {@code poll} at {@code i} is written in one of the forms listed above. */
    private static boolean matters(byte[] b, int n, int i) {
        int after = i + 4;
        if (startsWith(b, n, after, "_wait") || startsWith(b, n, after, "_table")) {
            return true;
        }
        if (i == 0) {
            return false;
        }
        byte before = b[i - 1];
        return before == '.' || before == '_' && i >= 5 && startsWith(b, n, i - 5, "proc_");
    }

    /**
     * Whether the first {@code n} bytes hold {@code ascii} anywhere: the slow path for words the
     * user adds ({@code --ops TYPE.member}), never taken on a default run.
     */
    public static boolean mentions(byte[] b, int n, String ascii) {
        if (ascii.isEmpty()) return true;
        byte first = (byte) ascii.charAt(0);
        for (int i = 0; i + ascii.length() <= n; i++) {
            if (b[i] == first && startsWith(b, n, i, ascii)) return true;
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int n, int at, String ascii) {
        if (at + ascii.length() > n) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            if (b[at + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** How much of a file too large to load {@link #fileMayMatter} reads before it gives up and says yes. */
    public static final long STREAM_LIMIT = 256L << 20;

    /**
     * The prefilter's verdict on a file too large to load, read in chunks (so it costs no memory):
     * whether it mentions poll or one of {@code words}. A file longer than {@link #STREAM_LIMIT}, or
     * one that cannot be read, may matter: nothing says it does not.
     */
    public static boolean fileMayMatter(java.nio.file.Path file, java.util.List<String> words) {
        // Longer than any word searched, so that a word across two chunks is seen.
        int overlap = 64;
        for (String w : words) overlap = Math.max(overlap, w.length() + 8);
        byte[] buf = new byte[1 << 20];
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            long total = 0;
            int kept = 0;
            while (total < STREAM_LIMIT) {
                int r = in.read(buf, kept, buf.length - kept);
                if (r < 0) return false;
                total += r;
                int n = kept + r;
                if (scan(buf, n) == Verdict.MAY_MATTER) return true;
                for (String w : words) {
                    if (mentions(buf, n, w)) return true;
                }
                kept = Math.min(overlap, n);
                System.arraycopy(buf, n - kept, buf, 0, kept);
            }
            return true;
        } catch (java.io.IOException | SecurityException e) {
            return true;
        }
    }
}
