package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-file bounds end to end: a file over a bound gets a notice naming it, and the run goes on. */
class FileLimitsTest {
    @TempDir
    Path dir;

    private JsonNode scan(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("check", dir.toString(), "--format", "json", "--exit-zero"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8), new Terminal(Map.of()));
        assertEquals(0, code);
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> notices(JsonNode report, String fragment) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : report.path("stats").path("parse_errors")) {
            if (p.path("message").asText().contains(fragment)) {
                out.add(p.path("file").asText());
            }
        }
        return out;
    }

    @Test
    void aFileOverTheSizeCapIsNamedAndTheOthersAreStillChecked() throws Exception {
        Files.writeString(dir.resolve("foo.c"), CliTest.BUGGY);
        Files.writeString(dir.resolve("big.c"), "/* poll_wait */\n" + "int x;\n".repeat(2000));
        JsonNode r = scan("--max-file-size", "4k");
        assertEquals(List.of(dir.resolve("big.c").toString()), notices(r, "file too large"));
        assertEquals(1, r.path("findings").size(), "foo.c is checked: " + r.path("findings"));
        assertEquals(List.of(), notices(scan(), "file too large"), "the default cap is 8M");
    }

    @Test
    void aFileOverTheTimeBoundIsNamedAndItsFunctionsCounted() throws Exception {
        StringBuilder sb = new StringBuilder("static int poll_table_user(poll_table *pt)\n{\n\treturn 0;\n}\n");
        for (int i = 0; i < 30; i++) {
            sb.append("static int f").append(i).append("(poll_table *pt)\n{\n\treturn ").append(i).append(";\n}\n");
        }
        Files.writeString(dir.resolve("slow.c"), sb.toString());
        JsonNode r = scan("--file-time-bound", "0.000000001");
        assertEquals(List.of(dir.resolve("slow.c").toString()), notices(r, "time bound per file"));
        JsonNode stats = r.path("stats");
        assertEquals(31, stats.path("functions_total").asInt());
        assertTrue(stats.path("functions_failed").asInt() > 0, stats.toString());
    }
}
