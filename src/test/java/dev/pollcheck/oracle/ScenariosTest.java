package dev.pollcheck.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenariosTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TABLE = String.join("\n",
            "driver | toy",
            "function | toy_poll",
            "timeout | 500",
            "prelude | open p /dev/toy ; open c /dev/toy",
            "holds | dev->ready = 0",
            "setup | dev->event = 1 | toggle c 7",
            "trigger | event | &dev->evq | dev->event != 0 | toggle c 7",
            "handle | PRI | dqevent p",
            "probe | ADD PRI, event | epoll | add PRI ; trigger event ; final PRI",
            "");

    /** A check finding of toy_poll whose epoll witness is ADD(IN), MOD(PRI), sleep, state change, final. */
    private static String check(String wakerAtom) {
        return """
            {"findings": [{"rule": "PW001", "function": "toy_poll", "queue": "&dev->evq", "confirmed": true,
              "suppressed": false, "witness": {"api": "epoll", "steps": [
                {"kind": "call", "description": "epoll_ctl(EPOLL_CTL_ADD, events=IN) calls toy_poll()",
                 "choices": ["dev->ready = 0 (free: no body)"], "mask_names": "0"},
                {"kind": "call", "description": "epoll_ctl(EPOLL_CTL_MOD, events=PRI) re-polls", "choices": [],
                 "mask_names": "0"},
                {"kind": "sleep", "description": "epoll_wait(): nothing ready", "choices": []},
                {"kind": "waker", "description": "the device state changes", "choices": ["%s"]},
                {"kind": "final", "description": "toy_poll() would return PRI", "choices": [],
                 "mask_names": "PRI|RDNORM"}]}}]}
            """.formatted(wakerAtom);
    }

    private static final String NO_FINDINGS = "{\"findings\": []}";
    private static final String SIM_NO_HANG = "[{\"function\": \"toy_poll\", \"hang_found\": false, \"witnesses\": [], \"exhaustive\": true}]";
    private static final String SIM_PARTIAL = "[{\"function\": \"toy_poll\", \"hang_found\": false, \"witnesses\": [], \"exhaustive\": false}]";

    private static Scenarios.Target target(DriverTable t, String variant, String check, String sim) throws IOException {
        JsonNode c = JSON.readTree(check);
        JsonNode s = JSON.readTree(sim);
        return new Scenarios.Target(t, variant, c, s);
    }

    private static DriverTable table(Path dir, String text) throws IOException {
        Path f = dir.resolve("toy.table");
        Files.writeString(f, text);
        return DriverTable.read(f);
    }

    @Test
    void aWitnessBecomesRunnerOperationsAndItsReplayOnTheFixedFormIsPredictedToWake(@TempDir Path dir) throws IOException {
        DriverTable t = table(dir, TABLE);
        Scenarios s = new Scenarios();
        List<Scenarios.Case> cases = s.generate(List.of(
                target(t, "stock", check("dev->event != 0"), "[]"),
                target(t, "fixed", NO_FINDINGS, SIM_NO_HANG)));
        assertEquals(4, cases.size(), s.notes().toString());
        Scenarios.Case w = cases.get(0);
        assertEquals("lost", w.predicted());
        assertEquals("stock", w.variant());
        assertEquals(List.of("open p /dev/toy", "open c /dev/toy", "epoll_add p IN", "epoll_mod p PRI"), w.ops());
        assertEquals(List.of("toggle c 7"), w.bg());
        // the wanted event is the final mask limited to what the caller asked for
        assertEquals("epoll\tp\tPRI\t500\tPRI", w.fin());
        assertEquals("lost", cases.get(1).predicted(), "the probe's trigger wakes the queue a witness loses");
        assertEquals("woke", cases.get(2).predicted());
        assertEquals("fixed", cases.get(2).variant());
        assertEquals(w.ops(), cases.get(2).ops());
        assertEquals("probe: ADD PRI, event", cases.get(3).scenario());
        String file = Scenarios.format(cases);
        assertTrue(file.startsWith("case\tc01\ttoy\ttoy_poll\tcheck witness, &dev->evq\tepoll\tlost\tstock\n"), file);
        assertTrue(file.contains("bg\ttoggle c 7\nfinal\tepoll\tp\tPRI\t500\tPRI\nend\n"), file);
    }

    @Test
    void aStateChangeWithoutATriggerIsReportedNotReplayed(@TempDir Path dir) throws IOException {
        DriverTable t = table(dir, TABLE);
        Scenarios s = new Scenarios();
        List<Scenarios.Case> cases = s.generate(List.of(target(t, "stock", check("dev->mode = 3"), "[]")));
        assertEquals(List.of("probe: ADD PRI, event"), cases.stream().map(Scenarios.Case::scenario).toList(),
                "only the probe is left");
        assertTrue(s.notes().get(0).contains("no trigger for the state change 'dev->mode = 3'"), s.notes().toString());
    }

    @Test
    void noFindingWithoutAnExhaustiveSearchGivesNoPrediction(@TempDir Path dir) throws IOException {
        DriverTable t = table(dir, TABLE);
        Scenarios s = new Scenarios();
        assertEquals(0, s.generate(List.of(target(t, "stock", NO_FINDINGS, SIM_PARTIAL))).size());
        assertTrue(s.notes().get(0).contains("not exhaustive"), s.notes().toString());
    }

    @Test
    void aBadTableLineNamesFileAndLine(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> table(dir, "driver | toy\nfunction | toy_poll\nsetup | only one field\n"));
        assertTrue(e.getMessage().endsWith("toy.table:3: 'setup' takes 2 fields, not 1"), e.getMessage());
    }
}
