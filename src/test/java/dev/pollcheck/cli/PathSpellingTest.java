package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pollcheck.report.SarifSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reported paths open from the current directory, while fingerprints, baselines and SARIF URIs do not
 * depend on how PATH was spelt or where pollcheck ran. The CLI runs in a child JVM here, since the
 * current directory is what changes.
 */
class PathSpellingTest {

    @TempDir
    Path dir;
    Path top;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws Exception {
        top = dir.resolve("linux");
        Files.createDirectories(top.resolve("drivers/media/pci"));
        Files.createDirectories(top.resolve("drivers/media/usb"));
        Files.writeString(top.resolve("drivers/media/pci/foo.c"), CliTest.BUGGY + OPS);
        Files.writeString(top.resolve("drivers/media/usb/bar.c"), CliTest.BUGGY.replace("foo_", "bar_") + OPS
                .replace("foo_", "bar_"));
        git(top, "init", "-q");
    }

    static final String OPS = "\nstatic const struct file_operations foo_fops = { .poll = foo_poll };\n";

    @Test
    void aBaselineWrittenAtTheTopMatchesAnySpellingOfASubdirectory() throws Exception {
        Path baseline = dir.resolve("baseline.json");
        assertEquals(0, cli(top, "check", ".", "--write-baseline", baseline.toString()).code());
        Result atTop = cli(top, "check", ".", "--format", "json");
        Result sub = cli(top, "check", "drivers/media", "--format", "json");
        Result inDrivers = cli(top.resolve("drivers"), "check", "media", "--format", "json");
        Result dotted = cli(top.resolve("drivers/media"), "check", "./../media/", "--format", "json");
        Map<String, String> expected = fingerprints(atTop, top);
        assertEquals(2, expected.size(), atTop.out());
        assertEquals(expected, fingerprints(sub, top));
        assertEquals(expected, fingerprints(inDrivers, top.resolve("drivers")));
        assertEquals(expected, fingerprints(dotted, top.resolve("drivers/media")));

        for (Path cwd : List.of(top, top.resolve("drivers"))) {
            String path = cwd.equals(top) ? "drivers/media" : "media";
            Result gated = cli(cwd, "check", path, "--baseline", baseline.toString(), "--format", "json");
            assertEquals(0, gated.code(), "from " + cwd + ": " + gated.out() + gated.err());
            JsonNode json = new ObjectMapper().readTree(gated.out());
            assertEquals(2, json.at("/summary/unchanged").asInt(), gated.out());
        }
        Path again = dir.resolve("again.json");
        assertEquals(0, cli(top.resolve("drivers"), "check", "media", "--write-baseline", again.toString()).code());
        assertEquals(Files.readString(baseline), Files.readString(again), "the same baseline wherever it is written");
        assertTrue(Files.readString(baseline).contains("\"drivers/media/pci/foo.c\""), Files.readString(baseline));
    }

    @Test
    void textFindingsNameThePathAsItOpensFromTheCurrentDirectory() throws Exception {
        Result r = cli(top.resolve("drivers"), "check", "media", "--color=never");
        assertEquals(1, r.code(), r.out() + r.err());
        List<String> located = r.out().lines().filter(l -> l.matches("^\\S+\\.c:\\d+:\\d+: error: .*")).toList();
        assertEquals(2, located.size(), r.out());
        assertTrue(located.get(0).startsWith("media/pci/foo.c:10:3: error: "), r.out());
        assertTrue(located.get(1).startsWith("media/usb/bar.c:10:3: error: "), r.out());
        for (String l : located) {
            assertTrue(Files.isRegularFile(top.resolve("drivers").resolve(l.substring(0, l.indexOf(':')))), l);
        }
        Result two = cli(top.resolve("drivers/media"), "check", "pci", "usb/bar.c", "--color=never");
        assertTrue(two.out().contains("pci/foo.c:10:3: error: ") && two.out().contains("\nusb/bar.c:10:3: error: "),
                two.out());
    }

    @Test
    void sarifUrisAreRelativeToTheWorkTreeTopWhereverItRuns() throws Exception {
        Result r = cli(top.resolve("drivers"), "check", "media", "--format", "sarif");
        JsonNode run = new ObjectMapper().readTree(r.out()).at("/runs/0");
        assertEquals(top.toUri().toString(), run.at("/originalUriBaseIds/%SRCROOT%/uri").asText());
        assertEquals("drivers/media/pci/foo.c",
                run.at("/results/0/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals("%SRCROOT%", run.at("/results/0/locations/0/physicalLocation/artifactLocation/uriBaseId").asText());
    }

    @Test
    void sarifUrisKeepTheNameBytesAndNeverClimbOutOfTheSourceRoot() throws Exception {
        Path media = top.resolve("drivers/media");
        // Names Java cannot spell as a String: made by the shell from bytes.
        sh(media, "cp pci/foo.c \"$(printf 'lat\\351n.c')\" && cp pci/foo.c 'back\\slash.c'"
                + " && cp pci/foo.c 'per%cent #1.c'");
        Path sarif = dir.resolve("out.sarif");
        Result r = inProcess(media.toString(), "--format", "sarif", "-o", sarif.toString());
        assertEquals(1, r.code(), r.err());
        JsonNode log = new ObjectMapper().readTree(Files.readString(sarif));
        assertEquals(java.util.Set.of(), SarifSchema.validate(log));
        List<String> uris = new ArrayList<>();
        for (JsonNode res : log.at("/runs/0/results")) {
            JsonNode a = res.at("/locations/0/physicalLocation/artifactLocation");
            String uri = a.get("uri").asText();
            uris.add(uri);
            assertTrue(java.net.URI.create(uri) != null, uri);
            assertFalse(uri.contains("..") || uri.contains("\\"), uri);
            assertTrue(uri.chars().allMatch(c -> c > 0x20 && c < 0x7f), "ASCII only: " + uri);
            assertEquals("%SRCROOT%", a.path("uriBaseId").asText(), uri);
            assertFalse(uri.startsWith("/") || uri.contains(":"), uri);
        }
        assertTrue(uris.contains("drivers/media/lat%E9n.c"), uris.toString());
        assertTrue(uris.contains("drivers/media/back%5Cslash.c"), uris.toString());
        assertTrue(uris.contains("drivers/media/per%25cent%20%231.c"), uris.toString());
        assertEquals(5, uris.size(), uris.toString());
    }

    @Test
    void theGateBindsAPatchFromTheTopWhenARelativeSubdirectoryIsScanned() throws Exception {
        git(top, "add", ".");
        git(top, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base");
        Path foo = top.resolve("drivers/media/pci/foo.c");
        Files.writeString(foo, Files.readString(foo).replace("\treturn 0;\n}", "\tif (!file)\n\t\treturn -EINVAL;\n"
                + "\treturn 0;\n}").replace("if (req & EPOLLIN)", "if (req & (EPOLLIN | EPOLLRDNORM))"));
        Result since = cli(top.resolve("drivers"), "check", "media", "--since", "HEAD", "--format", "json");
        assertEquals(1, since.code(), since.out() + since.err());
        JsonNode f = new ObjectMapper().readTree(since.out()).get("findings");
        assertEquals(1, f.size(), since.out());
        assertEquals("media/pci/foo.c", f.get(0).get("file").asText());
        git(top, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "change");
        Path patch = dir.resolve("p.patch");
        Files.write(patch, new ProcessBuilder("git", "-C", top.toString(), "format-patch", "-1", "--stdout").start()
                .getInputStream().readAllBytes());
        Result diff = cli(top.resolve("drivers/media/pci"), "check", ".", "--diff", patch.toString());
        assertEquals(1, diff.code(), diff.out() + diff.err());
        assertTrue(diff.out().startsWith("foo.c:10:3: error: "), diff.out());
    }

    /** Fingerprint by the file each finding names, resolved from the directory pollcheck ran in. */
    private static Map<String, String> fingerprints(Result r, Path cwd) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode f : new ObjectMapper().readTree(r.out()).get("findings")) {
            Path file = cwd.resolve(f.get("file").asText()).normalize();
            assertTrue(Files.isRegularFile(file), "opens from " + cwd + ": " + f.get("file"));
            assertFalse(Path.of(f.get("file").asText()).isAbsolute(), "a relative PATH gives relative paths");
            out.put(file.toString(), f.get("fingerprint").asText());
        }
        return out;
    }

    private Result inProcess(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** pollcheck in a child JVM started in {@code cwd}, on this test's class path. */
    private Result cli(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().put("CI", "1");
        Path out = dir.resolve("cli.out");
        Path err = dir.resolve("cli.err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pollcheck finishes");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void sh(Path cwd, String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), script + ": " + out);
    }

    private static void git(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", cwd.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }
}
