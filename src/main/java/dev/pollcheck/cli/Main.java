package dev.pollcheck.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code check} (the default when the first argument is not a command), {@code explain},
 * {@code methods}, {@code simulate}, {@code rules}, and {@code generate-completion} (picocli's bash/zsh
 * completion script for all of them). Exit codes are in {@link ExitCodes}.
 */
@Command(name = "pollcheck", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Static analyzer for the poll methods of Linux drivers.",
            "Run 'pollcheck check PATH...' (or just 'pollcheck PATH...'); 'pollcheck COMMAND --help' for more."},
        footer = ExitCodes.HELP)
public final class Main implements java.util.concurrent.Callable<Integer> {

    private static final Set<String> TOP_LEVEL = Set.of("-h", "--help", "-V", "--version", "help");

    private final Env env;

    private Main(Env env) {
        this.env = env;
    }

    public static void main(String[] args) {
        int code;
        try {
            ReportStream out = new ReportStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));
            code = run(args, DefaultPipeline.create(), System.in, out, System.err, Terminal.system());
        } catch (Throwable t) {
            System.err.println("pollcheck: internal error: " + oneLine(t));
            code = ExitCodes.INTERNAL;
        }
        System.exit(code);
    }

    /**
     * stdout, keeping the first write failure: {@link PrintStream} only says that one happened, and a
     * full disk (exit 3) must be told from a reader that quit ({@code | head}: nobody is left to tell).
     */
    static final class ReportStream extends PrintStream {
        private final WriteFailures.Recorder recorder;

        ReportStream(java.io.OutputStream out) {
            this(new WriteFailures.Recorder(out));
        }

        private ReportStream(WriteFailures.Recorder recorder) {
            super(recorder, false, java.nio.charset.StandardCharsets.UTF_8);
            this.recorder = recorder;
        }

        java.io.IOException failure() {
            return recorder.failure();
        }
    }

    /** A throwable as one line: its class and message, for the errors that get no stack trace. */
    static String oneLine(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getName() + (m == null || m.isBlank() ? "" : ": " + m.strip().replaceAll("\\s+", " "));
    }

    /** The out-of-memory or stack-overflow error behind {@code t}, if any (workers wrap what they throw). */
    static VirtualMachineError resourceError(Throwable t) {
        for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof OutOfMemoryError || t instanceof StackOverflowError) return (VirtualMachineError) t;
        }
        return null;
    }

    /** The one line that stands for an out-of-memory or stack-overflow error (a trace of it helps nobody). */
    static String resourceMessage(VirtualMachineError e) {
        if (e instanceof OutOfMemoryError) {
            return "pollcheck: internal error: out of memory (" + oneLine(e) + "); scan less at once, lower"
                    + " --max-file-size or give Java more heap (JAVA_TOOL_OPTIONS=-Xmx4g)";
        }
        return "pollcheck: internal error: stack overflow (" + oneLine(e) + "); please report this with the input";
    }

    /** Runs one command line; never calls {@code System.exit}. */
    public static int run(String[] args, Pipeline pipeline, InputStream in, PrintStream out, PrintStream err,
                          Terminal terminal) {
        Env env = new Env(pipeline, in, out, err, terminal, List.of(args));
        String[] effective = args;
        if (args.length > 0 && !COMMANDS.contains(args[0]) && !TOP_LEVEL.contains(args[0])) {
            effective = new String[args.length + 1];
            effective[0] = "check";
            System.arraycopy(args, 0, effective, 1, args.length);
        }
        CommandLine cl = commandLine(env, effective.length > 0 && ALONE.contains(effective[0]) ? effective[0] : null);
        if (args.length == 0) {
            cl.usage(err);
            return ExitCodes.USAGE;
        }
        int code;
        try {
            code = cl.execute(effective);
        } catch (OutOfMemoryError | StackOverflowError e) {
            err.println(resourceMessage(e));
            err.flush();
            return ExitCodes.INTERNAL;
        }
        out.flush();
        err.flush();
        if (out.checkError()) {
            java.io.IOException cause = out instanceof ReportStream r ? r.failure() : null;
            // A reader that quit (| head) has what it wanted; the run's own code stands.
            if (WriteFailures.readerQuit(cause)) return code;
            err.println("pollcheck: error: cannot write the report to stdout: "
                    + (cause == null ? "write error" : WriteFailures.describe(cause)));
            err.flush();
            return ExitCodes.INTERNAL;
        }
        return code;
    }

    /** The commands, in the order the usage lists them. */
    private static final List<String> COMMANDS = List.of("check", "fix", "explain", "methods", "simulate",
            "explain-state", "rules", "generate-completion", "generate-man-page", "help");

    /**
     * The commands that read no other command's spec (the help, completion and man-page commands
     * read them all). A run of one of these builds its spec alone: picocli reads every command's
     * annotations up front, which was a sixth of a one-file patch gate.
     */
    private static final Set<String> ALONE = Set.of("check", "fix", "explain", "methods", "simulate",
            "explain-state", "rules");

    static CommandLine commandLine(Env env) {
        return commandLine(env, null);
    }

    /** The command line with every command, or with {@code only} alone (null: all). */
    static CommandLine commandLine(Env env, String only) {
        CommandLine cl = new CommandLine(new Main(env));
        for (String name : COMMANDS) {
            if (only == null || only.equals(name)) cl.addSubcommand(name, command(name, env));
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(env.out(), true));
        cl.setErr(new PrintWriter(env.err(), true));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("pollcheck: error: " + ex.getMessage());
            e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            e.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter e = cmd.getErr();
            if (ex instanceof UsageException) {
                e.println("pollcheck: error: " + ex.getMessage());
                e.flush();
                return ExitCodes.USAGE;
            }
            if (ex instanceof WriteFailures.Failed w) {
                if (WriteFailures.readerQuit(w.getCause())) return ExitCodes.OK;
                e.println("pollcheck: error: " + w.getMessage());
                e.flush();
                return ExitCodes.INTERNAL;
            }
            VirtualMachineError vm = resourceError(ex);
            if (vm != null) {
                e.println(resourceMessage(vm));
                e.flush();
                return ExitCodes.INTERNAL;
            }
            e.println("pollcheck: internal error: " + ex);
            ex.printStackTrace(e);
            e.println("Please report this with the command line and, if you can, the input.");
            e.flush();
            return ExitCodes.INTERNAL;
        });
        return cl;
    }

    private static Object command(String name, Env env) {
        return switch (name) {
            case "check" -> new CheckCommand(env);
            case "fix" -> new FixCommand(env);
            case "explain" -> new ExplainCommand(env);
            case "methods" -> new MethodsCommand(env);
            case "simulate" -> new SimulateCommand(env);
            case "explain-state" -> new ExplainStateCommand(env);
            case "rules" -> new RulesCommand(env);
            case "generate-completion" -> new picocli.AutoComplete.GenerateCompletion();
            case "generate-man-page" -> new ManPage.Command(env);
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /** {@code pollcheck} with options but no command (every other first argument means {@code check}). */
    @Override
    public Integer call() {
        new CommandLine(this).usage(env.err());
        return ExitCodes.USAGE;
    }

    /** {@code --version}: from the jar's manifest. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pollcheck " + Env.version()};
        }
    }
}
