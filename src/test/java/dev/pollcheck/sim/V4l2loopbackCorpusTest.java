package dev.pollcheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.flow.HelperModels;
import dev.pollcheck.flow.Program;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.parse.CParser;
import dev.pollcheck.parse.ParseConfig;
import dev.pollcheck.rules.AnalysisConfig;
import dev.pollcheck.rules.Analyzer;
import dev.pollcheck.rules.Finding;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real v4l2loopback 0.12.7 {@code v4l2_loopback_poll}, parsed the way a scan parses it (bodies that
 * mention poll only), analysed by the rules and confirmed by the simulator. The corpus is found by
 * {@link Corpus}: a missing one fails the test unless the build opts out explicitly.
 */
class V4l2loopbackCorpusTest {

    private static Program program(String text) {
        TranslationUnit unit = new CParser(ParseConfig.defaults()).parse("v4l2loopback.c", text, List.of(),
                body -> body.contains("poll"));
        return Program.of(List.of(unit));
    }

    private static String source() throws Exception {
        return Files.readString(Corpus.v4l2loopback());
    }

    @Test
    void everyFindingIsConfirmedWithTheExpectedWitnesses() throws Exception {
        Program program = program(source());
        List<Finding> findings = Analyzer.analyze(program, AnalysisConfig.defaults());
        Simulator sim = Simulator.forProgram(program, HelperModels.builtin());
        boolean sawEvents = false, sawRead = false;
        for (Finding f : findings) {
            if (!f.function().equals("v4l2_loopback_poll")) continue;
            Verdict v = sim.confirm(f);
            assertTrue(v.confirmed(), f.queue() + ": " + v.reason());
            Witness w = v.witness();
            String t = w.toTimeline();
            if ("&opener->fh.wait".equals(f.queue())) {
                sawEvents = true;
                assertEquals("epoll", w.api(), t);
                assertTrue(w.steps().get(0).description().contains("EPOLL_CTL_ADD"), t);
                assertEquals(0, w.steps().get(0).key() & PollBits.PRI, t);
                assertTrue(w.steps().get(1).description().contains("EPOLL_CTL_MOD"), t);
                assertTrue((w.steps().get(1).key() & PollBits.PRI) != 0, t);
                assertTrue(t.contains("wake_up(&opener->fh.wait): no waiter"), t);
            } else if ("&dev->read_event".equals(f.queue())) {
                sawRead = true;
                assertTrue(t.contains("wake_up(&dev->read_event): no waiter"), t);
            }
        }
        assertTrue(sawEvents && sawRead, findings.toString());
    }

    @Test
    void fixedFormHasNoHangAnywhere() throws Exception {
        String text = source();
        String regEvents = "poll_wait(file, &opener->fh.wait, pts);";
        String regRead = "poll_wait(file, &dev->read_event, pts);";
        String anchor = "dev = v4l2loopback_getdevice(file);";
        assertTrue(text.contains(regEvents) && text.contains(regRead) && text.contains(anchor));
        // The fix: both registrations first and unconditional; the conditional ones become no-ops.
        String fixed = text.replace(regEvents, ";").replace(regRead, ";")
                .replace(anchor, anchor + " " + regEvents + " " + regRead);
        Program program = program(fixed);
        TopLevel.Function fn = program.function("v4l2_loopback_poll", "v4l2loopback.c");
        SimulationReport r = Simulator.forProgram(program, HelperModels.builtin()).simulate(fn, null, null);
        assertFalse(r.hangFound(), r.toText());
        assertTrue(r.exhaustive(), r.toText());
        SimulationReport buggy = Simulator.forProgram(program(text), HelperModels.builtin())
                .simulate(program(text).function("v4l2_loopback_poll", "v4l2loopback.c"), null, null);
        assertTrue(buggy.hangFound());
    }
}
