package dev.pollcheck.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * What every command shares: the analysis, the standard streams, what they are connected to, and
 * the arguments as given (for SARIF's {@code invocations}).
 */
record Env(Pipeline pipeline, InputStream in, PrintStream out, PrintStream err, Terminal terminal, List<String> args) {

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.0.0-dev";
    }
}
