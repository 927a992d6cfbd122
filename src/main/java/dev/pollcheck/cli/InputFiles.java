package dev.pollcheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the inputs named by options ({@code --diff}, {@code --baseline}, {@code --models}) so that
 * one that is not what it claims fails as a usage error naming it instead of exhausting memory or
 * hanging: reading stops at {@link #MAX_BYTES} and at the first NUL byte (no patch, baseline or
 * models file holds one; {@code /dev/zero} and binary files do at once). FIFOs are read like files,
 * so {@code --diff <(git diff)} works.
 */
final class InputFiles {

    /** Far more than any real patch, baseline or models file. */
    static final int MAX_BYTES = 64 << 20;

    private InputFiles() {
    }

    /** The bytes of {@code file}, for the option {@code what} (as the message names it). */
    static byte[] read(Path file, String what) throws UsageException {
        if (Files.isDirectory(file)) throw new UsageException(what + " " + file + ": is a directory");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, what + " " + file);
        } catch (NoSuchFileException e) {
            throw new UsageException(what + " " + file + ": no such file");
        } catch (IOException | SecurityException e) {
            throw new UsageException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    /** The bytes of a stream, at most {@link #MAX_BYTES} and without NUL; {@code what} names it in errors. */
    static byte[] read(InputStream in, String what) throws IOException, UsageException {
        byte[] buf = new byte[64 << 10];
        int len = 0;
        while (true) {
            if (len == buf.length) {
                if (len > MAX_BYTES) {
                    throw new UsageException(what + ": larger than " + (MAX_BYTES >> 20) + " MiB; not read");
                }
                buf = Arrays.copyOf(buf, (int) Math.min(MAX_BYTES + 1L, len * 2L));
            }
            int r = in.read(buf, len, buf.length - len);
            if (r < 0) break;
            for (int i = len; i < len + r; i++) {
                if (buf[i] == 0) throw new UsageException(what + ": binary data (a NUL byte at offset " + i
                        + "), not text; not read");
            }
            len += r;
        }
        if (len > MAX_BYTES) {
            throw new UsageException(what + ": larger than " + (MAX_BYTES >> 20) + " MiB; not read");
        }
        return Arrays.copyOf(buf, len);
    }

    /** {@code bytes} as UTF-8, or a usage error naming the input when they are not. */
    static String utf8(byte[] bytes, String what) throws UsageException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(what + ": not UTF-8 text; not read");
        }
    }
}
