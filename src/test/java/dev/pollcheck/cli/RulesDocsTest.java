package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.report.RuleDocs;
import dev.pollcheck.rules.RuleInfo;
import dev.pollcheck.rules.Rules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code rules}, {@code explain} and the docs page come from the rule classes' {@code RuleInfo}. */
class RulesDocsTest {

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(args, DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8), new Terminal(Map.of()));
        assertEquals(0, code, String.join(" ", args));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyRegisteredRuleIsListedExplainedAndDocumented() {
        String list = run("rules");
        String page = run("rules", "--format", "markdown");
        for (RuleInfo r : Rules.infos()) {
            assertTrue(list.contains(r.id() + " "), r.id());
            assertTrue(page.contains("\n## " + r.id() + "\n"), r.id());
            assertTrue(page.contains(r.badExample().strip().lines().findFirst().orElseThrow()), r.id());
            assertEquals(RuleDocs.text(r), run("explain", r.id()));
        }
        assertTrue(list.contains("PW900"), "the report stage's own rule is listed too");
    }
}
