package dev.pollcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiffTest {

    static final String MAIL = """
            From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001
            From: A Developer <dev@example.org>
            Date: Sat, 21 Nov 2026 10:00:00 +0000
            Subject: [PATCH] foo: only wait when asked

            The commit message may quote diff-looking text:
            --- a/somewhere
            ---
             drivers/char/foo.c | 3 ++-
             1 file changed, 2 insertions(+), 1 deletion(-)

            diff --git a/drivers/char/foo.c b/drivers/char/foo.c
            index 1111111..2222222 100644
            --- a/drivers/char/foo.c
            +++ b/drivers/char/foo.c
            @@ -7,6 +7,7 @@ static __poll_t foo_poll(struct file *file, poll_table *wait)
             	__poll_t mask = 0;
            \s
            -	poll_wait(file, &dev->read_wq, wait);
            +	if (req & EPOLLIN)
            +		poll_wait(file, &dev->read_wq, wait);
             	if (dev->ready)
             		mask |= EPOLLIN | EPOLLRDNORM;
             	return mask;
            @@ -30 +31 @@ static int other(void)
            --- removed line that looks like a header
            +	return 2;
            --\s
            2.39.5

            """;

    @Test
    void formatPatchMailGivesTheNewSideLines() throws Exception {
        Diff d = Diff.parse(MAIL);
        assertEquals(List.of("drivers/char/foo.c"), List.copyOf(d.files().keySet()));
        Diff.FileChange c = d.files().get("drivers/char/foo.c");
        assertEquals(List.of(9, 10, 31), c.addedLines());
        assertEquals(List.of(9, 31), c.removalPoints());
    }

    @Test
    void touchesMeansAddedOrRemovedInsideTheRange() throws Exception {
        Diff.FileChange c = Diff.parse(MAIL).files().get("drivers/char/foo.c");
        assertTrue(c.touches(3, 14), "the function holding lines 9-10");
        assertFalse(c.touches(11, 20), "a function below the change");
        assertFalse(c.touches(1, 8), "a function ending just above the added lines");
        assertTrue(c.touches(31, 31));
    }

    @Test
    void removalAtAFunctionBoundaryIsOutsideIt() throws Exception {
        // Lines removed just above line 5 lie between functions [1,4] and [5,9]; neither changes.
        String diff = """
                --- a/x.c
                +++ b/x.c
                @@ -4,2 +4,0 @@
                -static int gone;
                -
                """;
        Diff.FileChange c = Diff.parse(diff).files().get("x.c");
        assertEquals(List.of(), c.addedLines());
        assertEquals(List.of(5), c.removalPoints());
        assertFalse(c.touches(1, 4));
        assertFalse(c.touches(5, 9));
        assertTrue(c.touches(3, 9), "a function that held the removed lines");
    }

    @Test
    void plainDiffWithoutPrefixesAndTimestamps() throws Exception {
        String diff = """
                --- foo.c.orig\t2026-11-21 10:00:00
                +++ foo.c\t2026-11-21 10:01:00
                @@ -1,3 +1,3 @@
                 a
                -b
                +c
                 d
                \\ No newline at end of file
                """;
        Diff d = Diff.parse(diff);
        assertEquals(List.of(2), d.files().get("foo.c").addedLines());
    }

    @Test
    void newAndDeletedFiles() throws Exception {
        String diff = """
                diff --git a/new.c b/new.c
                new file mode 100644
                --- /dev/null
                +++ b/new.c
                @@ -0,0 +1,2 @@
                +int a;
                +int b;
                diff --git a/old.c b/old.c
                deleted file mode 100644
                --- a/old.c
                +++ /dev/null
                @@ -1 +0,0 @@
                -int c;
                """;
        Diff d = Diff.parse(diff);
        assertEquals(List.of("new.c"), List.copyOf(d.files().keySet()));
        assertEquals(List.of(1, 2), d.files().get("new.c").addedLines());
    }

    @Test
    void quotedPathsAreUnquoted() throws Exception {
        String diff = "--- \"a/my dev/\\303\\244.c\"\n+++ \"b/my dev/\\303\\244.c\"\n@@ -1 +1 @@\n-x\n+y\n";
        assertEquals(List.of("my dev/ä.c"), List.copyOf(Diff.parse(diff).files().keySet()));
    }

    @Test
    void notADiffOrTruncated() {
        assertThrows(Diff.DiffException.class, () -> Diff.parse("hello\nworld\n"));
        assertThrows(Diff.DiffException.class, () -> Diff.parse("--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n"));
        assertThrows(Diff.DiffException.class, () -> Diff.parse("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n?b\n"));
    }

    @Test
    void blankIsAnEmptyChange() throws Exception {
        assertTrue(Diff.parse("").files().isEmpty());
    }

    @Test
    void aPlainRecursiveDiffDropsTheDifferingTopDirectories() throws Exception {
        Diff d = Diff.parse("""
                diff -ru linux.orig/drivers/char/foo.c linux/drivers/char/foo.c
                --- linux.orig/drivers/char/foo.c\t2026-01-01 00:00:00
                +++ linux/drivers/char/foo.c\t2026-01-02 00:00:00
                @@ -3 +3 @@
                -a
                +b
                --- drivers/char/bar.c
                +++ drivers/char/bar.c
                @@ -1 +1 @@
                -a
                +b
                """);
        assertEquals(List.of("drivers/char/foo.c", "drivers/char/bar.c"), List.copyOf(d.files().keySet()));
    }
}
