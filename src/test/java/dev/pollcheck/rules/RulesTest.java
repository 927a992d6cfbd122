package dev.pollcheck.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.flow.Program;
import dev.pollcheck.flow.TestPipeline;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every rule's own bad example triggers it, and its good example is clean. */
class RulesTest {

    private static List<Finding> run(String code) {
        String withOps = code + "\nstatic const struct file_operations example_fops = { .poll = foo_poll };\n";
        return Analyzer.analyze(Program.of(List.of(TestPipeline.parse("example.c", withOps))), AnalysisConfig.defaults());
    }

    @Test
    void examplesShowWhatTheRuleSays() {
        for (Rule r : Rules.all()) {
            RuleInfo i = r.info();
            List<Finding> bad = run(i.badExample());
            assertTrue(bad.stream().anyMatch(f -> f.ruleId().equals(i.id()) && f.level() == i.level()),
                    i.id() + " bad example gives " + bad);
            assertEquals(List.of(), run(i.goodExample()), i.id() + " good example");
        }
    }

    @Test
    void metadataIsComplete() {
        Set<String> ids = new HashSet<>();
        for (RuleInfo i : Rules.infos()) {
            assertTrue(i.id().matches("PW\\d{3}"), i.id());
            assertTrue(ids.add(i.id()), "duplicate " + i.id());
            assertTrue(i.name().matches("[A-Z][A-Za-z]+"), i.name());
            assertFalse(i.title().isBlank());
            assertTrue(i.rationale().length() > 200, i.id() + " rationale too short");
            assertNotNull(Rules.byId(i.id().toLowerCase()));
        }
    }

    @Test
    void findingsCarryWhatTheReportNeeds() {
        List<Finding> f = run(Rules.byId("PW001").info().badExample());
        Finding x = f.get(0);
        assertEquals("foo_poll", x.function());
        assertEquals("&dev->event_wait", x.queue());
        assertEquals("req & EPOLLPRI", x.conditionText());
        assertEquals(x.condition().line() + 1, x.location().line());
        assertTrue(x.apis().contains(Api.EPOLL));
        assertNotNull(x.method());
        assertEquals("poll_wait", x.registration().name());
    }
}
