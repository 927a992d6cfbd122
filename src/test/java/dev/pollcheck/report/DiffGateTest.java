package dev.pollcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffGateTest {

    @TempDir
    Path root;

    @Test
    void keepsFindingsInTouchedFunctionsOnly() throws Exception {
        TestFindings.writeDriver(root, TestFindings.DRIVER);
        DiffGate gate = DiffGate.of(Diff.parse(DiffTest.MAIL), List.of(root), f -> root.resolve(f));
        assertEquals(java.util.Set.of(root.resolve("drivers/char/foo.c").toAbsolutePath().normalize()), gate.files());
        assertTrue(gate.touches(TestFindings.pw001(0)), "foo_poll spans lines 3-14, the patch changes 9-10");
        assertFalse(gate.touches(TestFindings.pw001(40)), "the same function 40 lines lower is untouched");
        List<ReportedFinding> kept = gate.filter(List.of(TestFindings.confirmed(0), TestFindings.confirmed(40)));
        assertEquals(1, kept.size());
        assertEquals(10, kept.get(0).finding().location().line());
    }

    @Test
    void diffPathsBindToASubdirectoryRoot() throws Exception {
        TestFindings.writeDriver(root, TestFindings.DRIVER);
        Path top = root.toAbsolutePath().normalize();
        Path sub = top.resolve("drivers");
        Path foo = top.resolve("drivers/char/foo.c");
        assertEquals(foo, DiffGate.bind("drivers/char/foo.c", List.of(sub), sub, sub));
        assertEquals(foo, DiffGate.bind("drivers/char/foo.c", List.of(top), top, top));
        assertNull(DiffGate.bind("fs/select.c", List.of(top), top, top));
        assertNull(DiffGate.bind("drivers/usb/foo.c", List.of(top.resolve("drivers/char")), top.resolve("drivers/char"),
                top.resolve("drivers/char")), "foo.c of another directory is not this foo.c");
        assertNull(DiffGate.bind("drivers/char/foo.c", List.of(top.resolve("drivers/block")), top.resolve("drivers"),
                top), "a file outside the scanned directory");
        assertNull(DiffGate.bind("../drivers/char/foo.c", List.of(top), top, top));
    }

    @Test
    void sinceRunsGitDiffInTheRoot() throws Exception {
        assertTrue(git(root, "init", "-q") == 0);
        TestFindings.writeDriver(root, TestFindings.DRIVER);
        git(root, "add", ".");
        git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base");
        String text = TestFindings.DRIVER.replace("\tpoll_wait(file, &dev->read_wq, wait);\n\tif (dev",
                "\tpoll_wait(file, &dev->read_wq, wait);\n\n\tif (dev");
        Files.writeString(root.resolve(TestFindings.FILE), text);
        Diff d = Diff.parse(DiffGate.gitDiff(root, "HEAD"));
        assertEquals(List.of(11), d.files().get("drivers/char/foo.c").addedLines());
        assertEquals(List.of(), Diff.parse(DiffGate.gitDiff(root.resolve("drivers/char"), "HEAD")).files()
                .get("drivers/char/foo.c").removalPoints(), "paths are relative to the work tree's top");
        Files.createDirectories(root.resolve("drivers/block"));
        assertEquals(List.of(), List.copyOf(Diff.parse(DiffGate.gitDiff(root.resolve("drivers/block"), "HEAD"))
                .files().keySet()), "only what lies under the directory git runs in");
        assertThrows(DiffGate.GitException.class, () -> DiffGate.gitDiff(root, "no-such-rev"));
        assertThrows(DiffGate.GitException.class, () -> DiffGate.gitDiff(root, "--output=/tmp/x"));
    }

    @Test
    void sinceListsUntrackedSourcesAsNewFiles() throws Exception {
        assertTrue(git(root, "init", "-q") == 0);
        Files.writeString(root.resolve(".gitignore"), "*.o.c\n");
        git(root, "add", ".");
        git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base");
        Files.writeString(root.resolve("new.c"), "int a;\nint b;\n");
        Files.writeString(root.resolve("gen.o.c"), "int ignored;\n");
        Files.writeString(root.resolve("notes.txt"), "not C\n");
        Diff d = Diff.parse(DiffGate.gitDiff(root, "HEAD"));
        assertEquals(List.of("new.c"), List.copyOf(d.files().keySet()));
        assertEquals(List.of(1, 2), d.files().get("new.c").addedLines());
    }

    @Test
    void sinceOutsideAWorkTreeSaysSoInOneLine() throws Exception {
        DiffGate.GitException e = assertThrows(DiffGate.GitException.class, () -> DiffGate.gitDiff(root, "HEAD"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("not in one"), e.getMessage());
    }

    private static int git(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
