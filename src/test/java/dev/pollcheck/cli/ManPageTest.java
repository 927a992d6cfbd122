package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/** man/pollcheck.1 is generated from the picocli model; this keeps the committed page current and complete. */
class ManPageTest {

    private static String generated() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"generate-man-page"}, DefaultPipeline.create(),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new Terminal(Map.of()));
        assertEquals(0, code);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void committedPageIsTheGeneratedOne() throws Exception {
        assertEquals(generated(), Files.readString(Path.of("man/pollcheck.1"), StandardCharsets.UTF_8),
                "man/pollcheck.1 is stale: run " + ManPage.REGENERATE);
    }

    @Test
    void everyCommandAndVisibleOptionIsOnThePage() {
        String page = generated();
        var cl = Main.commandLine(new Env(DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]), System.out,
                System.err, new Terminal(Map.of()), List.of()));
        int options = 0;
        for (String cmd : List.of("check", "explain", "methods", "simulate", "rules", "generate-completion")) {
            assertTrue(page.contains("\n.SS " + cmd + "\n"), cmd);
            for (OptionSpec o : cl.getSubcommands().get(cmd).getCommandSpec().options()) {
                if (o.hidden()) continue;
                assertTrue(page.contains("\\fB" + ManPage.roffText(o.longestName()) + "\\fR"), cmd + " " + o.longestName());
                options++;
            }
        }
        assertTrue(options > 40, "options: " + options);
        assertTrue(page.startsWith(".\\\" Generated") && page.contains("\n.TH POLLCHECK 1 "), page);
        assertTrue(!page.contains("${"), "help variables are filled in");
    }
}
