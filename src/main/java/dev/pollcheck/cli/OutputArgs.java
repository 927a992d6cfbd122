package dev.pollcheck.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where and how output goes: {@code -o}, {@code --color}, {@code --quiet}. */
final class OutputArgs {

    enum When { auto, always, never }

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE instead of stdout (nothing else is ever written).")
    Path output;

    @Option(names = {"--color", "--colour"}, paramLabel = "WHEN",
            description = "Colour text output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; auto means"
                    + " only on a terminal and never with NO_COLOR set).")
    When color = When.auto;

    @Option(names = {"-q", "--quiet"}, description = "Only the findings: no summary, notices or progress bar.")
    boolean quiet;

    boolean colour(Env env) {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> output == null && env.terminal().stdoutIsTerminal() && !env.terminal().colourRefused();
        };
    }

    /** Whether the progress bar on stderr may use colours: never with --color=never or NO_COLOR. */
    boolean progressColour(Env env) {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> !env.terminal().colourRefused();
        };
    }

    /** The report's destination; closing it closes a file but only flushes stdout. */
    PrintWriter open(Env env) throws UsageException {
        return open(output, env);
    }

    /** {@code output}, or stdout when it is null. */
    static PrintWriter open(Path output, Env env) throws UsageException {
        if (output == null) {
            return new PrintWriter(new OutputStreamWriter(new NonClosing(env.out()), StandardCharsets.UTF_8));
        }
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) throw new UsageException("no such directory: " + parent);
            WriteFailures.Recorder file = new WriteFailures.Recorder(Files.newOutputStream(output));
            return new PrintWriter(new java.io.BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8))) {
                @Override
                public void close() {
                    super.close();
                    // PrintWriter keeps quiet about a full disk; the run must not.
                    if (file.failure() != null) {
                        throw new WriteFailures.Failed("cannot write the report to " + output + ": "
                                + WriteFailures.describe(file.failure()), file.failure());
                    }
                }
            };
        } catch (IOException e) {
            throw new UsageException("cannot write " + output + ": " + e.getMessage());
        }
    }

    /** stdout outlives one report. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
