package dev.pollcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.Ast;
import dev.pollcheck.model.ParseProblem;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the three fuzz harnesses share: a worker thread with the pipeline's stack size, and the
 * invariants on positions and units.
 */
final class Fuzz {
    /** The display path every harness uses. */
    static final String FILE = "fuzz.c";

    /** C and preprocessor tokens for the mutator (testdata/fuzz/c.dict, on the test class path). */
    static final String DICTIONARY = "/dev/pollcheck/fuzz/c.dict";

    /**
     * Per-input bound: an input that takes longer fails with an AssertionError (a finding that
     * Jazzer keeps) instead of hanging the run. No JUnit {@code @Timeout} on the harnesses: in
     * fuzzing mode it would bound the whole fuzzing session, not one input. scripts/fuzz.sh also
     * gives libFuzzer a {@code -timeout} as a backstop for an input that never returns.
     * The product bounds a slow input itself (30 s per parse, 5 s per poll method for the analysis
     * and 5 s for the simulation of its findings, so at most about 120 s for the four parses of
     * the parser harness); this bound is well above those, so that a busy machine (a JIT warming up
     * with both cores loaded took more than 10 s on the first 600-byte input) never fails a run.
     */
    static final long BOUND_SECONDS = 240;

    /**
     * The scan pipeline runs per-file work on 512 MB stacks (flow.Workers.STACK_BYTES); the
     * harnesses do the same, so that a stack overflow found here would also happen in a real scan.
     */
    private static ExecutorService worker = newWorker();

    private Fuzz() {
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "fuzz-worker", 512L << 20);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} on the big-stack worker within the bound; whatever it throws is rethrown as is. */
    static synchronized <T> T bounded(Callable<T> work) {
        Future<T> f = worker.submit(work);
        try {
            return f.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // The stuck thread may never stop; later inputs get a fresh worker.
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError("input took more than " + BOUND_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new AssertionError(c);
        }
    }

    /** Line lengths of {@code text} (lines end at {@code \n}, as in the lexer and the preprocessor). */
    static int[] lineLengths(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') n++;
        }
        int[] len = new int[n];
        int line = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            } else {
                len[line]++;
            }
        }
        return len;
    }

    /** A span lies inside the input: the right file, 1-based, start not after end, ends at most one past a line. */
    static void assertInside(Span s, int[] lines, Object what) {
        assertNotNull(s, () -> "no span on " + what);
        assertEquals(FILE, s.file(), () -> "file of " + what);
        assertTrue(s.line() >= 1 && s.line() <= lines.length, () -> "start line " + s + " of " + what);
        assertTrue(s.endLine() >= s.line() && s.endLine() <= lines.length, () -> "end line " + s.endLine() + " of " + what);
        assertTrue(s.column() >= 1 && s.column() <= lines[s.line() - 1] + 1, () -> "start column " + s + " of " + what);
        assertTrue(s.endColumn() >= 1 && s.endColumn() <= lines[s.endLine() - 1] + 1,
                () -> "end column " + s.endLine() + ":" + s.endColumn() + " of " + what);
        assertTrue(s.endLine() > s.line() || s.endColumn() >= s.column(), () -> "end before start: " + s + " " + what);
    }

    /**
     * A problem names the file and a real line, or is a notice about the whole file at 0:0 (the
     * preprocessor's "N more problems in this file not listed"; the report writers take line 0 as
     * "no region").
     */
    static void assertProblem(ParseProblem p, int[] lines) {
        assertEquals(FILE, p.file(), p::toString);
        if (p.line() != 0 || p.column() != 0) {
            assertTrue(p.line() >= 1 && p.line() <= lines.length, p::toString);
            assertTrue(p.column() >= 1, p::toString);
        }
        assertFalse(p.message() == null || p.message().isBlank(), p::toString);
        // The stages catch their own bugs and report them this way; for the fuzzer that is a crash.
        assertFalse(p.message().startsWith("internal"), p::toString);
    }

    /**
     * A unit read with every body wanted: every function has a name, a body and a status other than
     * SKIPPED; every node and problem lies inside the input.
     */
    static void assertUnit(TranslationUnit unit, String text) {
        assertUnit(unit, text, false);
    }

    /** As above; with {@code selective}, the run wanted only some bodies, so SKIPPED is allowed. */
    static void assertUnit(TranslationUnit unit, String text, boolean selective) {
        int[] lines = lineLengths(text);
        assertEquals(FILE, unit.file());
        for (ParseProblem p : unit.problems()) {
            assertProblem(p, lines);
        }
        for (TopLevel item : unit.items()) {
            if (item instanceof TopLevel.Function f) {
                assertNotNull(f.status(), () -> "no status on " + f.name());
                assertTrue(selective || f.status() != ParseStatus.SKIPPED,
                        () -> "skipped although every body was wanted: " + f.name());
                assertNotNull(f.name(), "function without a name");
                assertNotNull(f.body(), () -> "no body on " + f.name());
                assertInside(f.nameSpan(), lines, "name of " + f.name());
                // The name lies within the function.
                Span s = f.span();
                assertTrue(s.line() < f.nameSpan().line()
                        || (s.line() == f.nameSpan().line() && s.column() <= f.nameSpan().column()),
                        () -> "name " + f.nameSpan() + " before function " + s);
            }
            Ast.walk(item, n -> assertInside(n.span(), lines, n.getClass().getSimpleName()));
        }
    }
}
