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
 * {@code methods}, {@code simulate}, {@code rules}. Exit codes are in {@link ExitCodes}.
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
        int code = run(args, DefaultPipeline.create(), System.in, System.out, System.err, Terminal.system());
        System.exit(code);
    }

    /** Runs one command line; never calls {@code System.exit}. */
    public static int run(String[] args, Pipeline pipeline, InputStream in, PrintStream out, PrintStream err,
                          Terminal terminal) {
        Env env = new Env(pipeline, in, out, err, terminal, List.of(args));
        CommandLine cl = commandLine(env);
        if (args.length == 0) {
            cl.usage(err);
            return ExitCodes.USAGE;
        }
        String[] effective = args;
        if (!cl.getSubcommands().containsKey(args[0]) && !TOP_LEVEL.contains(args[0])) {
            effective = new String[args.length + 1];
            effective[0] = "check";
            System.arraycopy(args, 0, effective, 1, args.length);
        }
        int code = cl.execute(effective);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine commandLine(Env env) {
        CommandLine cl = new CommandLine(new Main(env));
        cl.addSubcommand("check", new CheckCommand(env));
        cl.addSubcommand("fix", new FixCommand(env));
        cl.addSubcommand("explain", new ExplainCommand(env));
        cl.addSubcommand("methods", new MethodsCommand(env));
        cl.addSubcommand("simulate", new SimulateCommand(env));
        cl.addSubcommand("rules", new RulesCommand(env));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
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
            e.println("pollcheck: internal error: " + ex);
            ex.printStackTrace(e);
            e.println("Please report this with the command line and, if you can, the input.");
            e.flush();
            return ExitCodes.INTERNAL;
        });
        return cl;
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
