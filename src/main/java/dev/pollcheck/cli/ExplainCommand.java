package dev.pollcheck.cli;

import dev.pollcheck.report.RuleDocs;
import dev.pollcheck.rules.RuleInfo;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pollcheck explain PW001}: a rule's documentation, generated from its {@code RuleInfo}. */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Print a rule's documentation: rationale, a bad and a good example.",
        footer = ExitCodes.HELP)
final class ExplainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RULE", description = "A rule id, such as PW001.")
    String rule;

    private final Env env;

    ExplainCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws UsageException {
        String id = rule.strip().toUpperCase(Locale.ROOT);
        for (RuleInfo r : env.pipeline().rules()) {
            if (r.id().equals(id)) {
                env.out().print(RuleDocs.text(r));
                env.out().flush();
                return ExitCodes.OK;
            }
        }
        throw new UsageException("no rule " + rule + "; known rules: "
                + String.join(", ", env.pipeline().rules().stream().map(RuleInfo::id).toList()));
    }
}
