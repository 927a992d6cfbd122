package dev.pollcheck.cli;

/** Entry point; the command line lives in the cli package. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("pollcheck: not built yet");
        System.exit(2);
    }
}
