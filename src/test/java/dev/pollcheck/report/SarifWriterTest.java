package dev.pollcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;
import dev.pollcheck.model.Span;
import dev.pollcheck.sim.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifWriterTest {

    @TempDir
    Path root;

    static Set<ValidationMessage> validate(JsonNode log) {
        return SarifSchema.validate(log);
    }

    private JsonNode render(ScanResult r) throws Exception {
        StringWriter sw = new StringWriter();
        new SarifWriter(TestFindings.context(false), new SourceLines(root)).write(r, true, new PrintWriter(sw));
        return new ObjectMapper().readTree(sw.toString());
    }

    private ScanResult everyKindOfResult() throws Exception {
        TestFindings.writeDriver(root, TestFindings.DRIVER);
        ReportedFinding confirmed = TestFindings.confirmed(0).withBaselineState(BaselineState.NEW);
        dev.pollcheck.rules.Finding f = TestFindings.pw001(0);
        // A condition over two lines, to exercise multi-line regions and their context.
        dev.pollcheck.rules.Finding multiLine = new dev.pollcheck.rules.Finding(f.ruleId(), f.level(), f.location(),
                f.function(), f.message(), f.queue(), new Span(TestFindings.FILE, 9, 6, 10, 12), "req & EPOLLIN",
                f.apis(), f.method(), f.registration());
        ReportedFinding unconfirmed = ReportedFinding.of(multiLine, Verdict.unconfirmed("bound"))
                .withSuppression(new Suppression(new Span(TestFindings.FILE, 8, 2, 8, 40), false, "reviewed"))
                .withBaselineState(BaselineState.UNCHANGED);
        return new ScanResult(root, List.of(confirmed, unconfirmed), TestFindings.stats(), List.of(),
                List.of("models file x.models: 1 line ignored"));
    }

    @Test
    void validAgainstTheOfficialSchema() throws Exception {
        JsonNode log = render(everyKindOfResult());
        assertEquals(Set.of(), validate(log));
    }

    @Test
    void theSchemaCatchesAnInvalidLog() throws Exception {
        // Guards the guard: a wrong level must fail validation, or the test above proves nothing.
        JsonNode log = render(everyKindOfResult());
        ((com.fasterxml.jackson.databind.node.ObjectNode) log.get("runs").get(0).get("results").get(0))
                .put("level", "fatal");
        assertFalse(validate(log).isEmpty());
    }

    @Test
    void oneRunWithTheFullRulesArray() throws Exception {
        JsonNode log = render(everyKindOfResult());
        assertEquals(1, log.get("runs").size());
        JsonNode driver = log.get("runs").get(0).get("tool").get("driver");
        assertEquals("pollcheck", driver.get("name").asText());
        assertEquals("0.1.0", driver.get("semanticVersion").asText());
        JsonNode rules = driver.get("rules");
        assertEquals(3, rules.size());
        JsonNode pw001 = rules.get(0);
        assertEquals("PW001", pw001.get("id").asText());
        assertEquals("RegistrationSkippedByRequestedEvents", pw001.get("name").asText());
        assertEquals("A registration that depends on the requested events is skipped on the first call.",
                pw001.get("fullDescription").get("text").asText());
        assertEquals("error", pw001.get("defaultConfiguration").get("level").asText());
        assertTrue(pw001.get("help").get("markdown").asText().contains("```c\nif (req & EPOLLIN)"));
        assertTrue(pw001.get("helpUri").asText().endsWith("docs/rules.md#pw001"));
    }

    @Test
    void resultLocationsFingerprintsAndWitness() throws Exception {
        JsonNode run = render(everyKindOfResult()).get("runs").get(0);
        assertEquals(root.toUri().toString(), run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText());
        JsonNode r = run.get("results").get(0);
        assertEquals("PW001", r.get("ruleId").asText());
        assertEquals(0, r.get("ruleIndex").asInt());
        JsonNode phys = r.get("locations").get(0).get("physicalLocation");
        assertEquals("drivers/char/foo.c", phys.get("artifactLocation").get("uri").asText());
        assertEquals("%SRCROOT%", phys.get("artifactLocation").get("uriBaseId").asText());
        JsonNode region = phys.get("region");
        assertEquals(10, region.get("startLine").asInt());
        assertEquals(39, region.get("endColumn").asInt());
        assertEquals("poll_wait(file, &dev->read_wq, wait)", region.get("snippet").get("text").asText());
        JsonNode context = phys.get("contextRegion");
        assertEquals(9, context.get("startLine").asInt());
        assertEquals(11, context.get("endLine").asInt());
        assertTrue(context.get("snippet").get("text").asText().startsWith("\tif (req & EPOLLIN)\n\t\tpoll_wait("));
        assertEquals("foo_poll", r.get("locations").get(0).get("logicalLocations").get(0).get("name").asText());
        String text = Files.readString(root.resolve(TestFindings.FILE));
        assertEquals(LineHash.ofLine(text, 10), r.get("partialFingerprints").get("primaryLocationLineHash").asText());
        assertEquals(TestFindings.confirmed(0).fingerprint(), r.get("partialFingerprints").get("pollcheck/v1").asText());
        JsonNode related = r.get("relatedLocations").get(0);
        assertEquals(1, related.get("id").asInt());
        assertEquals(9, related.get("physicalLocation").get("region").get("startLine").asInt());
        assertTrue(r.get("message").get("text").asText().contains("[this condition](1)"));
        JsonNode flow = r.get("codeFlows").get(0).get("threadFlows").get(0).get("locations");
        assertEquals(5, flow.size());
        assertEquals("[\"call\"]", flow.get(0).get("kinds").toString());
        JsonNode waker = flow.get(3);
        assertEquals("[\"waker\"]", waker.get("kinds").toString());
        // The waker step stands at the waker's line, names its function and says what it wakes.
        assertEquals(7, waker.get("location").get("physicalLocation").get("region").get("startLine").asInt());
        assertEquals("foo_irq", waker.get("location").get("logicalLocations").get(0).get("name").asText());
        assertTrue(waker.get("location").get("message").get("text").asText()
                .contains("by foo_irq() (runtime) at drivers/char/foo.c:7, waking &dev->read_wq"), waker.toString());
        assertTrue(flow.get(4).get("location").get("message").get("text").asText().startsWith("5. foo_poll()"));
        assertEquals("[\"final\"]", flow.get(4).get("kinds").toString());
        assertTrue(r.get("properties").get("confirmed").asBoolean());
        assertEquals("new", r.get("baselineState").asText());
        assertTrue(r.get("suppressions") == null);

        JsonNode s = run.get("results").get(1);
        assertEquals("inSource", s.get("suppressions").get(0).get("kind").asText());
        assertEquals("reviewed", s.get("suppressions").get(0).get("justification").asText());
        assertEquals("unchanged", s.get("baselineState").asText());
        assertFalse(s.get("properties").get("confirmed").asBoolean());
        assertTrue(s.get("codeFlows") == null);
    }

    @Test
    void parseProblemsAndNoticesBecomeNotifications() throws Exception {
        JsonNode inv = render(everyKindOfResult()).get("runs").get(0).get("invocations").get(0);
        assertTrue(inv.get("executionSuccessful").asBoolean());
        JsonNode notes = inv.get("toolExecutionNotifications");
        assertEquals(2, notes.size());
        assertEquals("unexpected token '@'", notes.get(0).get("message").get("text").asText());
        assertEquals(2, notes.get(0).get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt());
        assertEquals("note", notes.get(1).get("level").asText());
    }

    @Test
    void lineHashFollowsTheLineWhilePollcheckFingerprintIgnoresIt() throws Exception {
        TestFindings.writeDriver(root, TestFindings.DRIVER);
        JsonNode before = render(TestFindings.result(root, List.of(TestFindings.confirmed(0))));
        TestFindings.writeDriver(root, "\n".repeat(10) + TestFindings.DRIVER);
        JsonNode after = new ObjectMapper().readTree(renderFresh(TestFindings.result(root, List.of(TestFindings.confirmed(10)))));
        JsonNode fb = before.at("/runs/0/results/0/partialFingerprints");
        JsonNode fa = after.at("/runs/0/results/0/partialFingerprints");
        assertNotEquals(before.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine"),
                after.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine"));
        assertEquals(fb.get("pollcheck/v1"), fa.get("pollcheck/v1"));
        // The same text follows the moved line, so GitHub's hash moves with it too.
        assertEquals(fb.get("primaryLocationLineHash"), fa.get("primaryLocationLineHash"));
    }

    private String renderFresh(ScanResult r) {
        StringWriter sw = new StringWriter();
        new SarifWriter(TestFindings.context(false), new SourceLines(root)).write(r, true, new PrintWriter(sw));
        return sw.toString();
    }

    @Test
    void pathsAreRelativeToTheRepositoryTopWhenTheRootIsInsideOne() throws Exception {
        TestFindings.writeDriver(root, TestFindings.DRIVER);
        java.nio.file.Files.createDirectories(root.resolve(".git"));
        Path sub = root.resolve("drivers");
        dev.pollcheck.rules.Finding f = TestFindings.pw001(0);
        // As a scan of drivers/ reports it: relative to drivers/.
        Span at = new Span("char/foo.c", 10, 3, 10, 39);
        dev.pollcheck.rules.Finding moved = new dev.pollcheck.rules.Finding(f.ruleId(), f.level(), at, f.function(),
                f.message(), f.queue(), null, null, f.apis(), null, null);
        StringWriter sw = new StringWriter();
        new SarifWriter(TestFindings.context(false), new SourceLines(sub))
                .write(TestFindings.result(sub, List.of(ReportedFinding.of(moved, null))), true, new PrintWriter(sw));
        JsonNode run = new ObjectMapper().readTree(sw.toString()).get("runs").get(0);
        assertEquals(root.toUri().toString(), run.at("/originalUriBaseIds/%SRCROOT%/uri").asText());
        assertEquals("drivers/char/foo.c", run.at("/results/0/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals("poll_wait(file, &dev->read_wq, wait)",
                run.at("/results/0/locations/0/physicalLocation/region/snippet/text").asText());
    }

    @Test
    void absoluteReportedPathsBecomeRelativeUnderTheRootOrFileUris() throws Exception {
        TestFindings.writeDriver(root, TestFindings.DRIVER);
        String abs = root.resolve(TestFindings.FILE).toString();
        dev.pollcheck.rules.Finding f = TestFindings.pw001(0);
        dev.pollcheck.rules.Finding inside = new dev.pollcheck.rules.Finding(f.ruleId(), f.level(),
                new Span(abs, 10, 3, 10, 39), f.function(), f.message(), f.queue(), null, null, f.apis(), null, null);
        dev.pollcheck.rules.Finding outside = new dev.pollcheck.rules.Finding(f.ruleId(), f.level(),
                new Span("/elsewhere/x.c", 1, 1, 1, 2), f.function(), f.message(), f.queue(), null, null, f.apis(),
                null, null);
        JsonNode log = render(TestFindings.result(root, List.of(ReportedFinding.of(inside, null),
                ReportedFinding.of(outside, null))));
        assertEquals(Set.of(), validate(log));
        JsonNode first = log.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation");
        assertEquals("drivers/char/foo.c", first.get("uri").asText());
        assertEquals("%SRCROOT%", first.get("uriBaseId").asText());
        JsonNode second = log.at("/runs/0/results/1/locations/0/physicalLocation/artifactLocation");
        assertEquals("file:///elsewhere/x.c", second.get("uri").asText());
        assertTrue(second.get("uriBaseId") == null);
    }

    @Test
    void pathsWithSpacesArePercentEncoded() {
        assertEquals("drivers/my%20dev/x.c", SarifWriter.relativeUri("./drivers/my dev/x.c"));
    }
}
