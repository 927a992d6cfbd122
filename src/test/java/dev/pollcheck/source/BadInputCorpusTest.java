package dev.pollcheck.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pollcheck.model.ParseProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of {@code testdata/bad-input} goes through the loader, the preprocessor and the
 * suppression scan. Its {@code NAME.expect} lists the problems it must give, one {@code LINE: fragment}
 * per line ({@code #} starts a comment); a missing problem and an unexpected one both fail. Adding a
 * case is adding two files.
 */
class BadInputCorpusTest {
    private static final Path CORPUS = Path.of("testdata/bad-input");

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> FileWalker.isSourceName(p.getFileName().toString())).sorted().toList();
        }
        assertTrue(files.size() >= 10, "corpus is there");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path f) throws IOException {
        Path exp = f.resolveSibling(f.getFileName() + ".expect");
        if (!Files.exists(exp)) {
            fail("no " + exp + " for " + f);
        }
        List<String[]> expected = new ArrayList<>();
        for (String ln : Files.readAllLines(exp)) {
            if (ln.isBlank() || ln.startsWith("#")) continue;
            int colon = ln.indexOf(':');
            expected.add(new String[] {ln.substring(0, colon).trim(), ln.substring(colon + 1).trim()});
        }
        String name = f.getFileName().toString();
        SourceLoader.Loaded l = new SourceLoader().load(f, name);
        List<ParseProblem> problems = new ArrayList<>(l.problems());
        if (l.file() != null) {
            Preprocessed p = Preprocessor.run(l.file(), Defines.defaults());
            String in = l.file().text();
            assertEquals(in.length(), p.text().length(), "layout kept");
            for (int i = 0; i < in.length(); i++) {
                assertEquals(in.charAt(i) == '\n', p.text().charAt(i) == '\n', "newline at " + i);
            }
            problems.addAll(p.problems());
            problems.addAll(Suppressions.find(l.file()).problems());
        }
        for (ParseProblem p : problems) {
            assertEquals(name, p.file(), "every problem names the file");
        }
        List<ParseProblem> unmatched = new ArrayList<>(problems);
        for (String[] e : expected) {
            ParseProblem hit = unmatched.stream()
                    .filter(p -> String.valueOf(p.line()).equals(e[0]) && p.message().contains(e[1]))
                    .findFirst().orElse(null);
            if (hit == null) {
                fail(name + ": expected a problem '" + e[0] + ": " + e[1] + "', got " + problems);
            }
            unmatched.remove(hit);
        }
        assertFalse(!unmatched.isEmpty(), name + ": unexpected problems " + unmatched);
    }
}
