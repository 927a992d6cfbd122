package dev.pollcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pollcheck.driver.DiskSources;
import dev.pollcheck.driver.DriverKnowledge;
import dev.pollcheck.driver.DriverModels;
import dev.pollcheck.driver.MacroExpansions;
import dev.pollcheck.flow.FlowConfig;
import dev.pollcheck.flow.HelperModels;
import dev.pollcheck.flow.OpsTypes;
import dev.pollcheck.flow.PollMethod;
import dev.pollcheck.flow.PollMethods;
import dev.pollcheck.flow.Program;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.parse.CParser;
import dev.pollcheck.parse.ParseConfig;
import dev.pollcheck.report.JsonWriter;
import dev.pollcheck.rules.Api;
import dev.pollcheck.sim.PollBits;
import dev.pollcheck.sim.SimulationReport;
import dev.pollcheck.sim.Simulator;
import dev.pollcheck.source.Defines;
import dev.pollcheck.source.Preprocessed;
import dev.pollcheck.source.LocalHeaders;
import dev.pollcheck.source.Preprocessor;
import dev.pollcheck.source.SourceLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pollcheck simulate FILE[:FUNCTION]}: runs the simulator on one poll method (or every poll
 * method of FILE) whether or not a rule flags it, so a developer can try a fix before sending it.
 * FILE is parsed whole; as in {@code check}, the other files of its directory are the driver whose
 * runtime code may change state between calls ({@code --any-state} lets any state change).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Run the kernel poll simulator on a poll method and print every lost wake-up found.",
            "Prints 'no hang found' with the bounds searched when there is none."},
        footer = ExitCodes.SIMULATE_HELP)
final class SimulateCommand implements Callable<Integer> {

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    enum Format { text, json }

    @Parameters(paramLabel = "FILE[:FUNCTION]",
            description = "The C file, and the poll method in it (default: every poll method the file defines).")
    String target;

    @Option(names = "--api", paramLabel = "API", split = ",",
            description = "Interfaces to simulate: ${COMPLETION-CANDIDATES} (default: all).")
    List<ApiName> apis = new ArrayList<>();

    @Option(names = "--events", paramLabel = "EVENTS",
            description = "Requested events to try, such as IN,PRI (default: the search's own set).")
    String events;

    @Option(names = "-D", paramLabel = "NAME[=VALUE]", description = "Treat NAME as defined (repeatable).")
    List<String> defines = new ArrayList<>();

    @Option(names = "--driver-model", paramLabel = "FILE",
            description = "Extra driver-model lines: roles, writes, kernel-owned members, wakers, allocators (repeatable; see docs/driver-model.md).")
    List<Path> driverModels = new ArrayList<>();

    @Option(names = "-U", paramLabel = "NAME", description = "Treat NAME as undefined (repeatable).")
    List<String> undefines = new ArrayList<>();

    @Option(names = "--models", paramLabel = "FILE", description = "Extra helper models (repeatable).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--any-state",
            description = "Let any state the method reads change between calls, not only what the driver's "
                    + "runtime code in FILE's directory writes (and without a waker of its own).")
    boolean anyState;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    enum ApiName { poll, select, epoll }

    private final Env env;

    SimulateCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        Path file = Path.of(target);
        String function = null;
        if (!Files.isRegularFile(file)) {
            int colon = target.lastIndexOf(':');
            if (colon > 0 && IDENT.matcher(target.substring(colon + 1)).matches()) {
                file = Path.of(target.substring(0, colon));
                function = target.substring(colon + 1);
            }
        }
        if (!Files.isRegularFile(file)) throw new UsageException("no such file: " + file);
        Long mask = null;
        if (events != null) {
            try {
                mask = PollBits.parse(events);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--events: " + e.getMessage());
            }
            if (mask == 0) throw new UsageException("--events: no events given");
        }
        for (Path m : models) {
            if (!Files.isRegularFile(m)) throw new UsageException("cannot read models file: " + m);
        }
        Set<Api> scope = EnumSet.noneOf(Api.class);
        for (ApiName a : apis) scope.add(Api.valueOf(a.name().toUpperCase(java.util.Locale.ROOT)));

        Defines defs = Defines.parse(defines, undefines);
        Program program = program(file, defs);
        HelperModels helpers;
        try {
            helpers = HelperModels.load(models);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<TopLevel.Function> targets = targets(program, file, function);
        // The driver is the file's directory, read from disk as a scan reads it.
        DriverModels drivers = anyState ? null : new DriverModels(
                new DiskSources(file.toAbsolutePath().getParent(), defs, ParseConfig.defaults(), 8L << 20),
                DriverModelFiles.knowledge(driverModels), new MacroExpansions(program, ParseConfig.defaults()));
        Simulator simulator = Simulator.forProgram(program, helpers, drivers, ParseConfig.defaults());
        List<SimulationReport> reports = new ArrayList<>();
        for (TopLevel.Function fn : targets) reports.add(simulator.simulate(fn, scope.isEmpty() ? null : scope, mask));

        try (PrintWriter out = OutputArgs.open(output, env)) {
            if (format == Format.json) {
                out.println(json(reports));
            } else {
                for (SimulationReport r : reports) out.print(dev.pollcheck.report.TextSafe.escapeLines(r.toText()));
            }
        }
        return reports.stream().anyMatch(SimulationReport::hangFound) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private Program program(Path file, Defines defs) throws UsageException {
        String display = file.getFileName().toString();
        SourceLoader.Loaded loaded = new SourceLoader().load(file, display);
        if (!loaded.parseable()) {
            throw new UsageException("cannot read " + file + (loaded.problems().isEmpty() ? ""
                    : ": " + loaded.problems().get(0).message()));
        }
        Preprocessed pp = new LocalHeaders(new SourceLoader(), defs).apply(file, Preprocessor.run(loaded.file(), defs));
        TranslationUnit unit = new CParser(ParseConfig.defaults()).parse(display, pp.text(), pp.macros(), body -> true);
        return Program.of(List.of(unit));
    }

    private List<TopLevel.Function> targets(Program program, Path file, String function) throws UsageException {
        TranslationUnit unit = program.units().get(0);
        if (function != null) {
            for (TopLevel.Function f : unit.functions()) {
                if (f.name().equals(function) && f.status() != ParseStatus.SKIPPED) return List.of(f);
            }
            throw new UsageException("no definition of " + function + " in " + file
                    + known(unit.functions().stream().map(TopLevel.Function::name).toList(), "functions"));
        }
        Set<TopLevel.Function> found = new LinkedHashSet<>();
        for (PollMethod m : PollMethods.find(program, OpsTypes.load(new FlowConfig(List.of(), List.of(), models)))) {
            if (m.function() != null && unit.functions().contains(m.function())) found.add(m.function());
        }
        if (found.isEmpty()) {
            throw new UsageException("no poll method found in " + file + "; name one as " + file + ":FUNCTION");
        }
        return List.copyOf(found);
    }

    private static String known(List<String> names, String what) {
        if (names.isEmpty()) return "";
        List<String> shown = names.size() > 12 ? names.subList(0, 12) : names;
        return "; " + what + " defined there: " + String.join(", ", shown) + (names.size() > 12 ? ", ..." : "");
    }

    private static String json(List<SimulationReport> reports) throws Exception {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = m.createArrayNode();
        for (SimulationReport r : reports) {
            ObjectNode o = arr.addObject();
            o.put("function", r.function());
            o.put("hang_found", r.hangFound());
            ArrayNode ws = o.putArray("witnesses");
            for (SimulationReport.Entry e : r.witnesses()) {
                ObjectNode w = ws.addObject();
                w.put("queue", e.queue());
                w.put("api", e.api().id());
                w.set("witness", JsonWriter.witness(e.witness()));
            }
            o.put("exhaustive", r.exhaustive());
            o.put("searched", r.searched());
            ArrayNode bounds = o.putArray("bounds_hit");
            r.boundsHit().forEach(bounds::add);
            ArrayNode notes = o.putArray("notes");
            r.notes().forEach(notes::add);
            ArrayNode refused = o.putArray("refused");
            r.refused().forEach(refused::add);
        }
        return m.writeValueAsString(arr);
    }
}
