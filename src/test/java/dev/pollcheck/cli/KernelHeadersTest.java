package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run on a tree reads the struct definitions the driver's directory lacks from the kernel headers
 * its files include, found under the nearest {@code include/}: a compress runtime's {@code state}
 * is then not the PCM runtime's; and the enumerators they declare are constants, however spelt.
 */
class KernelHeadersTest {

    @Test
    void structsOfIncludedHeadersTellTwoMembersOfOneNameApart() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check", "--no-simulate", "--format", "json", "--fail-on", "none",
                "testdata/multi/kernel_headers"}, DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonNode findings = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("findings");
        assertEquals(1, findings.size(), findings::toString);
        JsonNode f = findings.get(0);
        assertEquals("note", f.path("level").asText(), f::toString);
        assertTrue(f.path("message").asText().contains("only by `xpcm_remove()`"), f::toString);
        assertFalse(f.path("message").asText().contains("xcompr_ioctl"), f::toString);
    }

    @Test
    void enumeratorsOfIncludedHeadersAreConstants() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check", "--no-simulate", "--format", "json", "--fail-on", "none",
                "testdata/multi/header_enumerator"}, DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonNode findings = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("findings");
        assertEquals(1, findings.size(), findings::toString);
        JsonNode f = findings.get(0);
        assertEquals("note", f.path("level").asText(), f::toString);
        assertTrue(f.path("message").asText().contains("only by `xlink_remove()`"), f::toString);
        assertFalse(f.path("message").asText().contains("no writer"), f::toString);
    }
}
