package dev.pollcheck.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What pollcheck knows about where its output goes. Java 17 cannot ask whether one particular stream
 * is a terminal, so on Linux the file descriptor's target is read from {@code /proc/self/fd}; elsewhere
 * {@link System#console()} (stdin and stdout both interactive) stands in for both.
 */
public final class Terminal {

    private final Map<String, String> env;
    /** Null: ask the system; else what stdout and stderr are taken to be (for tests of terminal output). */
    private final boolean[] ttys;

    public Terminal(Map<String, String> env) {
        this.env = env;
        this.ttys = null;
    }

    /** A terminal whose stdout and stderr are, or are not, terminals as given. */
    Terminal(Map<String, String> env, boolean stdoutTty, boolean stderrTty) {
        this.env = env;
        this.ttys = new boolean[] {stdoutTty, stderrTty};
    }

    public static Terminal system() {
        return new Terminal(System.getenv());
    }

    public boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    public boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    /** CI systems set {@code CI}; a progress bar there only fills the log. */
    public boolean inCi() {
        String ci = env.get("CI");
        return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false");
    }

    /** The user's wish for no colour ({@code NO_COLOR}, no-color.org) or a terminal that cannot show it. */
    public boolean colourRefused() {
        String noColor = env.get("NO_COLOR");
        return (noColor != null && !noColor.isEmpty()) || "dumb".equals(env.get("TERM"));
    }

    private boolean isTerminal(int fd) {
        if ("dumb".equals(env.get("TERM"))) return false;
        if (ttys != null) return ttys[fd - 1];
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            if (Files.isSymbolicLink(link)) {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            // fall through to the portable guess
        }
        return System.console() != null;
    }
}
