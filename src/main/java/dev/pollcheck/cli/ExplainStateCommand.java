package dev.pollcheck.cli;

import dev.pollcheck.driver.DiskSources;
import dev.pollcheck.driver.DriverKnowledge;
import dev.pollcheck.driver.DriverModel;
import dev.pollcheck.driver.DriverModels;
import dev.pollcheck.driver.MacroExpansions;
import dev.pollcheck.driver.StateJudge;
import dev.pollcheck.driver.Wake;
import dev.pollcheck.driver.Write;
import dev.pollcheck.flow.Program;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.parse.CParser;
import dev.pollcheck.parse.ParseConfig;
import dev.pollcheck.rules.StateSkipsRegistration;
import dev.pollcheck.source.Defines;
import dev.pollcheck.source.Preprocessed;
import dev.pollcheck.source.LocalHeaders;
import dev.pollcheck.source.Preprocessor;
import dev.pollcheck.source.SourceLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pollcheck explain-state FILE:FUNCTION}: for one poll method, every condition on device or
 * driver state that can skip a registration, the state atoms it reads, their writers (function,
 * role, line, value), the code that wakes the skipped queue, and the PW002 verdict they lead to: the
 * facts the rule and the simulator read, from the driver model of FILE's directory.
 */
@Command(name = "explain-state", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Show why a state condition of a poll method is a PW002 warning or note: its atoms,",
            "their writers with roles and lines, the wakers of the skipped queue, and the verdict."})
final class ExplainStateCommand implements Callable<Integer> {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Parameters(paramLabel = "FILE:FUNCTION", description = "The C file and the poll method in it.")
    String target;

    @Option(names = "-D", paramLabel = "NAME[=VALUE]", description = "Treat NAME as defined (repeatable).")
    List<String> defines = new ArrayList<>();

    @Option(names = "--driver-model", paramLabel = "FILE",
            description = "Extra driver-model lines: roles, writes, kernel-owned members, wakers, allocators (repeatable; see docs/driver-model.md).")
    List<Path> driverModels = new ArrayList<>();

    @Option(names = "-U", paramLabel = "NAME", description = "Treat NAME as undefined (repeatable).")
    List<String> undefines = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    private final Env env;

    ExplainStateCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || !IDENT.matcher(target.substring(colon + 1)).matches()) {
            throw new UsageException("explain-state needs FILE:FUNCTION, got " + target);
        }
        Path file = Path.of(target.substring(0, colon));
        String function = target.substring(colon + 1);
        if (!Files.isRegularFile(file)) throw new UsageException("no such file: " + file);
        Path dir = file.toAbsolutePath().getParent();
        String display = file.getFileName().toString();
        Defines defs = Defines.parse(defines, undefines);
        SourceLoader.Loaded loaded = new SourceLoader().load(file, display);
        if (!loaded.parseable()) {
            throw new UsageException("cannot read " + file + (loaded.problems().isEmpty() ? ""
                    : ": " + loaded.problems().get(0).message()));
        }
        Preprocessed pp = new LocalHeaders(new SourceLoader(), defs).apply(file, Preprocessor.run(loaded.file(), defs));
        TranslationUnit unit = new CParser(ParseConfig.defaults()).parse(display, pp.text(), pp.macros(), b -> true);
        Program program = Program.of(List.of(unit));
        TopLevel.Function fn = null;
        for (TopLevel.Function f : unit.functions()) {
            if (f.name().equals(function) && f.status() != ParseStatus.SKIPPED) fn = f;
        }
        if (fn == null) throw new UsageException("no definition of " + function + " in " + file);
        // The driver is the file's directory, read from disk as a scan reads it.
        DriverModels drivers = new DriverModels(new DiskSources(dir, defs, ParseConfig.defaults(), 8L << 20),
                DriverModelFiles.knowledge(driverModels), new MacroExpansions(program, ParseConfig.defaults()));
        List<StateSkipsRegistration.Explained> all = StateSkipsRegistration.explain(program, fn, drivers);
        DriverModel model = drivers.forFile(display);
        try (PrintWriter out = OutputArgs.open(output, env)) {
            out.println(fn.name() + " (" + display + ":" + fn.span().line() + "): driver files read: "
                    + String.join(", ", model.files()));
            if (all.isEmpty()) out.println("  no condition on device or driver state skips a registration");
            for (StateSkipsRegistration.Explained e : all) print(out, e, model, fn);
        }
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, StateSkipsRegistration.Explained e, DriverModel model, TopLevel.Function fn) {
        out.println("  " + e.what() + " (line " + e.line() + ") in " + e.owner() + ", skipped when `" + e.condition()
                + "` (line " + e.conditionLine() + ") is " + (e.skipOnTrue() ? "true" : "false"));
        StateJudge.Judgement j = e.state();
        if (j != null) {
            if (j.atoms().isEmpty()) out.println("    no state atom: " + j.evidenceText());
            for (StateJudge.AtomVerdict v : j.atoms()) {
                var a = v.atom();
                out.println("    atom `" + a.text() + "` (" + a.kind().id() + (a.type() != null && a.kind() != dev.pollcheck.driver.Atom.Kind.CONSTANT
                        ? " of struct " + a.type() : "") + (a.skipValue() != null ? ", skips at " + a.skipValue() : "")
                        + "): " + v.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                if (v.writers().isEmpty() && a.kind() != dev.pollcheck.driver.Atom.Kind.CONSTANT) {
                    out.println("      no writer found in the scanned files");
                }
                for (Write w : v.writers()) {
                    if (w.owned()) {
                        out.println("      written by the kernel at " + w.role().id() + (w.value() != null ? " (to " + w.value() + ")" : "")
                                + " (owned `struct " + w.type() + "` member " + w.key() + ", " + w.place() + ")");
                        continue;
                    }
                    out.println("      written by " + w.function() + "() (" + w.origin().how() + ", " + w.role().id() + ") at "
                            + w.place() + ": " + w.text() + " " + w.how() + (w.value() != null ? " " + w.value() : "")
                            + (w.wakes().isEmpty() ? "" : "; wakes " + String.join(", ", w.wakes())));
                }
            }
        }
        for (String q : e.queues()) {
            List<Wake> wakes = model.wakes(DriverModel.lastIdent(q), DriverModel.queueTag(q, fn));
            if (wakes.isEmpty()) out.println("    wakers of " + q + ": none found in the scanned files");
            for (Wake k : wakes) {
                out.println("    waker of " + q + ": " + k.function() + "() (" + k.origin().how() + ", " + k.role().id()
                        + ") at " + k.place() + ": " + k.call() + "(" + k.queue() + ")");
            }
        }
        out.println("    verdict: " + e.level() + " (" + e.evidence() + ")");
    }
}
