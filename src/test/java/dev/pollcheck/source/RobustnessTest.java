package dev.pollcheck.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pollcheck.model.ParseProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile input built at run time: each gives problems naming the file, never an exception or a hang. */
class RobustnessTest {
    @TempDir
    Path tmp;

    /** What the pipeline does with a tree: walk, load, prefilter, preprocess, suppressions. */
    private static List<ParseProblem> runAll(Path root, long cap) {
        List<ParseProblem> all = new ArrayList<>();
        FileWalker.Result w = new FileWalker().walk(List.of(root));
        all.addAll(w.problems());
        SourceLoader loader = new SourceLoader(cap);
        for (FileWalker.Found f : w.files()) {
            SourceLoader.Loaded l = loader.load(f.path(), f.displayPath());
            all.addAll(l.problems());
            if (l.file() != null) {
                Prefilter.mayMatter(l.file().text());
                all.addAll(Preprocessor.run(l.file(), Defines.defaults()).problems());
                all.addAll(Suppressions.find(l.file()).problems());
            }
        }
        return all;
    }

    /**
     * Whether a mode-000 file refuses reads here: not for root with its DAC capabilities (scripts/test.sh
     * drops them, so CI runs the test; it fails when any test is skipped).
     */
    private boolean permissionsStopReads() throws IOException {
        Path probe = Files.writeString(tmp.resolve("probe"), "x");
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("---------"));
        try {
            Files.readAllBytes(probe);
            return false;
        } catch (java.nio.file.AccessDeniedException e) {
            return true;
        } finally {
            Files.delete(probe);
        }
    }

    @Test
    void fiftyMegabyteFileInATree() throws IOException {
        Path root = tmp.resolve("tree");
        Files.createDirectories(root);
        Files.writeString(root.resolve("ok.c"), "int ok;\n");
        byte[] line = "static int filler_0123456789(void) { return 0; } /* poll_wait */\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(root.resolve("huge.c"))) {
            for (long w = 0; w < 50L << 20; w += line.length) out.write(line);
        }
        List<ParseProblem> p = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> runAll(root, SourceLoader.DEFAULT_MAX_BYTES));
        assertEquals(1, p.size(), p.toString());
        assertEquals("huge.c", p.get(0).file());
        assertTrue(p.get(0).message().contains("too large"));
    }

    @Test
    void fiftyMegabyteFileUnderARaisedCapIsProcessed() throws IOException {
        StringBuilder sb = new StringBuilder(50 << 20);
        String line = "#if X\nstatic int f(int a) { return a; } /* c */ \"s\" 'c'\n#endif\n";
        while (sb.length() < 50 << 20) sb.append(line);
        SourceFile f = SourceFile.of("big.c", sb.toString());
        Preprocessed p = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Preprocessor.run(f, Defines.defaults()));
        assertEquals(f.text().length(), p.text().length());
        assertTrue(p.problems().isEmpty());
    }

    @Test
    void tenThousandDeepNestingOfEverything() {
        int d = 10_000;
        String parens = "int x = " + "(".repeat(d) + "1" + ")".repeat(d) + ";\n";
        String braces = "void f(void) " + "{".repeat(d) + "}".repeat(d) + "\n";
        String unclosed = "void g(void) " + "{(".repeat(d) + "\n";
        StringBuilder elif = new StringBuilder("#if A0\n");
        for (int i = 1; i < d; i++) elif.append("#elif A").append(i).append("\nint v").append(i).append(";\n");
        elif.append("#endif\n");
        StringBuilder elseIf = new StringBuilder("void h(int x)\n{\n");
        for (int i = 0; i < d; i++) elseIf.append("\t").append(i == 0 ? "" : "else ").append("if (x == ").append(i).append(") y();\n");
        elseIf.append("}\n");
        String inactiveParens = "#if 0\nint " + "(".repeat(d) + "\nint q(void) { }\n#endif\n";
        String text = parens + braces + unclosed + elif + elseIf + inactiveParens;
        Preprocessed p = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> Preprocessor.run(SourceFile.of("deep.c", text), Defines.defaults()));
        assertEquals(text.length(), p.text().length());
        // The function after the runaway '(' in the #if 0 block is still found.
        assertTrue(p.problems().stream().anyMatch(x -> x.message().startsWith("function q ")), p.problems().toString());
        assertNotNull(Suppressions.find("deep.c", text + "/* pollcheck: ignore */"));
    }

    @Test
    void problemsPerFileAreCapped() {
        String text = "#endif\n".repeat(100_000) + "#if 1\n".repeat(1000);
        Preprocessed p = Preprocessor.run(SourceFile.of("stray.c", text), Defines.defaults());
        assertEquals(Preprocessor.MAX_PROBLEMS + 1, p.problems().size());
        assertEquals("stray.c:0:0: " + (101_000 - Preprocessor.MAX_PROBLEMS) + " more problems in this file not listed",
                p.problems().get(Preprocessor.MAX_PROBLEMS).toString());
    }

    @Test
    void oneMegabyteLine() {
        String text = "int a = " + "1 + ".repeat(250_000) + "1; /* pollcheck: ignore PW001 -- long */\n";
        Preprocessed p = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> Preprocessor.run(SourceFile.of("long.c", text), Defines.defaults()));
        assertEquals(text.length(), p.text().length());
        assertEquals(1, Suppressions.find("long.c", text).suppressions().size());
    }

    @Test
    void symlinkLoopsInATree() throws IOException {
        Path root = tmp.resolve("tree");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/x.c"), "int x;\n");
        Files.createSymbolicLink(root.resolve("a/b/loop"), Path.of("../.."));
        Files.createSymbolicLink(root.resolve("a/ping"), Path.of("pong"));
        Files.createSymbolicLink(root.resolve("a/pong"), Path.of("ping"));
        List<ParseProblem> p = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> runAll(root, 1 << 20));
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.stream().allMatch(x -> x.message().contains("loop")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.file().equals("a/b/loop")));
        assertTrue(p.stream().anyMatch(x -> x.file().equals("a/ping")));
    }

    @Test
    void fileDeletedBetweenWalkAndLoad() throws IOException {
        Path root = tmp.resolve("tree");
        Files.createDirectories(root);
        Files.writeString(root.resolve("gone.c"), "int x;\n");
        FileWalker.Result w = new FileWalker().walk(List.of(root));
        Files.delete(root.resolve("gone.c"));
        SourceLoader.Loaded l = new SourceLoader().load(w.files().get(0).path(), w.files().get(0).displayPath());
        assertEquals(SourceLoader.Status.MISSING, l.status());
        assertEquals("gone.c", l.problems().get(0).file());
    }

    @Test
    void entriesDeletedDuringTheWalk() throws IOException {
        Path root = tmp.resolve("tree");
        Files.createDirectories(root.resolve("d/e"));
        Files.writeString(root.resolve("d/a.c"), "int a;\n");
        Files.writeString(root.resolve("d/e/b.c"), "int b;\n");
        Files.writeString(root.resolve("keep.c"), "int k;\n");
        Files.writeString(root.resolve("x.c"), "int x;\n");
        // Right after the root is listed, x.c and the directory d go away (as with a concurrent rm -r).
        FileWalker w = new FileWalker(false, dir -> {
            if (dir.equals(root)) {
                try {
                    Files.delete(root.resolve("x.c"));
                    Files.delete(root.resolve("d/e/b.c"));
                    Files.delete(root.resolve("d/e"));
                    Files.delete(root.resolve("d/a.c"));
                    Files.delete(root.resolve("d"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        FileWalker.Result r = w.walk(List.of(root));
        assertEquals(List.of("keep.c"), r.files().stream().map(FileWalker.Found::displayPath).toList());
        assertEquals(2, r.problems().size(), r.problems().toString());
        assertEquals("d", r.problems().get(0).file());
        assertEquals("x.c", r.problems().get(1).file());
        assertTrue(r.problems().stream().allMatch(p -> p.message().contains("vanished during the scan")));
    }

    @Test
    void danglingLinkIsReported() throws IOException {
        Path root = tmp.resolve("tree");
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("dangling.c"), Path.of("nowhere.c"));
        List<ParseProblem> p = runAll(root, 1 << 20);
        assertEquals(1, p.size(), p.toString());
        assertEquals("dangling.c", p.get(0).file());
        assertTrue(p.get(0).message().contains("dangling"));
    }

    /** Runs wherever permissions stop reads: an ordinary user, or root without CAP_DAC_OVERRIDE. */
    @Test
    void unreadableFileAndDirectory() throws IOException {
        assumeTrue(permissionsStopReads(), "chmod 000 does not stop reads here (root with CAP_DAC_OVERRIDE)");
        Path root = tmp.resolve("tree");
        Files.createDirectories(root.resolve("closed"));
        Files.writeString(root.resolve("closed/in.c"), "int a;\n");
        Files.writeString(root.resolve("secret.c"), "int b;\n");
        Files.setPosixFilePermissions(root.resolve("secret.c"), PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(root.resolve("closed"), PosixFilePermissions.fromString("---------"));
        try {
            List<ParseProblem> p = runAll(root, 1 << 20);
            assertTrue(p.stream().anyMatch(x -> x.file().equals("closed") && x.message().contains("permission denied")), p.toString());
            assertTrue(p.stream().anyMatch(x -> x.file().equals("secret.c") && x.message().contains("permission denied")), p.toString());
        } finally {
            Files.setPosixFilePermissions(root.resolve("closed"), PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** What root can still be refused: reading a directory as a file, and a FIFO (which would block). */
    @Test
    void thingsThatAreNotFiles() throws Exception {
        Path root = tmp.resolve("tree");
        Files.createDirectories(root.resolve("dir.c"));
        Files.writeString(root.resolve("dir.c/in.c"), "int a;\n");
        SourceLoader.Loaded l = new SourceLoader().load(root.resolve("dir.c"), "dir.c");
        assertEquals(SourceLoader.Status.NOT_REGULAR, l.status());
        Process mk = new ProcessBuilder("mkfifo", root.resolve("fifo.h").toString()).start();
        assumeFalse(mk.waitFor() != 0, "mkfifo not available");
        List<ParseProblem> p = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> runAll(root, 1 << 20));
        assertEquals(1, p.size(), p.toString());
        assertEquals("fifo.h", p.get(0).file());
    }
}
