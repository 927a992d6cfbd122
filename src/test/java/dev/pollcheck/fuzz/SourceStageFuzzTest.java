package dev.pollcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.ParseProblem;
import dev.pollcheck.source.Defines;
import dev.pollcheck.source.Preprocessed;
import dev.pollcheck.source.Preprocessor;
import dev.pollcheck.source.SourceLoader;
import java.util.List;

/**
 * The source stage on raw bytes: {@link SourceLoader#decode} then {@link Preprocessor#run}.
 * Regression inputs and seeds: {@code testdata/fuzz/source/}. Fuzz it with {@code scripts/fuzz.sh}.
 */
@Tag("fuzz")
class SourceStageFuzzTest {
    private static final Defines DEFINES = Defines.parse(List.of("CONFIG_A", "CONFIG_B=2"), List.of("CONFIG_OFF"));

    @DictionaryFile(resourcePath = Fuzz.DICTIONARY)
    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) {
        Fuzz.bounded(() -> {
            check(data);
            return null;
        });
    }

    private static void check(byte[] data) {
        SourceLoader.Loaded loaded = SourceLoader.decode(null, Fuzz.FILE, data);
        assertNotNull(loaded.status());
        assertEquals(loaded, SourceLoader.decode(null, Fuzz.FILE, data), "decoding is deterministic");
        int newlines = 0;
        for (byte b : data) {
            if (b == '\n') newlines++;
        }
        int[] rawLines = new int[newlines + 1];
        for (ParseProblem p : loaded.problems()) {
            Fuzz.assertProblem(p, rawLines);
        }
        if (!loaded.parseable()) {
            assertFalse(loaded.problems().isEmpty(), "a file left out says why");
            return;
        }
        String text = loaded.file().text();
        assertEquals(newlines, Fuzz.lineLengths(text).length - 1, "decoding keeps the lines");

        Preprocessed pp = Preprocessor.run(loaded.file(), DEFINES);
        String out = pp.text();
        // Same lines and columns: only blanking, and every newline where it was.
        assertEquals(text.length(), out.length(), "preprocessing keeps the length");
        for (int i = 0; i < text.length(); i++) {
            char a = text.charAt(i);
            char b = out.charAt(i);
            if (a == '\n') {
                assertEquals('\n', b, "newline kept at " + i);
            } else {
                int at = i;
                assertTrue(b == a || b == ' ', () -> "char " + at + " changed from " + (int) a + " to " + (int) b);
            }
        }
        int[] lines = Fuzz.lineLengths(text);
        assertTrue(pp.problems().size() <= Preprocessor.MAX_PROBLEMS + 1, "problems are capped");
        for (ParseProblem p : pp.problems()) {
            Fuzz.assertProblem(p, lines);
        }
        for (MacroDef m : pp.macros()) {
            assertNotNull(m.name(), "macro without a name");
            assertFalse(m.name().isEmpty(), "macro with an empty name");
            Fuzz.assertInside(m.span(), lines, "#define " + m.name());
        }
        assertEquals(pp, Preprocessor.run(loaded.file(), DEFINES), "preprocessing is deterministic");
    }
}
