package dev.pollcheck.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.ParseProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWalkerTest {
    @TempDir
    Path tmp;

    private Path write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private static List<String> names(FileWalker.Result r) {
        return r.files().stream().map(FileWalker.Found::displayPath).toList();
    }

    private static String problems(FileWalker.Result r) {
        StringBuilder sb = new StringBuilder();
        for (ParseProblem p : r.problems()) sb.append(p).append('\n');
        return sb.toString();
    }

    @Test
    void sortedRelativeCAndHOnly() throws IOException {
        Path root = tmp.resolve("drv");
        write(root.resolve("b/z.c"), "");
        write(root.resolve("b/a.h"), "");
        write(root.resolve("a.c"), "");
        write(root.resolve("a-b/x.c"), "");
        write(root.resolve("Makefile"), "");
        write(root.resolve("notes.txt"), "");
        write(root.resolve(".git/objects/x.c"), "");
        FileWalker.Result r = new FileWalker().walk(List.of(root));
        assertEquals(List.of("a-b/x.c", "a.c", "b/a.h", "b/z.c"), names(r));
        assertTrue(r.problems().isEmpty());
        assertEquals(root.resolve("b/z.c"), r.files().get(3).path());
    }

    @Test
    void singleFileKeepsNameAsGiven() throws IOException {
        Path f = write(tmp.resolve("d/one.c"), "");
        FileWalker.Result r = new FileWalker().walk(List.of(f));
        assertEquals(List.of(f.toString()), names(r));
    }

    @Test
    void missingRootIsAProblem() {
        FileWalker.Result r = new FileWalker().walk(List.of(tmp.resolve("nope")));
        assertTrue(r.files().isEmpty());
        assertTrue(problems(r).contains("no such file"), problems(r));
    }

    @Test
    void symlinkLoopsAreReportedAndNotFollowed() throws IOException {
        Path root = tmp.resolve("r");
        write(root.resolve("sub/a.c"), "");
        Files.createSymbolicLink(root.resolve("sub/up"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("self.c"), Path.of("self.c"));
        FileWalker.Result r = new FileWalker(true).walk(List.of(root));
        assertEquals(List.of("sub/a.c"), names(r));
        String all = problems(r);
        assertTrue(all.contains("sub/up:0:0: symbolic link loop"), all);
        assertTrue(all.contains("self.c:0:0: symbolic link loop"), all);
    }

    @Test
    void symlinkOutOfRootOnlyWhenAsked() throws IOException {
        Path outside = write(tmp.resolve("outside/secret.c"), "");
        Path root = tmp.resolve("r");
        write(root.resolve("in.c"), "");
        Files.createSymbolicLink(root.resolve("ext"), outside.getParent());
        Files.createSymbolicLink(root.resolve("ext.c"), outside);
        FileWalker.Result r = new FileWalker().walk(List.of(root));
        assertEquals(List.of("in.c"), names(r));
        assertTrue(problems(r).contains("ext:0:0: symbolic link out of the scanned root"), problems(r));
        FileWalker.Result f = new FileWalker(true).walk(List.of(root));
        assertEquals(List.of("ext/secret.c", "in.c"), names(f), "the same file reached twice is listed once");
        for (String n : names(f)) assertFalse(n.contains(".."));
    }

    @Test
    void linksInsideRootDoNotDuplicate() throws IOException {
        Path root = tmp.resolve("r");
        write(root.resolve("real/a.c"), "");
        Files.createSymbolicLink(root.resolve("alias"), Path.of("real"));
        Files.createSymbolicLink(root.resolve("b.c"), Path.of("real/a.c"));
        FileWalker.Result r = new FileWalker().walk(List.of(root));
        assertEquals(List.of("real/a.c"), names(r));
    }

    @Test
    void fifoWithSourceNameIsSkipped() throws Exception {
        Path root = tmp.resolve("r");
        Files.createDirectories(root);
        Process p = new ProcessBuilder("mkfifo", root.resolve("pipe.c").toString()).start();
        if (p.waitFor() != 0) return;   // no mkfifo here: nothing to test
        FileWalker.Result r = new FileWalker().walk(List.of(root));
        assertTrue(r.files().isEmpty());
        assertTrue(problems(r).contains("pipe.c:0:0: not a regular file"), problems(r));
    }

    @Test
    void overlappingRootsListAFileOnce() throws IOException {
        Path root = tmp.resolve("drivers");
        write(root.resolve("media/a.c"), "");
        write(root.resolve("b.c"), "");
        FileWalker.Result r = new FileWalker().walk(List.of(root, root.resolve("media"), root.resolve("b.c")));
        assertEquals(List.of("b.c", "media/a.c"), names(r));
    }

    @Test
    void oddNamesStayInsideTheRoot() throws IOException {
        Path root = tmp.resolve("r");
        write(root.resolve("..x.c"), "");
        write(root.resolve("sp ace/\u00fc.c"), "");
        write(root.resolve("new\nline.h"), "");
        Files.createSymbolicLink(root.resolve("up.c"), Path.of("../../etc/passwd.c"));
        FileWalker.Result r = new FileWalker(true).walk(List.of(root));
        assertEquals(List.of("..x.c", "new\nline.h", "sp ace/\u00fc.c"), names(r));
        for (FileWalker.Found f : r.files()) {
            assertFalse(f.displayPath().startsWith("/"));
            assertFalse(List.of(f.displayPath().split("/")).contains(".."));
            assertTrue(f.path().toAbsolutePath().normalize().startsWith(root.toAbsolutePath().normalize()));
        }
    }
}
