package dev.pollcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pollcheck.model.Span;
import dev.pollcheck.rules.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

    @TempDir
    Path dir;

    @Test
    void roundTripSurvivesALineShift() throws Exception {
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, Baseline.render(List.of(TestFindings.confirmed(0))));
        Baseline b = Baseline.read(file);
        assertEquals(1, b.size());
        // Ten blank lines inserted above: same finding, new line, still in the baseline.
        List<ReportedFinding> marked = b.apply(List.of(TestFindings.confirmed(10)));
        assertEquals(BaselineState.UNCHANGED, marked.get(0).baselineState());
        assertEquals(20, marked.get(0).finding().location().line());
    }

    @Test
    void aChangedConditionIsNew() throws Exception {
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, Baseline.render(List.of(TestFindings.confirmed(0))));
        Finding f = TestFindings.pw001(0);
        Finding edited = new Finding(f.ruleId(), f.level(), f.location(), f.function(), f.message(), f.queue(),
                f.condition(), "req & (EPOLLIN | EPOLLRDNORM)", f.apis(), f.method(), f.registration());
        assertEquals(BaselineState.NEW, Baseline.read(file).apply(List.of(ReportedFinding.of(edited, null)))
                .get(0).baselineState());
    }

    @Test
    void eachEntryCoversOneFinding() throws Exception {
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, Baseline.render(List.of(TestFindings.confirmed(0))));
        List<ReportedFinding> marked = Baseline.read(file).apply(List.of(TestFindings.confirmed(0), TestFindings.confirmed(0)));
        assertEquals(List.of(BaselineState.UNCHANGED, BaselineState.NEW),
                marked.stream().map(ReportedFinding::baselineState).toList());
    }

    @Test
    void suppressedFindingsAreNotRecordedAndDoNotUseEntries() throws Exception {
        ReportedFinding suppressed = TestFindings.confirmed(0)
                .withSuppression(new Suppression(Span.point(TestFindings.FILE, 9, 1), false, "why"));
        assertEquals(0, Baseline.read(write(Baseline.render(List.of(suppressed)))).size());
        List<ReportedFinding> marked = Baseline.read(write(Baseline.render(List.of(TestFindings.confirmed(0)))))
                .apply(List.of(suppressed, TestFindings.confirmed(0)));
        assertEquals(BaselineState.NEW, marked.get(0).baselineState());
        assertEquals(BaselineState.UNCHANGED, marked.get(1).baselineState());
    }

    @Test
    void rejectsOtherFiles() throws Exception {
        assertThrows(Baseline.BaselineException.class, () -> Baseline.read(write("{\"findings\": []}")));
        assertThrows(Baseline.BaselineException.class, () -> Baseline.read(write("not json")));
        assertThrows(Baseline.BaselineException.class, () -> Baseline.read(dir.resolve("missing.json")));
    }

    private Path write(String text) throws Exception {
        Path p = Files.createTempFile(dir, "b", ".json");
        Files.writeString(p, text);
        return p;
    }
}
