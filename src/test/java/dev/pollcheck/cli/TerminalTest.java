package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void ciIsRecognised() {
        assertTrue(new Terminal(Map.of("CI", "true")).inCi());
        assertTrue(new Terminal(Map.of("CI", "1")).inCi());
        assertFalse(new Terminal(Map.of("CI", "false")).inCi());
        assertFalse(new Terminal(Map.of()).inCi());
    }

    @Test
    void colourRefusedByNoColorOrDumbTerminal() {
        assertTrue(new Terminal(Map.of("NO_COLOR", "1")).colourRefused());
        assertTrue(new Terminal(Map.of("TERM", "dumb")).colourRefused());
        assertFalse(new Terminal(Map.of("TERM", "xterm-256color")).colourRefused());
        assertFalse(new Terminal(Map.of("TERM", "dumb")).stderrIsTerminal(), "a dumb terminal gets no bar");
    }

    @Test
    void shortScansShowNoBarLongOnesDo() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        try (TerminalProgress p = new TerminalProgress(ps, true)) {
            p.total(100);
            p.advance(50);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8), "under a second: nothing at all");

        try (TerminalProgress p = new TerminalProgress(ps, true)) {
            p.total(100);
            Thread.sleep(1100);
            p.advance(10);
            p.advance(10);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("pollcheck"), err.toString(StandardCharsets.UTF_8));
    }
}
