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
        DiffGate gate = DiffGate.of(Diff.parse(DiffTest.MAIL), root);
        assertEquals(java.util.Set.of("drivers/char/foo.c"), gate.files());
        assertTrue(gate.touches(TestFindings.pw001(0)), "foo_poll spans lines 3-14, the patch changes 9-10");
        assertFalse(gate.touches(TestFindings.pw001(40)), "the same function 40 lines lower is untouched");
        List<ReportedFinding> kept = gate.filter(List.of(TestFindings.confirmed(0), TestFindings.confirmed(40)));
        assertEquals(1, kept.size());
        assertEquals(10, kept.get(0).finding().location().line());
    }

    @Test
    void diffPathsBindToASubdirectoryRoot() throws Exception {
        TestFindings.writeDriver(root, TestFindings.DRIVER);
        Path sub = root.resolve("drivers");
        assertEquals("char/foo.c", DiffGate.bind("drivers/char/foo.c", sub));
        assertEquals("drivers/char/foo.c", DiffGate.bind("drivers/char/foo.c", root));
        assertNull(DiffGate.bind("fs/select.c", root));
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
                .get("foo.c").removalPoints(), "paths are relative to the directory git runs in");
        assertThrows(DiffGate.GitException.class, () -> DiffGate.gitDiff(root, "no-such-rev"));
        assertThrows(DiffGate.GitException.class, () -> DiffGate.gitDiff(root, "--output=/tmp/x"));
    }

    private static int git(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
