package dev.pollcheck.model;

/** A problem met while reading a file: it names the place and says what went wrong. */
public record ParseProblem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
