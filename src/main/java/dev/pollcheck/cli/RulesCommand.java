package dev.pollcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pollcheck.report.RuleDocs;
import dev.pollcheck.rules.RuleInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pollcheck rules}: the rule list; {@code --format markdown} prints {@code docs/rules.md}, so the
 * documentation is generated from the rule classes and never written twice.
 */
@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "List the rules. --format markdown prints the page kept as docs/rules.md.",
        footer = ExitCodes.HELP)
final class RulesCommand implements Callable<Integer> {

    enum Format { text, json, markdown }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    private final Env env;

    RulesCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        try (PrintWriter out = OutputArgs.open(output, env)) {
            switch (format) {
                case text -> {
                    for (RuleInfo r : env.pipeline().rules()) {
                        out.printf(Locale.ROOT, "%-6s %-8s %s%n", r.id(), r.level().id(), r.title());
                    }
                }
                case markdown -> out.print(RuleDocs.markdownPage(env.pipeline().rules(),
                        "pollcheck rules --format markdown -o docs/rules.md"));
                case json -> {
                    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                    ArrayNode arr = m.createArrayNode();
                    for (RuleInfo r : env.pipeline().rules()) {
                        ObjectNode o = arr.addObject();
                        o.put("id", r.id());
                        o.put("name", r.name());
                        o.put("level", r.level().id());
                        o.put("title", r.title());
                        o.put("rationale", r.rationale());
                        o.put("bad_example", r.badExample());
                        o.put("good_example", r.goodExample());
                    }
                    out.println(m.writeValueAsString(arr));
                }
            }
        }
        return ExitCodes.OK;
    }
}
