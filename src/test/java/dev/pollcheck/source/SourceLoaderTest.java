package dev.pollcheck.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.ParseProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceLoaderTest {
    @TempDir
    Path tmp;

    private static SourceLoader.Loaded decode(byte[] b) {
        return SourceLoader.decode(null, "x.c", b);
    }

    @Test
    void asciiAndValidUtf8() {
        SourceLoader.Loaded l = decode("int a;\n/* é ü 😀 */\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(SourceLoader.Status.OK, l.status());
        assertEquals("int a;\n/* é ü 😀 */\n", l.file().text());
        assertFalse(l.file().malformed());
        assertTrue(l.problems().isEmpty());
    }

    @Test
    void badBytesMapOneToOneAndAreReportedWithLine() {
        byte[] b = {'a', '\n', 'b', 'c', (byte) 0xE9, 'd', (byte) 0xC3, '\n', (byte) 0xF0, (byte) 0x9F, 'x', '\n'};
        SourceLoader.Loaded l = decode(b);
        assertEquals(SourceLoader.Status.MALFORMED, l.status());
        assertTrue(l.file().malformed());
        String t = l.file().text();
        assertEquals(b.length, t.length(), "each bad byte is one char");
        assertEquals("a\nbc\u00e9d\u00c3\n\u00f0\u009fx\n", t);
        ParseProblem p = l.problems().get(0);
        assertEquals("x.c", p.file());
        assertEquals(2, p.line());
        assertEquals(3, p.column());
    }

    @Test
    void overlongAndSurrogateSequencesAreBad() {
        assertTrue(decode(new byte[] {(byte) 0xC0, (byte) 0x80}).file().malformed());
        assertTrue(decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).file().malformed());
        assertEquals(3, decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).file().text().length());
    }

    @Test
    void nulEarlyMeansBinary() {
        byte[] b = {'E', 'L', 'F', 0, 1, 2};
        SourceLoader.Loaded l = decode(b);
        assertEquals(SourceLoader.Status.BINARY, l.status());
        assertNull(l.file());
        assertTrue(l.problems().get(0).message().contains("binary"));
    }

    @Test
    void nulLateIsBlankedAndReported() {
        byte[] b = new byte[SourceLoader.BINARY_PROBE + 10];
        java.util.Arrays.fill(b, (byte) 'a');
        b[100] = '\n';
        b[SourceLoader.BINARY_PROBE + 5] = 0;
        SourceLoader.Loaded l = decode(b);
        assertEquals(SourceLoader.Status.OK, l.status());
        assertEquals(' ', l.file().text().charAt(SourceLoader.BINARY_PROBE + 5));
        assertEquals(2, l.problems().get(0).line());
        assertTrue(l.problems().get(0).message().contains("NUL"));
    }

    @Test
    void sizeCapSkipsWithoutReading() throws IOException {
        Path f = tmp.resolve("big.c");
        Files.write(f, new byte[2000]);
        SourceLoader.Loaded l = new SourceLoader(1000).load(f, "big.c");
        assertEquals(SourceLoader.Status.TOO_LARGE, l.status());
        assertTrue(l.problems().get(0).toString().startsWith("big.c:"));
        assertTrue(l.problems().get(0).message().contains("too large"));
    }

    /** A 50 MB file (written at test time): skipped by the default cap, with a notice, no OOM. */
    @Test
    void fiftyMegabyteFile() throws IOException {
        Path f = tmp.resolve("huge.c");
        byte[] line = "int filler_variable_with_a_long_name = 12345678; /* padding */\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(f)) {
            for (long w = 0; w < 50L << 20; w += line.length) out.write(line);
        }
        SourceLoader.Loaded l = new SourceLoader().load(f, "huge.c");
        assertEquals(SourceLoader.Status.TOO_LARGE, l.status());
        assertNull(l.file());
        assertEquals("huge.c", l.problems().get(0).file());
    }

    @Test
    void missingFileIsAProblem() {
        SourceLoader.Loaded l = new SourceLoader().load(tmp.resolve("gone.c"), "gone.c");
        assertEquals(SourceLoader.Status.MISSING, l.status());
        assertTrue(l.problems().get(0).message().contains("vanished"));
    }

    @Test
    void directoryIsNotRead() throws IOException {
        Path d = Files.createDirectory(tmp.resolve("dir.c"));
        assertEquals(SourceLoader.Status.NOT_REGULAR, new SourceLoader().load(d, "dir.c").status());
    }

    @Test
    void readsWholeFileOfAnySize() throws IOException {
        for (int size : new int[] {0, 1, 4095, 4096, 70_000}) {
            byte[] b = new byte[size];
            for (int i = 0; i < size; i++) b[i] = (byte) ('a' + i % 26);
            Path f = tmp.resolve("s" + size + ".c");
            Files.write(f, b);
            SourceLoader.Loaded l = new SourceLoader().load(f, "s.c");
            assertEquals(new String(b, StandardCharsets.US_ASCII), l.file().text());
        }
    }

    @Test
    void byteOrderMarkBecomesABlank() {
        SourceLoader.Loaded l = decode(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'i', 'n', 't', ';'});
        assertEquals(" int;", l.file().text());
        assertFalse(l.file().malformed());
    }
}
