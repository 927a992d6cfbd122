package dev.pollcheck.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pollcheck.flow.Program;
import dev.pollcheck.flow.TestPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks every fixture under {@code testdata/} (except {@code bad-input/}) through source, parse,
 * flow and rules. A C file directly in a category folder is one program; a folder inside a
 * category folder is one program of all its files (multi-file drivers). Each finding must be
 * marked on its line with its rule and level, {@code /* expect: PW002 warning *}{@code /} (several
 * separated by commas); a missing, an extra or a wrongly levelled finding fails with its file:line,
 * and so does a marker that names no level.
 */
class FixtureTest {
    private static final Path ROOT = Path.of("testdata");
    /** Everything after "expect:" up to the comment's end; each item must be "RULE level". */
    private static final Pattern EXPECT = Pattern.compile("expect:\\s*([^*]*)");
    private static final Pattern ITEM = Pattern.compile("([A-Z]{2}\\d{3}) (error|warning|note)");

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (List<Path> group : groups()) {
            String name = ROOT.relativize(group.get(0).getParent().getFileName().toString().equals("testdata")
                    ? group.get(0) : group.size() == 1 ? group.get(0) : group.get(0).getParent()).toString();
            tests.add(DynamicTest.dynamicTest(name, () -> check(group)));
        }
        return tests.stream();
    }

    @Test
    void thereAreEnoughFixturesForEveryRule() throws IOException {
        int files = 0;
        TreeSet<String> rules = new TreeSet<>();
        for (List<Path> g : groups()) {
            for (Path p : g) {
                files++;
                Matcher m = EXPECT.matcher(Files.readString(p));
                while (m.find()) rules.add(m.group(1).substring(0, 5));
            }
        }
        assertTrue(files >= 40, "only " + files + " fixtures");
        assertTrue(rules.containsAll(List.of("PW001", "PW002", "PW003")), "rules covered: " + rules);
    }

    static List<List<Path>> groups() throws IOException {
        List<List<Path>> out = new ArrayList<>();
        try (Stream<Path> cats = Files.list(ROOT)) {
            for (Path cat : cats.sorted().toList()) {
                if (!Files.isDirectory(cat) || cat.getFileName().toString().equals("bad-input")) continue;
                try (Stream<Path> items = Files.list(cat)) {
                    for (Path item : items.sorted().toList()) {
                        if (Files.isDirectory(item)) {
                            try (Stream<Path> fs = Files.walk(item)) {
                                // A group's include/ holds kernel headers, read for their struct definitions.
                                List<Path> files = fs.filter(p -> p.toString().endsWith(".c")
                                        || p.toString().endsWith(".h") && p.toString().contains("/include/")).sorted().toList();
                                if (!files.isEmpty()) out.add(files);
                            }
                        } else if (item.toString().endsWith(".c")) {
                            out.add(List.of(item));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void check(List<Path> files) throws IOException {
        Program program = TestPipeline.program(ROOT, files);
        List<Finding> found = Analyzer.analyze(program, AnalysisConfig.defaults());
        TreeSet<String> expected = new TreeSet<>();
        TreeSet<String> levels = new TreeSet<>();
        for (Path p : files) {
            String display = ROOT.relativize(p).toString().replace('\\', '/');
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = EXPECT.matcher(lines.get(i));
                if (!m.find()) continue;
                for (String e : m.group(1).trim().split("\\s*,\\s*")) {
                    Matcher item = ITEM.matcher(e);
                    if (!item.matches()) {
                        fail(display + ":" + (i + 1) + ": marker '" + e + "' must be 'RULE level', e.g. 'PW002 warning'");
                    }
                    expected.add(display + ":" + (i + 1) + ": " + item.group(1));
                    levels.add(display + ":" + (i + 1) + ": " + item.group(1) + " " + item.group(2));
                }
            }
        }
        TreeSet<String> actual = new TreeSet<>();
        TreeSet<String> actualLevels = new TreeSet<>();
        StringBuilder detail = new StringBuilder();
        for (Finding f : found) {
            String key = f.location().file() + ":" + f.location().line() + ": " + f.ruleId();
            actual.add(key);
            actualLevels.add(key + " " + f.level().id());
            detail.append("\n  ").append(key).append(" [").append(f.level().id()).append("] ").append(f.message());
        }
        List<String> problems = new ArrayList<>();
        for (String e : expected) if (!actual.contains(e)) problems.add("missing " + e);
        for (String a : actual) if (!expected.contains(a)) problems.add("extra   " + a);
        for (String l : levels) if (!actualLevels.contains(l)) problems.add("level   " + l);
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems) + "\nfindings:" + detail);
        }
    }
}
