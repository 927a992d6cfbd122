package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members the kernel core writes ({@code owned} lines of write-apis.txt, and of a user's
 * {@code --driver-model FILE}): a debugfs file's {@code file_inode(file)->i_private}, which no code of
 * the driver writes, is judged by the roles the line names, and the message names the line.
 */
class KernelOwnedTest {
    @TempDir
    Path tmp;

    @Test
    void inodePrivateDataIsTheKernelsAndTheMessageNamesTheLine() throws Exception {
        Run r = check("testdata/multi/inode_private_owned");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.findings().size(), r.findings()::toString);
        JsonNode f = r.findings().get(0);
        assertEquals("note", f.path("level").asText(), f::toString);
        String m = f.path("message").asText();
        assertTrue(m.contains("`file_inode(file)->i_private` has no writer in the scanned files; the kernel writes "
                + "`struct inode`'s `i_private` only at setup and at teardown (to 0) (write-apis.txt:"), m);
    }

    @Test
    void theDriversOwnWriteComesFirst() throws Exception {
        Run r = check("testdata/multi/inode_private_runtime");
        assertEquals(1, r.findings().size(), r.findings()::toString);
        JsonNode f = r.findings().get(0);
        assertEquals("warning", f.path("level").asText(), f::toString);
        assertTrue(f.path("message").asText().contains("`file_inode(file)->i_private` is written by `probe_ioctl()`"), f::toString);
    }

    @Test
    void aUsersOwnedLineAddsRolesAndAMalformedOneIsRefused() throws Exception {
        Path extra = tmp.resolve("owned.txt");
        Files.writeString(extra, "# i_private rewritten while open, in some kernel\nowned inode i_private runtime\n");
        Run r = check("testdata/multi/inode_private_owned", "--driver-model", extra.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode f = r.findings().get(0);
        assertEquals("warning", f.path("level").asText(), f::toString);
        assertTrue(f.path("message").asText().contains("the kernel writes `struct inode`'s `i_private` at setup, at teardown (to 0)"
                + " and at runtime (write-apis.txt:"), f::toString);
        assertTrue(f.path("message").asText().contains(extra + ":2)"), f::toString);
        for (String bad : List.of("owned inode i_private", "owned inode i_private always", "owned inode i_private setup setup",
                "owned struct-inode i_private setup")) {
            Path p = tmp.resolve("bad.txt");
            Files.writeString(p, "\n" + bad + "\n");
            Run refused = check("testdata/multi/inode_private_owned", "--driver-model", p.toString());
            assertEquals(2, refused.code(), bad + ": " + refused.err());
            assertTrue(refused.err().contains(p + ":2"), refused.err());
        }
    }

    private record Run(int code, JsonNode findings, String err) {
    }

    private static Run check(String path, String... more) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("check", "--no-simulate", "--format", "json", "--fail-on", "none"));
        args.addAll(List.of(more));
        args.add(path);
        int code = Main.run(args.toArray(new String[0]), DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        String text = out.toString(StandardCharsets.UTF_8);
        return new Run(code, text.isBlank() ? null : new ObjectMapper().readTree(text).path("findings"),
                err.toString(StandardCharsets.UTF_8));
    }
}
