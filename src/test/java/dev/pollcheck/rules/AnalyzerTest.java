package dev.pollcheck.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.flow.Program;
import dev.pollcheck.flow.TestPipeline;
import dev.pollcheck.model.TranslationUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

    @Test
    void theCallerSeesEveryFindingOnceAsItIsMade() throws Exception {
        List<TranslationUnit> units = new ArrayList<>();
        for (List<Path> g : FixtureTest.groups()) {
            for (Path p : g) {
                units.add(TestPipeline.parse(Path.of("testdata").relativize(p).toString(), Files.readString(p)));
            }
        }
        Program program = Program.of(units);
        List<Finding> seen = new ArrayList<>();
        List<Finding> sorted = Analyzer.analyze(program, AnalysisConfig.defaults(),
                dev.pollcheck.flow.PollMethods.find(program, dev.pollcheck.flow.OpsTypes.builtin()), seen::add);
        java.util.Set<Finding> same = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        same.addAll(seen);
        assertEquals(seen.size(), same.size(), "each finding is seen once");
        assertTrue(same.containsAll(sorted), "the same finding objects, not copies");
        // A finding seen but not kept was superseded at its call by a worse one from another poll method.
        java.util.Set<Finding> kept = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        kept.addAll(sorted);
        same.removeAll(kept);
        for (Finding gone : same) {
            assertTrue(sorted.stream().anyMatch(k -> k.location().equals(gone.location())
                    && (k.level().ordinal() < gone.level().ordinal() || Analyzer.worse(k, gone))), gone.toString());
        }
    }

    private static List<String> texts(List<Finding> fs) {
        return fs.stream().map(f -> f.location() + " " + f.ruleId() + " " + f.level() + " " + f.message()).toList();
    }

    @Test
    void hostileNestingIsAnalysedWithoutOverflow() throws Exception {
        StringBuilder sb = new StringBuilder("static __poll_t deep_poll(struct file *file, poll_table *wait)\n{\n");
        sb.append("\tif (");
        for (int i = 0; i < 10_000; i++) sb.append("a").append(i).append(" && (");
        sb.append("z");
        sb.append(")".repeat(10_000)).append(")\n\t\tpoll_wait(file, &q, wait);\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append(i == 0 ? "\t" : "\telse ").append("if (file->f_pos == ").append(i).append(")\n\t\tpoll_wait(file, &q").append(i).append(", wait);\n");
        }
        sb.append("\treturn 0;\n}\nstatic const struct file_operations d_fops = { .poll = deep_poll };\n");
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(Analyzer.analyze(Program.of(List.of(TestPipeline.parse("deep.c", sb.toString()))),
                        AnalysisConfig.defaults()));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "deep", 512L << 20);
        t.start();
        t.join();
        Object r = result.get();
        assertTrue(r instanceof List, () -> r instanceof Throwable e ? e.toString() : "no result");
        List<?> findings = (List<?>) r;
        // Every arm's registration is skipped by the earlier arms' state tests; the && chain's too.
        assertEquals(10_001, findings.size());
    }
}
