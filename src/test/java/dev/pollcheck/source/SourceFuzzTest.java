package dev.pollcheck.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.ParseProblem;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs built from the pieces that make the source stage branch (comments, literals,
 * directives, continuations, braces, stray bytes). Invariants checked on each: nothing thrown (and no
 * internal-error notice from the safety net), the output only blanks chars and keeps every newline,
 * problems name the file and a real line, and a second run gives the same result. Iterations:
 * {@code -Dpollcheck.fuzz.iterations=N} (default 2000, a few seconds); the seed is printed on failure.
 */
class SourceFuzzTest {
    private static final String[] PIECES = {
        "/*", "*/", "//", "\"", "'", "\\", "\\\n", "\\\r\n", "\n", "\r\n", "\r", " ", "\t", "#", "# ", "{", "}", "(", ")", ";",
        "#if ", "#ifdef ", "#ifndef ", "#elif ", "#else", "#endif", "#define ", "#undef ", "#include <x.h>", "#error don't",
        "0", "1", "defined", "defined(", "IS_ENABLED(", "KERNEL_VERSION(", "LINUX_VERSION_CODE", ">=", "&&", "||", "!", "<<",
        "CONFIG_A", "X", "foo", "int ", "static ", "__poll_t ", "poll_wait(", "poll_table *wait", ".poll = ",
        "pollcheck: ignore ", "PW001", ",", "--", "reason", "\u00e9", "\u0000", "\uFFFD", "?", ":", "*", "'a'", "\"s\"",
    };

    @Test
    void randomInputsKeepTheInvariants() {
        int iterations = Integer.getInteger("pollcheck.fuzz.iterations", 2000);
        long seed = Long.getLong("pollcheck.fuzz.seed", 20261121L);
        Random r = new Random(seed);
        for (int it = 0; it < iterations; it++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(200);
            for (int k = 0; k < len; k++) {
                sb.append(PIECES[r.nextInt(PIECES.length)]);
                if (r.nextInt(10) == 0) sb.append((char) r.nextInt(256));
            }
            String text = sb.toString();
            try {
                check(text);
                checkBytes(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " iteration " + it + " input <" + text + ">", e);
            }
        }
    }

    private static void check(String text) {
        SourceFile f = SourceFile.of("fz.c", text);
        Defines d = Defines.parse(List.of("CONFIG_A"), List.of("X"));
        Preprocessed p = Preprocessor.run(f, d);
        String out = p.text();
        assertEquals(text.length(), out.length());
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            char a = text.charAt(i);
            char b = out.charAt(i);
            if (a == '\n') {
                lines++;
                assertEquals('\n', b);
            } else {
                assertTrue(b == a || b == ' ', "only blanking at " + i);
            }
        }
        for (ParseProblem x : p.problems()) {
            assertEquals("fz.c", x.file());
            assertTrue(x.line() >= 1 && x.line() <= lines, x.toString());
            assertFalse(x.message().startsWith("internal error"), x.toString());
        }
        assertEquals(p, Preprocessor.run(f, d), "deterministic");
        Suppressions.Result s = Suppressions.find(f);
        for (Suppression x : s.suppressions()) {
            assertTrue(x.line() >= 1 && x.line() <= lines);
        }
        Prefilter.mayMatter(text);
    }

    private static void checkBytes(byte[] bytes) {
        SourceLoader.Loaded l = SourceLoader.decode(null, "fz.c", bytes);
        if (l.file() != null) {
            int nl = 0;
            for (byte b : bytes) if (b == '\n') nl++;
            assertEquals(nl, l.file().text().chars().filter(c -> c == '\n').count(), "lines kept by decoding");
            check(l.file().text());
        } else {
            assertFalse(l.problems().isEmpty());
        }
    }
}
