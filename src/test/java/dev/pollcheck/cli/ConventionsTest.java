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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conventions of other linters, end to end on the real analysis: {@code --select}/{@code --ignore},
 * {@code --format gcc}, {@code --files-from}, the notes about suppression comments (PW901, PW902), and
 * the generated shell completion.
 */
class ConventionsTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }

        List<String> rules() throws Exception {
            List<String> ids = new ArrayList<>();
            for (JsonNode f : json().path("findings")) ids.add(f.path("rule").asText());
            return ids;
        }
    }

    static Result runIn(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, DefaultPipeline.create(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result run(String... args) {
        return runIn("", args);
    }

    /** One driver per rule: PW001 (error), PW002 (warning), PW003 (warning). */
    @BeforeEach
    void drivers() throws Exception {
        Files.writeString(dir.resolve("foo.c"), CliTest.BUGGY);
        Files.copy(Path.of("testdata/pw002/event_pending_else.c"), dir.resolve("subnode.c"));
        Files.copy(Path.of("testdata/pw003/no_wait_state.c"), dir.resolve("gev.c"));
    }

    private String d() {
        return dir.toString();
    }

    @Test
    void selectAndIgnoreChooseTheRulesAndTheExitCode() throws Exception {
        Result all = run("check", d(), "--format", "json", "--no-simulate");
        assertEquals(1, all.code(), all.err());
        assertEquals(List.of("PW001", "PW003", "PW002"), all.rules(), "foo.c, gev.c, subnode.c in path order");

        Result pw001 = run("check", d(), "--format", "json", "--no-simulate", "--select", "pw001");
        assertEquals(List.of("PW001"), pw001.rules());
        Result two = run("check", d(), "--format", "json", "--no-simulate", "--select", "PW002,PW003");
        assertEquals(List.of("PW003", "PW002"), two.rules());
        assertEquals(0, two.code(), "no error left: --fail-on error passes");
        assertEquals(two.rules(), run("check", d(), "--format", "json", "--no-simulate", "--select", "PW002",
                "--select", "PW003").rules(), "repeated is the same as comma-separated");

        Result ignored = run("check", d(), "--format", "json", "--no-simulate", "--ignore", "PW001");
        assertEquals(List.of("PW003", "PW002"), ignored.rules());
        assertEquals(0, ignored.code());
        assertEquals(2, ignored.json().at("/summary/findings").asInt(), "the summary counts what is reported");
        assertEquals(List.of("PW003"), run("check", d(), "--format", "json", "--no-simulate", "--select",
                "PW002,PW003", "--ignore", "PW002").rules());

        for (String opt : List.of("--select", "--ignore")) {
            Result bad = run("check", d(), opt, "PW01");
            assertEquals(2, bad.code(), bad.err());
            assertTrue(bad.err().contains(opt + ": no rule 'PW01'; known rules: PW001, PW002, PW003, PW900"), bad.err());
            assertEquals("", bad.out());
        }
    }

    private static final Pattern GCC = Pattern.compile("([^:\\n]+):(\\d+):(\\d+): (error|warning|note): (.+) \\[(PW\\d{3})\\]");

    @Test
    void gccFormatIsOneLinePerFindingAndNothingElse() throws Exception {
        Result json = run("check", d(), "--format", "json");
        Result gcc = run("check", d(), "--format", "gcc");
        assertEquals(json.code(), gcc.code());
        List<String> lines = gcc.out().lines().toList();
        JsonNode findings = json.json().path("findings");
        assertEquals(findings.size(), lines.size(), gcc.out());
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = GCC.matcher(lines.get(i));
            assertTrue(m.matches(), "not file:line:col: level: message [RULE]: " + lines.get(i));
            JsonNode f = findings.get(i);
            assertEquals(f.path("file").asText(), m.group(1));
            assertEquals(f.path("line").asInt(), Integer.parseInt(m.group(2)));
            assertEquals(f.path("column").asInt(), Integer.parseInt(m.group(3)));
            assertEquals(f.path("level").asText(), m.group(4));
            assertEquals(f.path("message").asText(), m.group(5));
            assertEquals(f.path("rule").asText(), m.group(6));
        }
        assertTrue(json.json().at("/summary/confirmed").asInt() > 0, "there are witnesses to leave out");
        assertTrue(!gcc.out().contains("confirmed by simulation") && !gcc.out().contains("^~~"),
                "no witness, no excerpt: " + gcc.out());
        assertTrue(gcc.err().contains("pollcheck: 3 findings"), "the summary goes to stderr: " + gcc.err());
        assertEquals("", run("check", d(), "--format", "gcc", "--quiet").err());
    }

    @Test
    void filesFromReadsAListOfPathsFromAFileOrStdin() throws Exception {
        Path list = dir.resolve("files.txt");
        Files.writeString(list, dir.resolve("foo.c") + "\n\n" + dir.resolve("gev.c") + "\n");
        Result fromFile = run("check", "--files-from", list.toString(), "--format", "json", "--no-simulate");
        assertEquals(List.of("PW001", "PW003"), fromFile.rules(), fromFile.err());
        Result asArgs = run("check", dir.resolve("foo.c").toString(), dir.resolve("gev.c").toString(), "--format",
                "json", "--no-simulate");
        assertEquals(asArgs.json().path("findings"), fromFile.json().path("findings"));

        Result fromStdin = runIn(dir.resolve("subnode.c") + "\r\n", "check", "--files-from", "-", "--format", "json",
                "--no-simulate");
        assertEquals(List.of("PW002"), fromStdin.rules(), fromStdin.err());
        Result plus = runIn(dir.resolve("subnode.c") + "\n", "check", dir.resolve("gev.c").toString(), "--files-from",
                "-", "--format", "json", "--no-simulate");
        assertEquals(List.of("PW003", "PW002"), plus.rules(), "PATHs and the list together");
        assertEquals(List.of(dir.resolve("foo.c").toString(), dir.resolve("gev.c").toString()), methodsFrom(list), "methods takes the list too");

        Files.writeString(dir.resolve("empty.txt"), "\n");
        Result empty = run("check", "--files-from", dir.resolve("empty.txt").toString());
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("lists no path"), empty.err());
        Result missing = run("check", "--files-from", dir.resolve("nope.txt").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("cannot read --files-from"), missing.err());
        Files.writeString(dir.resolve("gone.txt"), dir.resolve("gone.c") + "\n");
        Result gone = run("check", "--files-from", dir.resolve("gone.txt").toString());
        assertEquals(2, gone.code());
        assertTrue(gone.err().contains("gone.c"), gone.err());
    }

    private List<String> methodsFrom(Path list) throws Exception {
        Result r = run("methods", "--files-from", list.toString(), "--format", "json");
        List<String> files = new ArrayList<>();
        for (JsonNode m : r.json().path("methods")) files.add(m.path("file").asText());
        return files;
    }

    @Test
    void aSuppressionNamingAnUnknownRuleGetsANoteAndSilencesNothing() throws Exception {
        Files.writeString(dir.resolve("foo.c"), CliTest.BUGGY.replace("\tif (req & EPOLLIN)\n",
                "\t/* pollcheck: ignore PW01 -- reviewed */\n\tif (req & EPOLLIN)\n"));
        Result r = run("check", d(), "--format", "json", "--no-simulate", "--select", "PW001,PW901");
        assertEquals(List.of("PW001", "PW901"), r.rules(), r.out());
        JsonNode note = r.json().at("/findings/1");
        assertEquals("note", note.path("level").asText());
        assertEquals(dir.resolve("foo.c").toString(), note.path("file").asText());
        assertEquals(9, note.path("line").asInt());
        assertTrue(note.path("message").asText().contains("PW01, which is not a pollcheck rule"), note.toString());
        assertTrue(!r.json().at("/findings/0/suppressed").asBoolean(), "the finding is still reported");

        Result text = run("check", d(), "--no-simulate");
        assertTrue(text.out().contains("foo.c:9:2: note: suppression names PW01"), text.out());
        Result known = run("check", d(), "--format", "json", "--no-simulate", "--ignore", "PW901");
        assertTrue(!known.rules().contains("PW901"), "--ignore applies to the report stage's rules too");
    }

    @Test
    void unusedSuppressionsAreReportedOnlyWhenAsked() throws Exception {
        String clean = CliTest.CLEAN.replace("\tpoll_wait(file, &dev->read_wq, wait);\n",
                "\t/* pollcheck: ignore PW002 -- the queue is registered unconditionally */\n"
                        + "\tpoll_wait(file, &dev->read_wq, wait);\n");
        Files.writeString(dir.resolve("foo.c"), clean);
        Files.writeString(dir.resolve("subnode.c"), Files.readString(Path.of("testdata/pw002/event_pending_else.c"))
                .replace("/* expect: PW002 warning */", "/* pollcheck: ignore PW002 -- no event is ever pending while open */"));
        Result quiet = run("check", d(), "--format", "json", "--no-simulate");
        assertTrue(!quiet.rules().contains("PW902"), quiet.out());
        Result r = run("check", d(), "--format", "json", "--no-simulate", "--report-unused-suppressions");
        List<String> unused = new ArrayList<>();
        for (JsonNode f : r.json().path("findings")) {
            if (f.path("rule").asText().equals("PW902")) unused.add(f.path("file").asText() + ":"
                    + f.path("line").asInt());
        }
        assertEquals(List.of(dir.resolve("foo.c") + ":9"), unused, "the used comment in subnode.c is not reported: " + r.out());
        JsonNode subnode = null;
        for (JsonNode f : r.json().path("findings")) {
            if (f.path("rule").asText().equals("PW002")) subnode = f;
        }
        assertTrue(subnode != null && subnode.path("suppressed").asBoolean(), r.out());
        Result ignoredRule = run("check", d(), "--format", "json", "--no-simulate", "--report-unused-suppressions",
                "--ignore", "PW002");
        assertTrue(!ignoredRule.rules().contains("PW902"), "a comment for a rule not looked for is not judged");
    }

    @Test
    void theNewRulesAreExplainedListedAndInSarif() throws Exception {
        Result list = run("rules");
        for (String id : List.of("PW901", "PW902")) {
            assertTrue(list.out().contains(id + " "), list.out());
            Result e = run("explain", id);
            assertEquals(0, e.code());
            assertTrue(e.out().startsWith(id + " (note): "), e.out());
        }
        Result sarif = run("check", d(), "--format", "sarif", "--no-simulate");
        List<String> ids = new ArrayList<>();
        for (JsonNode r : new ObjectMapper().readTree(sarif.out()).at("/runs/0/tool/driver/rules")) ids.add(r.path("id").asText());
        assertTrue(ids.containsAll(List.of("PW900", "PW901", "PW902")), ids.toString());
    }

    @Test
    void shellCompletionCompletesCommandsOptionsAndValues() throws Exception {
        Result r = run("generate-completion");
        assertEquals(0, r.code(), r.err());
        Path script = dir.resolve("pollcheck_completion");
        Files.writeString(script, r.out());
        assertEquals(List.of("--select"), complete(script, "check", "--sel"));
        assertEquals(List.of("text", "json", "sarif", "gcc"), complete(script, "check", "--format", ""));
        assertTrue(complete(script, "").containsAll(List.of("check", "explain", "methods", "simulate", "rules")));
        assertTrue(complete(script, "methods", "--files").contains("--files-from"));
    }

    /** What bash completes for {@code pollcheck WORDS...} (the last word is the one being completed). */
    private static List<String> complete(Path script, String... words) throws Exception {
        StringBuilder w = new StringBuilder("pollcheck");
        for (String s : words) w.append(" '").append(s).append('\'');
        String prog = "source '" + script + "' 2>/dev/null; COMP_WORDS=(" + w + "); COMP_CWORD=" + words.length
                + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_pollcheck 2>/dev/null;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", prog).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }
}
