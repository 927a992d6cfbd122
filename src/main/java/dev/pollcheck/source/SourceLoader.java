package dev.pollcheck.source;

import dev.pollcheck.model.ParseProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a source file once ({@link #read}, into a {@link Buffer} a worker reuses) and decodes it
 * ({@link #decode}), or both at once ({@link #load}). Never throws for a bad file: whatever goes wrong
 * becomes a {@link Loaded} with no file, a {@link Status} and a problem naming the file.
 *
 * <ul>
 *   <li>Files over the size cap ({@link #DEFAULT_MAX_BYTES} unless configured) are not read at all:
 *       the size is checked first and reading stops at the cap, so a huge or growing file costs no
 *       memory.</li>
 *   <li>A NUL byte in the first {@value #BINARY_PROBE} bytes marks a binary file: not parsed. A NUL
 *       further on is read as a blank (so positions stay) and reported.</li>
 *   <li>Bytes that are not valid UTF-8 are read one byte to one char (ISO-8859-1 style); the file is
 *       still parsed, {@code malformed} is set and a notice gives the line of the first bad byte.</li>
 * </ul>
 */
public final class SourceLoader {
    public static final long DEFAULT_MAX_BYTES = 8L << 20;
    /** The largest cap a loader takes: one Java array must hold the file. */
    public static final long LARGEST_CAP = 1L << 30;
    public static final int BINARY_PROBE = 8192;

    public enum Status { OK, MALFORMED, BINARY, TOO_LARGE, NOT_REGULAR, MISSING, UNREADABLE }

    /**
     * The outcome of loading one file: {@code file} is null when it is not to be parsed (binary, too
     * large, unreadable...); {@code problems} hold the notices, each naming the file.
     */
    public record Loaded(SourceFile file, Status status, List<ParseProblem> problems) {
        public boolean parseable() {
            return file != null;
        }
    }

    private final long maxBytes;

    public SourceLoader() {
        this(DEFAULT_MAX_BYTES);
    }

    public SourceLoader(long maxBytes) {
        if (maxBytes <= 0 || maxBytes > LARGEST_CAP) {
            throw new IllegalArgumentException("size cap out of range: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Loaded load(Path path, String displayPath) {
        Buffer buffer = new Buffer();
        Loaded failed = read(path, displayPath, buffer);
        return failed != null ? failed : decode(path, displayPath, buffer.bytes(), buffer.length());
    }

    /**
     * A reading buffer that a worker thread reuses from file to file, so that a scan of a whole tree
     * (a gigabyte, most of which the prefilter throws away) allocates nothing per file.
     */
    public static final class Buffer {
        private byte[] bytes = new byte[64 << 10];
        private int length;

        public byte[] bytes() {
            return bytes;
        }

        public int length() {
            return length;
        }
    }

    /**
     * Reads the file into {@code buffer} (at most {@code maxBytes}); null when that worked, else the
     * failed {@link Loaded} with its notice. Nothing is decoded: the caller may prefilter the raw bytes
     * and {@link #decode} only the files that matter.
     */
    public Loaded read(Path path, String displayPath, Buffer buffer) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                // A FIFO or device would block or never end: never open it.
                return fail(displayPath, Status.NOT_REGULAR, "not a regular file; skipped");
            }
            if (attrs.size() > maxBytes) {
                return tooLarge(displayPath, attrs.size());
            }
            if (!readCapped(path, attrs.size(), buffer)) {
                return tooLarge(displayPath, -1);
            }
            return null;
        } catch (NoSuchFileException e) {
            return fail(displayPath, Status.MISSING, "file vanished before it could be read (deleted during the scan?)");
        } catch (AccessDeniedException e) {
            return fail(displayPath, Status.UNREADABLE, "cannot read file: permission denied");
        } catch (IOException | SecurityException e) {
            return fail(displayPath, Status.UNREADABLE, "cannot read file: " + describe(e));
        }
    }

    /**
     * Reads the file into the buffer, growing it when the file is longer than expected; false when the
     * file turned out longer than the cap (it grew after the size check).
     */
    private boolean readCapped(Path path, long expected, Buffer buffer) throws IOException {
        if (buffer.bytes.length < expected + 1) {
            buffer.bytes = new byte[(int) Math.min(maxBytes + 1, Math.max(expected + 1, buffer.bytes.length * 2L))];
        }
        try (InputStream in = Files.newInputStream(path)) {
            int len = 0;
            while (true) {
                if (len == buffer.bytes.length) {
                    if (len > maxBytes) {
                        return false;
                    }
                    buffer.bytes = Arrays.copyOf(buffer.bytes, (int) Math.min(maxBytes + 1, len * 2L));
                }
                int r = in.read(buffer.bytes, len, buffer.bytes.length - len);
                if (r < 0) {
                    break;
                }
                len += r;
            }
            buffer.length = len;
            return len <= maxBytes;
        }
    }

    /** Whether the first {@code n} bytes hold a NUL within the first {@value #BINARY_PROBE}: a binary file. */
    public static boolean looksBinary(byte[] bytes, int n) {
        int probe = Math.min(n, BINARY_PROBE);
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Decodes bytes already in memory; public for tests and for input that does not come from a file. */
    public static Loaded decode(Path path, String displayPath, byte[] bytes) {
        return decode(path, displayPath, bytes, bytes.length);
    }

    /** Decodes the first {@code n} bytes of {@code bytes} (which may be a reused {@link Buffer}). */
    public static Loaded decode(Path path, String displayPath, byte[] bytes, int n) {
        // Fast path on JDK intrinsics: US-ASCII decoding is one char per byte (a copy when all bytes
        // are < 0x80, U+FFFD for the others), so positions in it are byte positions.
        String ascii = new String(bytes, 0, n, StandardCharsets.US_ASCII);
        int nul = ascii.indexOf(0);
        if (nul >= 0 && nul < BINARY_PROBE) {   // the test of looksBinary, on the decoded text
            int[] lc = lineColumn(bytes, nul);
            return new Loaded(null, Status.BINARY, List.of(new ParseProblem(displayPath, lc[0], lc[1],
                    "binary file (NUL byte in the first " + BINARY_PROBE + " bytes); not parsed")));
        }
        if (nul < 0 && ascii.indexOf('\uFFFD') < 0) {
            return new Loaded(new SourceFile(path, displayPath, ascii, false), Status.OK, List.of());
        }
        int first = 0;
        while (first < n && bytes[first] > 0) {
            first++;
        }
        char[] out = new char[n];
        for (int i = 0; i < first; i++) {
            out[i] = (char) bytes[i];
        }
        int o = first;
        int firstBad = -1;
        int firstNul = -1;
        int i = first;
        while (i < n) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                if (b == 0) {
                    if (firstNul < 0) firstNul = i;
                    out[o++] = ' ';
                } else {
                    out[o++] = (char) b;
                }
                i++;
                continue;
            }
            int len = utf8Length(bytes, i, n);
            if (len == 0) {
                if (firstBad < 0) firstBad = i;
                out[o++] = (char) b;
                i++;
                continue;
            }
            int cp;
            if (len == 2) {
                cp = ((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F);
            } else if (len == 3) {
                cp = ((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F);
            } else {
                cp = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12) | ((bytes[i + 2] & 0x3F) << 6) | (bytes[i + 3] & 0x3F);
            }
            if (cp >= 0x10000) {
                out[o++] = Character.highSurrogate(cp);
                out[o++] = Character.lowSurrogate(cp);
            } else {
                out[o++] = (char) cp;
            }
            i += len;
        }
        if (o > 0 && out[0] == '\uFEFF') {
            out[0] = ' ';   // a byte-order mark is no C: a blank keeps the columns after it
        }
        String text = new String(out, 0, o);
        boolean malformed = firstBad >= 0;
        Status status = malformed ? Status.MALFORMED : Status.OK;
        List<ParseProblem> problems;
        if (malformed && firstNul >= 0) {
            int[] a = lineColumn(bytes, firstBad);
            int[] b = lineColumn(bytes, firstNul);
            problems = List.of(badBytes(displayPath, a), nul(displayPath, b));
        } else if (malformed) {
            problems = List.of(badBytes(displayPath, lineColumn(bytes, firstBad)));
        } else if (firstNul >= 0) {
            problems = List.of(nul(displayPath, lineColumn(bytes, firstNul)));
        } else {
            problems = List.of();
        }
        return new Loaded(new SourceFile(path, displayPath, text, malformed), status, problems);
    }

    private static ParseProblem badBytes(String file, int[] lc) {
        return new ParseProblem(file, lc[0], lc[1], "bytes that are not valid UTF-8 (first here); read as ISO-8859-1");
    }

    private static ParseProblem nul(String file, int[] lc) {
        return new ParseProblem(file, lc[0], lc[1], "NUL byte (first here) read as a blank");
    }

    /** Length of the valid UTF-8 sequence starting at {@code i}, or 0 when the byte starts none. */
    private static int utf8Length(byte[] s, int i, int n) {
        int b = s[i] & 0xFF;
        if (b >= 0xC2 && b <= 0xDF) {
            return i + 1 < n && cont(s[i + 1]) ? 2 : 0;
        }
        if (b >= 0xE0 && b <= 0xEF) {
            if (i + 2 >= n || !cont(s[i + 1]) || !cont(s[i + 2])) return 0;
            int b1 = s[i + 1] & 0xFF;
            if (b == 0xE0 && b1 < 0xA0) return 0;          // overlong
            if (b == 0xED && b1 >= 0xA0) return 0;         // surrogate
            return 3;
        }
        if (b >= 0xF0 && b <= 0xF4) {
            if (i + 3 >= n || !cont(s[i + 1]) || !cont(s[i + 2]) || !cont(s[i + 3])) return 0;
            int b1 = s[i + 1] & 0xFF;
            if (b == 0xF0 && b1 < 0x90) return 0;          // overlong
            if (b == 0xF4 && b1 >= 0x90) return 0;         // above U+10FFFF
            return 4;
        }
        return 0;
    }

    private static boolean cont(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** 1-based line and column (in bytes) of byte {@code pos}; only used on the rare notice path. */
    static int[] lineColumn(byte[] bytes, int pos) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < pos; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, pos - lineStart + 1};
    }

    private Loaded tooLarge(String displayPath, long size) {
        String what = size >= 0 ? size + " bytes" : "grew while being read";
        return fail(displayPath, Status.TOO_LARGE,
                "file too large (" + what + ", cap " + maxBytes + " bytes); skipped");
    }

    private static Loaded fail(String displayPath, Status status, String message) {
        return new Loaded(null, status, List.of(new ParseProblem(displayPath, 0, 0, message)));
    }

    static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
