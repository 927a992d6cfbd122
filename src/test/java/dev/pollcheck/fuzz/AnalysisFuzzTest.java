package dev.pollcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import dev.pollcheck.flow.HelperModels;
import dev.pollcheck.flow.TimeBound;
import dev.pollcheck.flow.OpsTypes;
import dev.pollcheck.flow.PollMethod;
import dev.pollcheck.flow.PollMethods;
import dev.pollcheck.flow.Program;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.parse.CParser;
import dev.pollcheck.parse.ParseConfig;
import dev.pollcheck.rules.AnalysisConfig;
import dev.pollcheck.rules.Analyzer;
import dev.pollcheck.rules.Finding;
import dev.pollcheck.rules.Rules;
import dev.pollcheck.sim.Simulator;
import dev.pollcheck.sim.Verdict;
import dev.pollcheck.source.Defines;
import dev.pollcheck.source.Preprocessed;
import dev.pollcheck.source.Preprocessor;
import dev.pollcheck.source.SourceLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The whole analysis of one file, chained as cli.Scan chains it: decode, preprocess, parse (the
 * bodies and declarations that mention poll), program index, poll-method discovery, rules, and the
 * simulator's verdict on each finding.
 * Regression inputs and seeds: {@code testdata/fuzz/analysis/}. Fuzz it with {@code scripts/fuzz.sh}.
 */
@Tag("fuzz")
class AnalysisFuzzTest {
    private static final OpsTypes OPS = OpsTypes.builtin();
    private static final HelperModels MODELS = HelperModels.builtin();
    private static final ThreadLocal<CParser> REUSED = ThreadLocal.withInitial(() -> new CParser(ParseConfig.defaults()));

    /** What one run gave, compared between two runs. */
    private record Outcome(String text, TranslationUnit unit, List<PollMethod> methods, List<Finding> findings,
                           List<Verdict> verdicts, boolean bounded) {
    }

    /** The product's bound per poll method, as a scan sets it: a slow input is cut there, never hangs. */
    private static final java.time.Duration METHOD_BOUND = dev.pollcheck.cli.ScanOptions.FileLimits.DEFAULT_METHOD_TIME;

    @DictionaryFile(resourcePath = Fuzz.DICTIONARY)
    @FuzzTest(maxDuration = "10m")
    void fuzz(byte[] data) {
        Fuzz.bounded(() -> {
            Outcome first = analyze(data, REUSED.get());
            if (first == null) {
                return null;
            }
            check(first);
            Outcome second = analyze(data, new CParser(ParseConfig.defaults()));
            // What a time bound cut depends on the machine's speed; everything else must not.
            if (!first.bounded() && !second.bounded()) {
                assertEquals(first, second, "the analysis of one file is deterministic");
            }
            return null;
        });
    }

    private static Outcome analyze(byte[] data, CParser parser) {
        SourceLoader.Loaded loaded = SourceLoader.decode(null, Fuzz.FILE, data);
        if (!loaded.parseable()) {
            return null;
        }
        Preprocessed pp = Preprocessor.run(loaded.file(), Defines.defaults());
        // As a default scan reads a file: only what mentions poll is parsed.
        Predicate<String> poll = t -> t.contains("poll");
        TranslationUnit unit = parser.parse(Fuzz.FILE, pp.text(), pp.macros(), poll, poll);
        Fuzz.assertUnit(unit, pp.text(), true);
        Program program = Program.of(List.of(unit));
        List<PollMethod> methods = PollMethods.find(program, OPS);
        List<TopLevel.Function> timedOut = new ArrayList<>();
        List<Finding> findings = Analyzer.analyze(program, AnalysisConfig.defaults(), methods, f -> { },
                METHOD_BOUND, timedOut::add);
        Simulator simulator = Simulator.forProgram(program, MODELS);
        List<Verdict> verdicts = new ArrayList<>();
        boolean bounded = !timedOut.isEmpty();
        for (Finding f : findings) {
            try {
                verdicts.add(TimeBound.within(METHOD_BOUND, () -> simulator.confirm(f)));
            } catch (TimeBound.Exceeded e) {
                verdicts.add(Verdict.unconfirmed("time bound"));
                bounded = true;
            }
        }
        return new Outcome(pp.text(), unit, methods, findings, verdicts, bounded);
    }

    private static void check(Outcome o) {
        int[] lines = Fuzz.lineLengths(o.text());
        for (PollMethod m : o.methods()) {
            assertNotNull(m.name(), "poll method without a name");
            if (m.function() != null) {
                assertNotNull(m.function().status(), () -> "no status on poll method " + m.name());
            }
            if (m.reference() != null) {
                Fuzz.assertInside(m.reference(), lines, "reference to poll method " + m.name());
            }
        }
        for (int i = 1; i < o.findings().size(); i++) {
            assertTrue(Analyzer.ORDER.compare(o.findings().get(i - 1), o.findings().get(i)) <= 0, "findings are sorted");
        }
        for (int i = 0; i < o.findings().size(); i++) {
            Finding f = o.findings().get(i);
            assertNotNull(Rules.byId(f.ruleId()), () -> "unknown rule " + f.ruleId());
            assertNotNull(f.level(), "finding without a level");
            assertFalse(f.message() == null || f.message().isBlank(), "finding without a message");
            Fuzz.assertInside(f.location(), lines, "finding " + f.ruleId());
            if (f.condition() != null) {
                Fuzz.assertInside(f.condition(), lines, "condition of " + f.ruleId());
            }
            TopLevel.Function fn = f.method();
            assertNotNull(fn, "finding without its method");
            assertTrue(o.unit().functions().contains(fn), () -> "finding on a function not in the file: " + fn.name());
            Verdict v = o.verdicts().get(i);
            assertNotNull(v, "no verdict");
            if (v.confirmed()) {
                assertNotNull(v.witness(), "confirmed without a witness");
                assertFalse(v.witness().steps().isEmpty(), "a witness with no steps");
            } else {
                assertFalse(v.reason() == null || v.reason().isBlank(), "unconfirmed without a reason");
            }
        }
    }
}
