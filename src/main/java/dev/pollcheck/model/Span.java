package dev.pollcheck.model;

/**
 * A range of source text. Lines and columns are 1-based; {@code file} is the path as it is
 * reported (relative to the scanned root where there is one). End positions are inclusive of the
 * last character's line and one past its column, as SARIF regions are.
 */
public record Span(String file, int line, int column, int endLine, int endColumn) {

    public static Span point(String file, int line, int column) {
        return new Span(file, line, column, line, column);
    }

    /** The smallest span covering both; both must come from the same file. */
    public Span to(Span other) {
        boolean startsFirst = line < other.line || (line == other.line && column <= other.column);
        boolean endsLast = endLine > other.endLine || (endLine == other.endLine && endColumn >= other.endColumn);
        return new Span(file,
                startsFirst ? line : other.line, startsFirst ? column : other.column,
                endsLast ? endLine : other.endLine, endsLast ? endColumn : other.endColumn);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
