package dev.pollcheck.cli;

/** pollcheck's exit codes, the same for every command. */
public final class ExitCodes {
    /** Nothing at or above {@code --fail-on}. */
    public static final int OK = 0;
    /** Findings at or above {@code --fail-on} (for {@code simulate}: a hang was found). */
    public static final int FINDINGS = 1;
    /** A usage error, or input that cannot be read (a missing path, a bad diff or baseline). */
    public static final int USAGE = 2;
    /** pollcheck itself failed; the message says where. */
    public static final int INTERNAL = 3;

    /** The text of every command's {@code --help} footer. */
    public static final String HELP = """

            Exit codes:
              0  nothing at or above --fail-on (or --exit-zero)
              1  findings at or above --fail-on
              2  usage error or unreadable input
              3  internal error
            """;

    /** The footer of {@code simulate --help}. */
    public static final String SIMULATE_HELP = """

            Exit codes:
              0  no hang found within the bounds
              1  a hang was found (a witness is printed)
              2  usage error or unreadable input
              3  internal error
            """;

    private ExitCodes() {
    }
}
