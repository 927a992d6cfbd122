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
 * is then not the PCM runtime's; the enumerators they declare are constants, however spelt; and a
 * mask they define as one bit of a named number is that bit, by either name.
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
    void aMaskOfAnIncludedHeaderIsOneBitWithItsNumber() throws Exception {
        // XTRIG_FL_FREED = (1 << XTRIG_FL_FREED_BIT) in include/linux/xtrig.h: the ioctl's set_bit and
        // clear_bit of XTRIG_FL_SOFT_DISABLED_BIT are another bit, not a write of the whole word.
        JsonNode findings = check("testdata/multi/bit_number_header");
        assertEquals(1, findings.size(), findings::toString);
        JsonNode f = findings.get(0);
        assertEquals("note", f.path("level").asText(), f::toString);
        assertTrue(f.path("message").asText().contains("flag `XTRIG_FL_FREED` is moved to the skipping value only by `xtrig_remove()`"),
                f::toString);
        assertFalse(f.path("message").asText().contains("xtrig_ioctl"), f::toString);
    }

    @Test
    void aBitClearedByItsNumberIsTheMaskTested() throws Exception {
        JsonNode findings = check("testdata/pw002/bit_number_cleared.c");
        assertEquals(1, findings.size(), findings::toString);
        JsonNode f = findings.get(0);
        assertEquals("warning", f.path("level").asText(), f::toString);
        assertTrue(f.path("message").asText().contains("flag `FOO_STOPPED` is written by `foo_ioctl()`"), f::toString);
    }

    private static JsonNode check(String path) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check", "--no-simulate", "--format", "json", "--fail-on", "none", path},
                DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("findings");
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
