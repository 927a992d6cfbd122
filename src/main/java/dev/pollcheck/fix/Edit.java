package dev.pollcheck.fix;

/**
 * One change to a file's original text: the characters {@code [start, end)} become
 * {@code replacement} (an insertion when start equals end, a deletion when the replacement is empty).
 * Positions are also given as 1-based lines and columns (end exclusive, as SARIF regions are).
 */
public record Edit(int start, int end, String replacement, int line, int column, int endLine, int endColumn) {

    public Edit {
        if (start < 0 || end < start) throw new IllegalArgumentException("bad edit range " + start + ".." + end);
    }

    public boolean isInsertion() {
        return start == end;
    }
}
