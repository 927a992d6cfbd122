package dev.pollcheck.cli;

import dev.pollcheck.report.JsonWriter;
import dev.pollcheck.report.ReportContext;
import dev.pollcheck.report.ReportedMethod;
import dev.pollcheck.report.ScanResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pollcheck methods PATH...}: the poll methods found, so anyone can check coverage. */
@Command(name = "methods", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "List the poll methods found under PATH (file, line, function, ops struct).",
        footer = ExitCodes.HELP)
final class MethodsCommand implements Callable<Integer> {

    enum Format { text, json }

    @Mixin
    ScanArgs scan = new ScanArgs();

    @Mixin
    OutputArgs output = new OutputArgs();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    private final Env env;

    MethodsCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        scan.readFilesFrom(env);
        ScanOptions options = scan.toOptions(false, false, null, ScanProgress.NONE);
        boolean progressWanted = !output.quiet && !env.terminal().inCi() && env.terminal().stderrIsTerminal();
        ScanResult result;
        try (TerminalProgress progress = progressWanted ? new TerminalProgress(env.err(), output.progressColour(env)) : null) {
            result = env.pipeline().scan(progress == null ? options : options.withProgress(progress));
        }
        try (PrintWriter out = output.open(env)) {
            if (format == Format.json) {
                ReportContext ctx = new ReportContext(Env.version(), env.pipeline().rules(), false, output.quiet,
                        env.args(), ReportContext.HOME);
                new JsonWriter(ctx).write(result.withFindings(java.util.List.of()), true, out);
            } else {
                for (ReportedMethod m : result.methods()) {
                    out.println(dev.pollcheck.report.TextSafe.escape(m.location().file()) + ":" + m.location().line()
                            + ":" + m.location().column() + ": " + m.function() + " (" + m.ops() + ")");
                }
                if (!output.quiet) {
                    long files = result.methods().stream().map(m -> m.location().file()).distinct().count();
                    out.println("pollcheck: " + result.methods().size() + " poll method"
                            + (result.methods().size() == 1 ? "" : "s") + " in " + files + " file"
                            + (files == 1 ? "" : "s"));
                }
            }
        }
        return ExitCodes.OK;
    }
}
