package dev.pollcheck.model;

/**
 * A problem met while reading a file: it names the place and says what went wrong.
 *
 * @param skip whether poll code may have gone unanalysed because of it (a file that mentions poll
 *             but could not be read, a poll method that could not be parsed or analysed): what the
 *             summary line counts and {@code --fail-on-skip} fails on
 */
public record ParseProblem(String file, int line, int column, String message, boolean skip) {

    public ParseProblem(String file, int line, int column, String message) {
        this(file, line, column, message, false);
    }

    public ParseProblem asSkip() {
        return skip ? this : new ParseProblem(file, line, column, message, true);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
