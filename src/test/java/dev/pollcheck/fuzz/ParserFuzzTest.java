package dev.pollcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.parse.CParser;
import dev.pollcheck.parse.ParseConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * The parser on raw text (it skips comments and {@code #} lines itself), every body wanted, then as
 * a default scan runs it: only bodies and declarations that mention poll wanted, the rest blanked
 * before lexing.
 * Regression inputs and seeds: {@code testdata/fuzz/parser/}. Fuzz it with {@code scripts/fuzz.sh}.
 */
@Tag("fuzz")
class ParserFuzzTest {
    /**
     * One parser kept across inputs, as a scan keeps one per thread: state left over from an
     * earlier file would show as a difference from a fresh parser.
     */
    private static final ThreadLocal<CParser> REUSED = ThreadLocal.withInitial(() -> new CParser(ParseConfig.defaults()));

    @DictionaryFile(resourcePath = Fuzz.DICTIONARY)
    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Fuzz.bounded(() -> {
            TranslationUnit unit = REUSED.get().parse(Fuzz.FILE, text, List.of(), body -> true);
            Fuzz.assertUnit(unit, text);
            TranslationUnit fresh = new CParser(ParseConfig.defaults()).parse(Fuzz.FILE, text, List.of(), body -> true);
            assertEquals(unit, fresh, "a reused parser and a fresh one read the same");
            Predicate<String> poll = t -> t.contains("poll");
            TranslationUnit selective = REUSED.get().parse(Fuzz.FILE, text, List.of(), poll, poll);
            Fuzz.assertUnit(selective, text, true);
            assertEquals(selective, new CParser(ParseConfig.defaults()).parse(Fuzz.FILE, text, List.of(), poll, poll),
                    "a reused parser and a fresh one read the same, selectively too");
            return null;
        });
    }
}
