package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pollcheck fix} end to end on the real pipeline: the diff, --write and --format-patch. */
class FixCommandTest {
    @TempDir
    Path dir;
    Path driver;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws Exception {
        driver = dir.resolve("drivers/media/usb/grab/grab-core.c");
        Files.createDirectories(driver.getParent());
        Files.copy(Path.of("testdata/fix/state_guard.c"), driver);
        git(dir, "init", "-q", ".");
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static int git(Path in, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", in.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    @Test
    void theDiffIsRelativeToTheWorkTreeTopAndGitApplyTakesIt() throws Exception {
        Result r = run("fix", dir.resolve("drivers/media").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("diff --git a/drivers/media/usb/grab/grab-core.c b/drivers/media/usb/grab/grab-core.c\n"
                + "--- a/drivers/media/usb/grab/grab-core.c\n"), r.out());
        assertTrue(r.out().contains("-\tif (ge->streaming)\n"), r.out());
        assertTrue(r.out().contains("+\tpoll_wait(file, &ge->buf_done, wait);\n"), r.out());
        Path patch = dir.resolve("fix.diff");
        Files.writeString(patch, r.out());
        assertEquals(0, git(dir, "apply", "--check", patch.toString()));
        assertEquals(0, git(dir, "apply", patch.toString()));
        Result again = run("check", driver.toString());
        assertEquals(0, again.code(), again.out());
        assertTrue(again.out().contains("no findings"), again.out());
    }

    @Test
    void writeAppliesInPlaceAndCheckShowsTheFixUnderTheFinding() throws Exception {
        Result shown = run("check", driver.toString(), "--fail-on", "none");
        assertTrue(shown.out().contains("  fix: register &ge->buf_done on every first call"), shown.out());
        Result json = run("check", driver.toString(), "--format", "json");
        assertTrue(json.out().contains("\"fix\" : {") && json.out().contains("\"edits\" : ["), json.out());
        Result w = run("fix", "--write", driver.toString());
        assertEquals(0, w.code(), w.err());
        assertEquals(Files.readString(Path.of("testdata/fix/state_guard.fixed.c")),
                Files.readString(driver).replace(" /* expect: PW002 warning */", ""));
        assertEquals("", run("fix", driver.toString()).out(), "nothing left to fix");
    }

    @Test
    void formatPatchWritesOneMailPerMethodThatGitAmTakes() throws Exception {
        git(dir, "add", "-A");
        assertEquals(0, git(dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base"));
        Path out = dir.resolve("out");
        Result r = run("fix", "--format-patch", out.toString(), dir.resolve("drivers").toString());
        assertEquals(0, r.code(), r.err());
        List<Path> mails;
        try (Stream<Path> s = Files.list(out)) {
            mails = s.sorted().toList();
        }
        assertEquals(1, mails.size());
        String mail = Files.readString(mails.get(0));
        assertTrue(mail.contains("Subject: [PATCH] media: grab: register grab_poll() wait queues on the first call\n"), mail);
        assertTrue(mail.contains("poll_wait() adds a waiter only on the first call"), mail);
        assertTrue(!mail.contains("Signed-off-by"), mail);
        assertEquals(0, git(dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "am", mails.get(0).toString()));
        assertTrue(Files.readString(driver).contains("\tpoll_wait(file, &ge->buf_done, wait);\n\tif (ge->done_count)"));
    }

    @Test
    void subjectPrefixesComeFromThePath() {
        assertEquals("media: hdpvr:", PatchMails.prefix("drivers/media/usb/hdpvr/hdpvr-video.c"));
        assertEquals("misc: mei:", PatchMails.prefix("drivers/misc/mei/main.c"));
        assertEquals("media: mc:", PatchMails.prefix("drivers/media/mc/mc-request.c"));
        assertEquals("v4l2loopback:", PatchMails.prefix("v4l2loopback.c"));
    }
}
