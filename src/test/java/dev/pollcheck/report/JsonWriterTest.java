package dev.pollcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pollcheck.model.Span;
import dev.pollcheck.sim.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonWriterTest {

    @TempDir
    Path root;

    private JsonNode render(ScanResult r, boolean methods) throws Exception {
        StringWriter sw = new StringWriter();
        new JsonWriter(TestFindings.context(false)).write(r, methods, new PrintWriter(sw));
        return new ObjectMapper().readTree(sw.toString());
    }

    @Test
    void findingCarriesTheContractFields() throws Exception {
        JsonNode root = render(TestFindings.result(this.root, List.of(TestFindings.confirmed(0))), false);
        JsonNode f = root.get("findings").get(0);
        assertEquals("PW001", f.get("rule").asText());
        assertEquals("error", f.get("level").asText());
        assertEquals("drivers/char/foo.c", f.get("file").asText());
        assertEquals(10, f.get("line").asInt());
        assertEquals(3, f.get("column").asInt());
        assertEquals("foo_poll", f.get("function").asText());
        assertEquals("&dev->read_wq", f.get("queue").asText());
        assertEquals(9, f.get("condition_line").asInt());
        assertEquals("req & EPOLLIN", f.get("condition").asText());
        assertEquals("[\"poll\",\"epoll\"]", f.get("apis").toString());
        assertTrue(f.get("confirmed").asBoolean());
        assertEquals("epoll", f.get("witness").get("api").asText());
        JsonNode step = f.get("witness").get("steps").get(1);
        assertEquals("epoll_ctl(EPOLL_CTL_MOD, EPOLLIN)", step.get("description").asText());
        assertFalse(step.get("qproc_set").asBoolean());
        assertEquals(0x19, step.get("key").asLong());
        assertEquals("IN|ERR|HUP", step.get("key_names").asText());
        List<String> kinds = new java.util.ArrayList<>();
        for (JsonNode st : f.get("witness").get("steps")) kinds.add(st.get("kind").asText());
        assertEquals(List.of("call", "call", "sleep", "waker", "final"), kinds);
        assertTrue(step.get("function") == null, "only a waker step names a function");
        JsonNode waker = f.get("witness").get("steps").get(3);
        assertEquals("foo_irq", waker.get("function").asText());
        assertEquals("runtime", waker.get("role").asText());
        assertEquals("drivers/char/foo.c", waker.get("file").asText());
        assertEquals(7, waker.get("line").asInt());
        assertEquals("[\"&dev->read_wq\"]", waker.get("wakes").toString());
        assertEquals("[\"dev->ready = 1\"]", waker.get("choices").toString());
        assertEquals(32, f.get("fingerprint").asText().length());
        assertFalse(f.get("suppressed").asBoolean());
        assertTrue(f.get("baseline_state").isNull());
        assertTrue(root.get("methods") == null, "methods only for the methods command");
    }

    @Test
    void statsHaveEveryCounter() throws Exception {
        JsonNode stats = render(TestFindings.result(root, List.of()), false).get("stats");
        for (String k : List.of("files_scanned", "files_skipped", "functions_total", "functions_parsed",
                "functions_recovered", "functions_failed", "functions_skipped", "parse_errors_total", "seconds")) {
            assertTrue(stats.get(k).isNumber(), k);
        }
        assertEquals(8, stats.get("functions_parsed").asInt());
        JsonNode err = stats.get("parse_errors").get(0);
        assertEquals("drivers/char/foo.c", err.get("file").asText());
        assertEquals(2, err.get("line").asInt());
        assertEquals("unexpected token '@'", err.get("message").asText());
    }

    @Test
    void parseErrorsAreCappedButCounted() {
        List<dev.pollcheck.model.ParseProblem> many = new java.util.ArrayList<>();
        for (int i = 1; i <= 250; i++) many.add(new dev.pollcheck.model.ParseProblem("x.c", i, 1, "bad"));
        Stats s = new Stats(1, 0, 0, 0, 0, 0, 0, many, 250, 1);
        assertEquals(Stats.MAX_PARSE_ERRORS, s.parseErrors().size());
        JsonNode j = JsonWriter.stats(s);
        assertEquals(200, j.get("parse_errors").size());
        assertEquals(250, j.get("parse_errors_total").asInt());
        assertTrue(j.get("parse_errors_truncated").asBoolean());
    }

    @Test
    void suppressedStaysMarkedBaselinedIsOnlyCounted() throws Exception {
        ReportedFinding suppressed = ReportedFinding.of(TestFindings.pw001(0), null)
                .withSuppression(new Suppression(Span.point(TestFindings.FILE, 9, 2), true, "fixed at open"));
        ReportedFinding old = TestFindings.confirmed(20).withBaselineState(BaselineState.UNCHANGED);
        JsonNode root = render(TestFindings.result(this.root, List.of(suppressed, old)), false);
        assertEquals(1, root.get("findings").size());
        JsonNode f = root.get("findings").get(0);
        assertTrue(f.get("suppressed").asBoolean());
        assertEquals("fixed at open", f.get("suppression").get("justification").asText());
        assertEquals("function", f.get("suppression").get("scope").asText());
        assertFalse(f.get("simulated").asBoolean());
        assertTrue(f.get("witness").isNull());
        assertEquals(0, root.get("summary").get("findings").asInt());
        assertEquals(1, root.get("summary").get("suppressed").asInt());
        assertEquals(1, root.get("summary").get("unchanged").asInt());
    }

    @Test
    void methodsListedForTheMethodsCommand() throws Exception {
        JsonNode m = render(TestFindings.result(root, List.of()), true).get("methods").get(0);
        assertEquals("foo_poll", m.get("function").asText());
        assertEquals("file_operations.poll", m.get("ops").asText());
        assertEquals(3, m.get("line").asInt());
    }

    @Test
    void unconfirmedCarriesItsReason() throws Exception {
        ReportedFinding rf = ReportedFinding.of(TestFindings.pw001(0), Verdict.unconfirmed("opaque loop"));
        JsonNode f = render(TestFindings.result(root, List.of(rf)), false).get("findings").get(0);
        assertFalse(f.get("confirmed").asBoolean());
        assertEquals("opaque loop", f.get("not_confirmed_reason").asText());
    }
}
