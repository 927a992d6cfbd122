package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollcheck.report.RuleDocs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/rules.md is generated from the rule classes; this keeps the committed page from drifting. */
class RulesDocTest {
    @Test
    void committedPageIsTheGeneratedOne() throws Exception {
        String generated = RuleDocs.markdownPage(DefaultPipeline.create().rules(),
                "pollcheck rules --format markdown -o docs/rules.md");
        String committed = Files.readString(Path.of("docs/rules.md"), StandardCharsets.UTF_8);
        assertEquals(generated, committed,
                "docs/rules.md is stale: run ./pollcheck rules --format markdown -o docs/rules.md");
    }
}
