package dev.pollcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.Span;
import dev.pollcheck.sim.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextWriterTest {

    @TempDir
    Path root;

    private String render(ScanResult r, boolean color) {
        StringWriter sw = new StringWriter();
        new TextWriter(TestFindings.context(color), new SourceLines(root)).write(r, new PrintWriter(sw));
        return sw.toString();
    }

    @Test
    void confirmedFindingShowsLocationCaretConditionAndTimeline() throws Exception {
        TestFindings.writeDriver(root, TestFindings.DRIVER);
        String out = render(TestFindings.result(root, List.of(TestFindings.confirmed(0))), false);
        List<String> lines = out.lines().toList();
        assertEquals("drivers/char/foo.c:10:3: error: poll_wait on &dev->read_wq is skipped unless EPOLLIN is"
                + " requested [PW001]", lines.get(0));
        assertEquals("   10 | \t\tpoll_wait(file, &dev->read_wq, wait);", lines.get(1));
        // Tabs are repeated so the caret lands under the 'p' whatever the tab width; tildes cover the call.
        assertEquals("      | \t\t^" + "~".repeat(35), lines.get(2));
        assertEquals("drivers/char/foo.c:9:6: note: the registration is skipped by this condition: req & EPOLLIN", lines.get(3));
        assertEquals("      | \t    ^~~~~~~~~~~~~", lines.get(5));
        assertEquals("  confirmed by simulation (epoll):", lines.get(6));
        // The simulator's own timeline, indented under the finding.
        assertEquals("    1. epoll_ctl(EPOLL_CTL_ADD, EPOLLOUT)", lines.get(7));
        assertEquals("       _key=OUT|ERR|HUP, _qproc set; registered: none; returned 0", lines.get(8));
        assertEquals("    2. epoll_ctl(EPOLL_CTL_MOD, EPOLLIN)", lines.get(9));
        assertEquals("       _key=IN|ERR|HUP, _qproc NULL; dev->ready=0; registered: none; returned 0", lines.get(10));
        assertEquals("    3. epoll_wait() sleeps", lines.get(11));
        assertEquals("    4. dev->ready = 1; wake_up(&dev->read_wq) wakes nobody", lines.get(12));
        // The waker names its function, role and file:line, and what it wakes.
        assertEquals("       by foo_irq() (runtime) at drivers/char/foo.c:7, waking &dev->read_wq", lines.get(13));
        assertEquals("    5. foo_poll() would return IN; epoll_wait() stays blocked", lines.get(14));
        assertEquals("pollcheck: 1 finding (1 error), 1 confirmed; 3 files, 10 functions, 1 parse problem in 0.3 s",
                lines.get(16));
        assertFalse(out.contains("\u001b["), "no colour unless asked");
    }

    @Test
    void unconfirmedFindingSaysWhy() throws Exception {
        TestFindings.writeDriver(root, TestFindings.DRIVER);
        ReportedFinding rf = ReportedFinding.of(TestFindings.pw001(0), Verdict.unconfirmed("search bound reached"));
        String out = render(TestFindings.result(root, List.of(rf)), false);
        assertTrue(out.contains("\n  (not confirmed: search bound reached)\n"), out);
        assertTrue(out.contains("0 confirmed"), out);
    }

    @Test
    void suppressedAndBaselinedFindingsAreCountedNotShown() throws Exception {
        TestFindings.writeDriver(root, TestFindings.DRIVER);
        ReportedFinding suppressed = TestFindings.confirmed(0)
                .withSuppression(new Suppression(Span.point(TestFindings.FILE, 9, 2), false, "checked"));
        ReportedFinding old = TestFindings.confirmed(0).withBaselineState(BaselineState.UNCHANGED);
        String out = render(TestFindings.result(root, List.of(suppressed, old)), false);
        assertFalse(out.contains("[PW001]"), out);
        assertTrue(out.startsWith("pollcheck: no findings, 1 suppressed, 1 unchanged from the baseline;"), out);
    }

    @Test
    void colourOnlyWhenAsked() throws Exception {
        TestFindings.writeDriver(root, TestFindings.DRIVER);
        String out = render(TestFindings.result(root, List.of(TestFindings.confirmed(0))), true);
        assertTrue(out.contains("\u001b[1;31merror:\u001b[0m"), out);
    }

    @Test
    void columnsFollowTheSourceStagesDecodingOfMalformedFiles() throws Exception {
        // Not valid UTF-8 (0xFF on line 1): the source stage reads the bad byte as one char and the valid
        // 'é' before the call on line 10 as one char; the excerpt and the snippet must count the same way.
        String text = TestFindings.DRIVER.replace("\t\tpoll_wait(", "\t\t/*\u00e9*/poll_wait(");
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = new byte[utf8.length + 3];
        bytes[0] = '/';
        bytes[1] = '/';
        bytes[2] = (byte) 0xFF;
        System.arraycopy(utf8, 0, bytes, 3, utf8.length);
        java.nio.file.Path file = root.resolve(TestFindings.FILE);
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.write(file, bytes);
        dev.pollcheck.rules.Finding f = TestFindings.pw001(0);
        dev.pollcheck.rules.Finding at9 = new dev.pollcheck.rules.Finding(f.ruleId(), f.level(),
                new Span(TestFindings.FILE, 10, 8, 10, 44), f.function(), f.message(), f.queue(), null, null,
                f.apis(), f.method(), null);
        ScanResult result = TestFindings.result(root, List.of(ReportedFinding.of(at9, null)));
        String out = render(result, false);
        assertEquals("   10 | \t\t/*\u00e9*/poll_wait(file, &dev->read_wq, wait);", out.lines().toList().get(1), out);
        assertEquals("      | \t\t     ^" + "~".repeat(35), out.lines().toList().get(2), out);
        // The region's text is cut at the reported columns.
        com.fasterxml.jackson.databind.JsonNode sarif = new SarifWriter(TestFindings.context(false),
                new SourceLines(root)).build(result, true);
        assertEquals("poll_wait(file, &dev->read_wq, wait)",
                sarif.at("/runs/0/results/0/locations/0/physicalLocation/region/snippet/text").asText());
    }

    @Test
    void missingSourceFileStillGivesTheHeader() {
        String out = render(TestFindings.result(root, List.of(TestFindings.confirmed(0))), false);
        assertTrue(out.startsWith("drivers/char/foo.c:10:3: error:"), out);
        assertFalse(out.contains(" | "), out);
    }
}
