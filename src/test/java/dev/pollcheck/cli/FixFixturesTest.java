package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.fix.Edit;
import dev.pollcheck.fix.Fix;
import dev.pollcheck.fix.TextEdits;
import dev.pollcheck.report.ReportedFinding;
import dev.pollcheck.report.ScanResult;
import dev.pollcheck.rules.Level;
import dev.pollcheck.sim.Simulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fix fixtures under {@code testdata/fix/}: each {@code NAME.c} with a {@code NAME.fixed.c} must be
 * fixed into exactly that text (fixture markers aside); each with a {@code NAME.reason} must get no fix,
 * with that reason. And every single-file fixture under {@code testdata/} that gets a fix is fixed, and
 * the patched file, scanned again, has no finding left on the moved queues and no hang on them.
 */
class FixFixturesTest {
    private static final Path FIX = Path.of("testdata/fix");

    @TempDir
    Path tmp;

    private static String unmarked(String text) {
        return text.replaceAll(" /\\* expect: [^*]*\\*/", "");
    }

    private static ScanResult scan(Path file) throws Exception {
        return Scan.run(ScanOptions.defaults(List.of(file)));
    }

    /** The distinct fixes of a scan. */
    private static List<Fix> fixes(ScanResult r) {
        Set<Fix> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Fix> out = new ArrayList<>();
        for (ReportedFinding rf : r.findings()) {
            if (rf.fix() != null && rf.fix().fixed() && seen.add(rf.fix().fix())) out.add(rf.fix().fix());
        }
        return out;
    }

    private static String patched(Path file, List<Fix> fixes) throws IOException {
        TextEdits t = new TextEdits(Files.readString(file));
        List<Edit> edits = new ArrayList<>();
        for (Fix f : fixes) edits.addAll(f.edits());
        return t.apply(t.normalize(edits));
    }

    @TestFactory
    Stream<DynamicTest> pairs() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(FIX)) {
            for (Path in : files.sorted().toList()) {
                String name = in.getFileName().toString();
                if (!name.endsWith(".c") || name.endsWith(".fixed.c")) continue;
                String base = name.substring(0, name.length() - 2);
                Path fixed = FIX.resolve(base + ".fixed.c");
                Path reason = FIX.resolve(base + ".reason");
                tests.add(DynamicTest.dynamicTest(base, () -> {
                    ScanResult r = scan(in);
                    assertFalse(r.findings().isEmpty(), base + ": the input has findings");
                    if (Files.exists(fixed)) {
                        List<Fix> fs = fixes(r);
                        assertEquals(1, fs.size(), base + ": one fix for the method");
                        assertEquals(unmarked(Files.readString(fixed)), unmarked(patched(in, fs)), base);
                        for (ReportedFinding rf : r.findings()) {
                            assertTrue(rf.fix() != null && rf.fix().fixed(), base + ": every finding fixed: " + rf.fix());
                        }
                    } else {
                        assertTrue(Files.exists(reason), base + " needs a .fixed.c or a .reason");
                        String want = Files.readString(reason).strip();
                        for (ReportedFinding rf : r.findings()) {
                            assertTrue(rf.fix() != null && !rf.fix().fixed(), base + ": no fix offered");
                            assertTrue(rf.fix().reason().contains(want), base + ": " + rf.fix().reason());
                        }
                    }
                }));
            }
        }
        assertTrue(tests.size() >= 12, "fix fixtures: " + tests.size());
        return tests.stream();
    }

    /** Every single-file fixture with a fixable finding: fixed, then no finding and no hang left on its queues. */
    @Test
    void everyFixableFixtureIsFixedForGood() throws Exception {
        int fixedFiles = 0;
        List<Path> inputs;
        try (Stream<Path> all = Files.walk(Path.of("testdata"))) {
            inputs = all.filter(p -> p.toString().endsWith(".c") && !p.toString().endsWith(".fixed.c")
                    && !p.startsWith("testdata/bad-input") && !p.startsWith("testdata/multi")
                    && !p.startsWith("testdata/fuzz")).sorted().toList();
        }
        for (Path in : inputs) {
            ScanResult r = scan(in);
            List<Fix> fs = fixes(r);
            if (fs.isEmpty()) continue;
            fixedFiles++;
            Path copy = tmp.resolve(fixedFiles + "-" + in.getFileName());
            Files.writeString(copy, patched(in, fs));
            ScanResult again = scan(copy);
            for (Fix f : fs) {
                for (String q : f.queues()) {
                    String canon = Simulator.canonicalQueue(q);
                    for (ReportedFinding rf : again.findings()) {
                        boolean same = rf.finding().queue() != null
                                && Simulator.canonicalQueue(rf.finding().queue()).equals(canon)
                                && rf.finding().function().equals(f.function());
                        assertFalse(same && rf.finding().level() != Level.NOTE,
                                in + ": still " + rf.finding().ruleId() + " on " + q);
                    }
                }
                String sim = simulate(copy + ":" + f.function());
                assertTrue(sim.contains("searched:"), sim);
                for (String q : f.queues()) {
                    assertFalse(sim.contains("lost wake-up on " + Simulator.canonicalQueue(q) + " "),
                            in + ": hang left on " + q + "\n" + sim);
                }
            }
        }
        assertTrue(fixedFiles >= 20, "fixtures fixed: " + fixedFiles);
    }

    private static String simulate(String target) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(new String[] {"simulate", target}, DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                new Terminal(Map.of()));
        return out.toString(StandardCharsets.UTF_8);
    }
}
