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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on a stand-in analysis: options, outputs, the patch gate, baselines, exit codes. */
class CliTest {

    static final String CLEAN = """
            #include <linux/poll.h>

            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo_dev *dev = file->private_data;
            	__poll_t req = poll_requested_events(wait);
            	__poll_t mask = 0;

            	poll_wait(file, &dev->read_wq, wait);
            	if (dev->count)
            		mask |= EPOLLIN | EPOLLRDNORM;
            	return mask;
            }

            static int foo_open(struct inode *inode, struct file *file)
            {
            	return 0;
            }
            """;

    static final String BUGGY = CLEAN.replace("\tpoll_wait(file, &dev->read_wq, wait);\n",
            "\tif (req & EPOLLIN)\n\t\tpoll_wait(file, &dev->read_wq, wait);\n");

    @TempDir
    Path dir;
    Path tree;
    Path driver;
    FakePipeline pipeline;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws Exception {
        tree = dir.resolve("linux");
        driver = tree.resolve("drivers/char/foo.c");
        Files.createDirectories(driver.getParent());
        pipeline = new FakePipeline();
    }

    Result run(String... args) {
        return runWith("", Map.of(), args);
    }

    Result runWith(String stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, pipeline, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(env));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    // --- usage -------------------------------------------------------------------------------------

    @Test
    void noArgumentsIsAUsageError() {
        Result r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage: pollcheck"), r.err());
    }

    @Test
    void versionAndHelp() {
        Result v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("pollcheck "), v.out());
        Result h = run("check", "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("--fail-on"), h.out());
        assertTrue(h.out().contains("2  usage error or unreadable input"), "exit codes in --help: " + h.out());
        assertEquals(0, run("explain", "--help").code());
    }

    @Test
    void badOptionsExitTwoWithAClearMessage() throws Exception {
        Files.writeString(driver, CLEAN);
        String path = tree.toString();
        for (String[] args : List.of(
                new String[] {path, "--format", "xml"},
                new String[] {path, "--frobnicate"},
                new String[] {path, "--fail-on", "fatal"},
                new String[] {path, "--jobs", "-1"},
                new String[] {path, "--jobs", "many"},
                new String[] {path, "-D", "1BAD"},
                new String[] {path, "-U", "A=1"},
                new String[] {path, "--ops", "nodot"},
                new String[] {path, "--max-file-size", "8G"},
                new String[] {path, "--max-file-size", "lots"},
                new String[] {path, "--max-file-size", "0"},
                new String[] {path, "--file-time-bound", "0"},
                new String[] {path, "--file-time-bound", "-1"},
                new String[] {path, "--models", dir.resolve("missing.models").toString()},
                new String[] {path, "--diff", "x.patch", "--since", "HEAD"},
                new String[] {dir.resolve("no-such-dir").toString()},
                new String[] {"explain", "PW999"},
                new String[] {"check"})) {
            Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().startsWith("pollcheck: error: ") || r.err().contains("Missing required"),
                    String.join(" ", args) + " -> " + r.err());
            assertEquals("", r.out(), "nothing on stdout for a usage error");
        }
    }

    @Test
    void malformedModelsFileIsAUsageError() throws Exception {
        Files.writeString(driver, CLEAN);
        Path models = dir.resolve("my.models");
        Files.writeString(models, "my_poll_helper pt=2 registers=sometimes\n");
        Result r = run(tree.toString(), "--models", models.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("my.models"), r.err());
        Files.writeString(models, "my_poll_helper pt=2 registers=always queue=&$1->wq returns=mask\n");
        assertEquals(0, run(tree.toString(), "--models", models.toString()).code());
        assertEquals(List.of(models), pipeline.lastOptions.models());
    }

    @Test
    void internalErrorExitsThree() throws Exception {
        Files.writeString(driver, CLEAN);
        pipeline.failWith = new IllegalStateException("boom");
        Result r = run(tree.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("internal error") && r.err().contains("boom"), r.err());

        Result sarif = run(tree.toString(), "--format", "sarif");
        assertEquals(3, sarif.code());
        JsonNode log = new ObjectMapper().readTree(sarif.out());
        assertEquals(java.util.Set.of(), dev.pollcheck.report.SarifSchema.validate(log));
        assertFalse(log.at("/runs/0/invocations/0/executionSuccessful").asBoolean());
        assertEquals("error", log.at("/runs/0/invocations/0/toolExecutionNotifications/0/level").asText());
    }

    // --- findings and exit codes -------------------------------------------------------------------

    @Test
    void findingFailsTheRunUnlessTold() throws Exception {
        Files.writeString(driver, BUGGY);
        Result r = run(tree.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().startsWith(tree.resolve("drivers/char/foo.c") + ":10:3: error: "), r.out());
        assertEquals(0, run(tree.toString(), "--exit-zero").code());
        assertEquals(0, run(tree.toString(), "--fail-on", "none").code());
        assertEquals(1, run("check", tree.toString(), "--fail-on", "warning").code());
        Result file = run(tree.resolve("drivers/char/foo.c").toString());
        assertEquals(1, file.code(), "a file path works too");
        assertTrue(file.out().startsWith(tree.resolve("drivers/char/foo.c") + ":10:3: error: "),
                "the path as given: " + file.out());
    }

    @Test
    void warningsPassTheDefaultGate() throws Exception {
        Files.writeString(driver, CLEAN.replace("\tpoll_wait(file, &dev->read_wq, wait);\n",
                "\tif (dev->ready)\n\t\tpoll_wait(file, &dev->read_wq, wait);\n"));
        Result r = run(tree.toString());
        assertEquals(0, r.code(), "default --fail-on is error");
        assertTrue(r.out().contains("warning:"), r.out());
        assertEquals(1, run(tree.toString(), "--fail-on", "warning").code());
        assertEquals(1, run(tree.toString(), "--fail-on", "note").code());
    }

    @Test
    void outputFileGetsTheReportStdoutNothing() throws Exception {
        Files.writeString(driver, BUGGY);
        Path out = dir.resolve("report.sarif");
        Result r = run(tree.toString(), "--format", "sarif", "-o", out.toString());
        assertEquals(1, r.code());
        assertEquals("", r.out());
        JsonNode log = new ObjectMapper().readTree(out.toFile());
        assertEquals("2.1.0", log.get("version").asText());
        assertEquals("PW001", log.at("/runs/0/results/0/ruleId").asText());
        assertEquals(tree.toUri().toString(), log.at("/runs/0/originalUriBaseIds/%SRCROOT%/uri").asText());
        assertEquals(2, run(tree.toString(), "-o", dir.resolve("no/such/dir/x.txt").toString()).code());
    }

    @Test
    void jsonFindingHasThePathBelowTheGivenPath() throws Exception {
        Files.writeString(driver, BUGGY);
        Result r = run(tree.resolve("drivers").toString(), "--format", "json");
        JsonNode f = new ObjectMapper().readTree(r.out()).get("findings").get(0);
        assertEquals(tree.resolve("drivers/char/foo.c").toString(), f.get("file").asText());
        assertEquals(9, f.get("condition_line").asInt());
        assertTrue(f.get("confirmed").asBoolean());
    }

    @Test
    void noSimulateAndConfirmedOnly() throws Exception {
        Files.writeString(driver, BUGGY);
        Result r = run(tree.toString(), "--no-simulate", "--format", "json");
        assertFalse(pipeline.lastOptions.simulate());
        assertFalse(new ObjectMapper().readTree(r.out()).at("/findings/0/simulated").asBoolean());
        Result only = run(tree.toString(), "--no-simulate", "--confirmed-only");
        assertEquals(2, only.code(), "nothing could be confirmed without the simulator: a usage error");
        assertTrue(only.err().contains("--confirmed-only") && only.err().contains("--no-simulate"), only.err());
    }

    @Test
    void scanOptionsReachThePipeline() throws Exception {
        Files.writeString(driver, CLEAN);
        assertEquals(0, run(tree.toString(), "-DCONFIG_PM", "-D", "HZ=100", "-U", "DEBUG", "-j", "3",
                "--all-files", "--ops", "my_ops.poll", "--ops", "struct other_ops.poll", "--follow-symlinks").code());
        ScanOptions o = pipeline.lastOptions;
        assertEquals(List.of("CONFIG_PM", "HZ=100"), o.defines());
        assertEquals(List.of("DEBUG"), o.undefines());
        assertEquals(3, o.jobs());
        assertTrue(o.allFiles() && o.followSymlinks() && o.simulate());
        assertEquals(List.of("my_ops.poll", "struct other_ops.poll"), o.ops());
        assertEquals(null, o.focusFiles());
        assertEquals(ScanOptions.FileLimits.DEFAULT, o.limits());
        assertEquals(0, run(tree.toString(), "--max-file-size", "64k", "--file-time-bound", "2.5").code());
        assertEquals(64 << 10, pipeline.lastOptions.limits().maxBytes());
        assertEquals(java.time.Duration.ofMillis(2500), pipeline.lastOptions.limits().parseTime());
    }

    @Test
    void colourOnlyWhenAskedOrOnATerminal() throws Exception {
        Files.writeString(driver, BUGGY);
        assertFalse(run(tree.toString()).out().contains("\u001b["), "stdout here is not a terminal");
        assertTrue(run(tree.toString(), "--color=always").out().contains("\u001b["));
        assertFalse(run(tree.toString(), "--color", "never").out().contains("\u001b["));
    }

    @Test
    void quietLeavesOnlyFindings() throws Exception {
        Files.writeString(driver, BUGGY);
        Result r = run(tree.toString(), "--quiet");
        assertFalse(r.out().contains("pollcheck:"), r.out());
        assertTrue(r.out().contains("[PW001]"));
    }

    // --- suppressions ------------------------------------------------------------------------------

    @Test
    void justifiedSuppressionSilencesAndIsCounted() throws Exception {
        Files.writeString(driver, BUGGY.replace("\tif (req & EPOLLIN)\n",
                "\t/* pollcheck: ignore PW001 -- the device only ever reports EPOLLIN */\n\tif (req & EPOLLIN)\n"));
        Result r = run(tree.toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("1 suppressed"), r.out());
        JsonNode sarif = new ObjectMapper().readTree(run(tree.toString(), "--format", "sarif").out());
        assertEquals("the device only ever reports EPOLLIN",
                sarif.at("/runs/0/results/0/suppressions/0/justification").asText());
    }

    @Test
    void functionLevelSuppression() throws Exception {
        Files.writeString(driver, BUGGY.replace("static __poll_t foo_poll",
                "/* pollcheck: ignore -- legacy interface, userspace polls with a timeout */\nstatic __poll_t foo_poll"));
        Result r = run(tree.toString(), "--format", "json");
        assertEquals(0, r.code());
        JsonNode f = new ObjectMapper().readTree(r.out()).at("/findings/0");
        assertTrue(f.get("suppressed").asBoolean());
        assertEquals("function", f.at("/suppression/scope").asText());
    }

    @Test
    void suppressionWithoutReasonDoesNotSilenceAndIsReported() throws Exception {
        Files.writeString(driver, BUGGY.replace("\tif (req & EPOLLIN)\n",
                "\t/* pollcheck: ignore PW001 */\n\tif (req & EPOLLIN)\n"));
        Result r = run(tree.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("error: ") && r.out().contains("[PW001]"), r.out());
        assertTrue(r.out().contains("drivers/char/foo.c:9:2: note: suppression of PW001 gives no reason"), r.out());
    }

    // --- baseline ----------------------------------------------------------------------------------

    @Test
    void baselineSurvivesTenBlankLinesAbove() throws Exception {
        Files.writeString(driver, BUGGY);
        Path baseline = dir.resolve("pollcheck-baseline.json");
        Result w = run(tree.toString(), "--write-baseline", baseline.toString());
        assertEquals(0, w.code(), "writing a baseline accepts today's findings");
        assertTrue(Files.readString(baseline).contains("\"rule\" : \"PW001\""));

        Files.writeString(driver, "\n".repeat(10) + BUGGY);
        Result r = run(tree.toString(), "--baseline", baseline.toString(), "--format", "sarif");
        assertEquals(0, r.code(), r.out());
        JsonNode result = new ObjectMapper().readTree(r.out()).at("/runs/0/results/0");
        assertEquals(20, result.at("/locations/0/physicalLocation/region/startLine").asInt());
        assertEquals("unchanged", result.get("baselineState").asText());

        // A second, new finding is reported and fails the run.
        Files.writeString(driver, BUGGY + BUGGY.replace("foo_poll", "bar_poll").replace("foo_open", "bar_open"));
        Result n = run(tree.toString(), "--baseline", baseline.toString(), "--format", "json");
        assertEquals(1, n.code());
        JsonNode findings = new ObjectMapper().readTree(n.out()).get("findings");
        assertEquals(1, findings.size());
        assertEquals("bar_poll", findings.get(0).get("function").asText());
        assertEquals("new", findings.get(0).get("baseline_state").asText());
    }

    @Test
    void sarifWithSuppressionsBaselineAndNotesIsSchemaValid() throws Exception {
        Files.writeString(driver, BUGGY + BUGGY.replace("foo_", "bar_").replace("\tif (req & EPOLLIN)\n",
                "\t/* pollcheck: ignore PW001 */\n\tif (req & EPOLLIN)\n") + BUGGY.replace("foo_", "baz_")
                .replace("\tif (req & EPOLLIN)\n", "\t/* pollcheck: ignore PW001 -- reviewed */\n\tif (req & EPOLLIN)\n"));
        Path baseline = dir.resolve("b.json");
        run(tree.toString(), "--write-baseline", baseline.toString());
        Result r = run(tree.toString(), "--baseline", baseline.toString(), "--format", "sarif");
        JsonNode log = new ObjectMapper().readTree(r.out());
        assertEquals(java.util.Set.of(), dev.pollcheck.report.SarifSchema.validate(log));
        List<String> rules = new ArrayList<>();
        log.at("/runs/0/results").forEach(res -> rules.add(res.get("ruleId").asText()
                + (res.has("suppressions") ? "/suppressed" : "") + "/" + res.get("baselineState").asText()));
        assertEquals(List.of("PW001/unchanged", "PW001/unchanged", "PW001/suppressed/new", "PW900/unchanged"), rules);
    }

    @Test
    void unreadableBaselineIsAUsageError() throws Exception {
        Files.writeString(driver, BUGGY);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[]");
        assertEquals(2, run(tree.toString(), "--baseline", bad.toString()).code());
        assertEquals(2, run(tree.toString(), "--baseline", dir.resolve("none.json").toString()).code());
    }

    // --- the patch gate ----------------------------------------------------------------------------

    @Test
    void patchAddingAConditionalPollWaitFailsWithExactlyThatFinding() throws Exception {
        Path patch = commitAndFormatPatch(CLEAN, BUGGY, "foo: wait only when EPOLLIN is asked for");
        Result r = run(tree.toString(), "--diff", patch.toString(), "--format", "json");
        assertEquals(1, r.code(), r.err());
        JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
        assertEquals(1, findings.size());
        assertEquals("PW001", findings.get(0).get("rule").asText());
        assertEquals(10, findings.get(0).get("line").asInt());
        assertEquals(java.util.Set.of(tree.resolve("drivers/char/foo.c").toString()), pipeline.lastOptions.focusFiles());
    }

    @Test
    void patchTouchingAnotherFunctionPasses() throws Exception {
        Path patch = commitAndFormatPatch(BUGGY, BUGGY.replace("\treturn 0;\n}", "\treturn -ENODEV;\n}"), "foo: refuse open");
        Result r = run(tree.toString(), "--diff", patch.toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("1 finding outside the changed functions not reported"), r.out());
        assertEquals(1, run(tree.toString()).code(), "the old finding is still there without the gate");
    }

    @Test
    void fixPatchPassesAndTheFindingIsGone() throws Exception {
        Path patch = commitAndFormatPatch(BUGGY, CLEAN, "foo: register the wait queue unconditionally");
        Result r = run(tree.toString(), "--diff", patch.toString(), "--format", "json");
        assertEquals(0, r.code());
        assertEquals(0, new ObjectMapper().readTree(r.out()).get("findings").size());
    }

    @Test
    void diffFromStdinAndFromASubdirectory() throws Exception {
        Path patch = commitAndFormatPatch(CLEAN, BUGGY, "foo: conditional wait");
        Result r = runWith(Files.readString(patch), Map.of(), tree.resolve("drivers").toString(), "--diff", "-");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith(tree.resolve("drivers/char/foo.c") + ":10:3: error:"), r.out());
    }

    @Test
    void sinceUsesGitInTheScannedTree() throws Exception {
        git(tree, "init", "-q");
        Files.writeString(driver, CLEAN);
        git(tree, "add", ".");
        git(tree, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "clean");
        assertEquals(0, run(tree.toString(), "--since", "HEAD").code());
        Files.writeString(driver, BUGGY);
        Result r = run(tree.toString(), "--since", "HEAD");
        assertEquals(1, r.code(), r.out() + r.err());
        Result bad = run(tree.toString(), "--since", "no-such-branch");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("no-such-branch"), bad.err());
    }

    @Test
    void notADiffIsAUsageError() throws Exception {
        Files.writeString(driver, CLEAN);
        Path notDiff = dir.resolve("notes.txt");
        Files.writeString(notDiff, "just some text\n");
        assertEquals(2, run(tree.toString(), "--diff", notDiff.toString()).code());
        assertEquals(2, run(tree.toString(), "--diff", dir.resolve("missing.patch").toString()).code());
    }

    // --- rules and docs ----------------------------------------------------------------------------

    @Test
    void explainAndRulesComeFromRuleInfo() {
        Result e = run("explain", "pw900");
        assertEquals(0, e.code());
        assertTrue(e.out().startsWith("PW900 (note): A pollcheck suppression comment gives no reason"), e.out());
        assertTrue(e.out().contains("Bad:") && e.out().contains("Good:"));
        Result list = run("rules");
        assertTrue(list.out().contains("PW001  error    poll_wait skipped by the requested events"), list.out());
        Result md = run("rules", "--format", "markdown");
        assertTrue(md.out().contains("\n## PW900\n"), md.out());
        assertTrue(md.out().contains("```c\n"), md.out());
    }

    @Test
    void methodsListsWhatDiscoveryFound() throws Exception {
        Files.writeString(driver, CLEAN);
        Result r = run("methods", tree.toString());
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith(tree.resolve("drivers/char/foo.c") + ":3:17: foo_poll (file_operations.poll)"), r.out());
        assertFalse(pipeline.lastOptions.simulate(), "methods needs no simulation");
        JsonNode j = new ObjectMapper().readTree(run("methods", tree.toString(), "--format", "json").out());
        assertEquals("foo_poll", j.at("/methods/0/function").asText());
    }

    // --- helpers -----------------------------------------------------------------------------------

    /** Commits {@code before} in a fresh repository, then {@code after}; returns the format-patch mail. */
    private Path commitAndFormatPatch(String before, String after, String subject) throws Exception {
        git(tree, "init", "-q");
        Files.writeString(driver, before);
        git(tree, "add", ".");
        git(tree, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base");
        Files.writeString(driver, after);
        git(tree, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", subject);
        Path patch = dir.resolve("0001.patch");
        ProcessBuilder pb = new ProcessBuilder("git", "-C", tree.toString(), "format-patch", "-1", "--stdout")
                .redirectOutput(patch.toFile());
        assertEquals(0, pb.start().waitFor());
        assertTrue(Files.readString(patch).startsWith("From "), "a mail, not a bare diff");
        return patch;
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }
}
