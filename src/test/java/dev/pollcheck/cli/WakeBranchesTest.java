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
 * A waker wakes only the queues woken where its state change is made: an interrupt handler whose
 * two branches each bump their own counter and wake their own queue does not wake the registered
 * queue when it makes the skipped one's state, so the lost wake-up is confirmed.
 */
class WakeBranchesTest {
    private static final Path FIXTURE = Path.of("testdata/multi/irq_branches/dsp_irq.c");

    @TempDir
    Path dir;

    private static JsonNode check(Path root) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check", "--format", "json", root.toString()}, DefaultPipeline.create(),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new Terminal(Map.of()));
        assertEquals(1, code);
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static void assertWokenOnlyByItsBranch(JsonNode report, int wakeLine) {
        JsonNode f = report.at("/findings/0");
        assertEquals("&cl->notif_wq", f.path("queue").asText(), report.toString());
        assertTrue(f.path("confirmed").asBoolean(), f.toString());
        List<JsonNode> wakers = new ArrayList<>();
        for (JsonNode s : f.at("/witness/steps")) if (s.path("kind").asText().equals("waker")) wakers.add(s);
        assertEquals(1, wakers.size(), f.toString());
        assertEquals("dsp_irq", wakers.get(0).path("function").asText());
        assertEquals(wakeLine, wakers.get(0).path("line").asInt());
        assertEquals("[\"&cl->notif_wq\"]", wakers.get(0).path("wakes").toString());
    }

    @Test
    void theOtherArmOfAnIfWakesNothingHere() throws Exception {
        assertWokenOnlyByItsBranch(check(FIXTURE.getParent()), 34);
    }

    @Test
    void anArmThatReturnsDoesNotRunWhatFollows() throws Exception {
        String text = Files.readString(FIXTURE).replace("""
                		wake_up_interruptible(&cl->notif_wq);
                	} else {
                		cl->nresp++;
                		wake_up_interruptible(&cl->resp_wq);
                	}
                """, """
                		wake_up_interruptible(&cl->notif_wq);
                		return IRQ_HANDLED;
                	}
                	cl->nresp++;
                	wake_up_interruptible(&cl->resp_wq);
                """);
        assertTrue(text.contains("return IRQ_HANDLED;\n\t}\n\tcl->nresp++;"), text);
        Files.writeString(dir.resolve("dsp_irq.c"), text);
        assertWokenOnlyByItsBranch(check(dir), 34);
    }

    /**
     * The rules' note on a skip whose queue is always woken with a registered one, and the
     * simulator, agree: a completion in a helper whose callers then wake the ring buffer's queue
     * wakes that queue, so no witness confirms a lost wake-up.
     */
    @Test
    void aCompletionWhoseCallerWakesTheRegisteredQueueIsNotConfirmed() throws Exception {
        Files.copy(Path.of("testdata/pw002/woken_with_registered.c"), dir.resolve("demux.c"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check", "--format", "json", dir.toString()}, DefaultPipeline.create(),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new Terminal(Map.of()));
        assertEquals(0, code);
        JsonNode f = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).at("/findings/0");
        assertEquals("note", f.path("level").asText(), f.toString());
        assertTrue(!f.path("confirmed").asBoolean(), f.toString());
        assertTrue(f.path("not_confirmed_reason").asText().contains("wakes &f->buffer.queue, a queue the first call registered"),
                f.toString());
    }
}
