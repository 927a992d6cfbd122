package dev.pollcheck.fix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Offsets, lines and columns of one text, and applying edits to it. */
public final class TextEdits {
    private final String text;
    private final int[] lineStarts;

    public TextEdits(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') starts.add(i + 1);
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public String text() {
        return text;
    }

    public int lines() {
        return lineStarts.length;
    }

    /** The offset of a 1-based line and column (columns count characters, a tab is one). */
    public int offset(int line, int column) {
        if (line < 1) return 0;
        if (line > lineStarts.length) return text.length();
        return Math.min(text.length(), lineStarts[line - 1] + Math.max(0, column - 1));
    }

    /** The offset where 1-based {@code line} starts. */
    public int lineStart(int line) {
        return offset(line, 1);
    }

    /** The offset just past the line's newline (or the end of the text). */
    public int lineEnd(int line) {
        return line >= lineStarts.length ? text.length() : lineStarts[line];
    }

    /** The 1-based line holding {@code offset}. */
    public int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        return lo + 1;
    }

    /** A line's text without its newline. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) return "";
        int s = lineStarts[line - 1];
        int e = lineEnd(line);
        if (e > s && text.charAt(e - 1) == '\n') e--;
        if (e > s && text.charAt(e - 1) == '\r') e--;
        return text.substring(s, e);
    }

    public boolean blank(int line) {
        return line >= 1 && line <= lineStarts.length && line(line).isBlank();
    }

    /** The edit replacing {@code [start, end)}, with its lines and columns. */
    public Edit edit(int start, int end, String replacement) {
        int l1 = lineOf(start);
        int l2 = lineOf(end);
        return new Edit(start, end, replacement, l1, start - lineStarts[l1 - 1] + 1, l2, end - lineStarts[l2 - 1] + 1);
    }

    /**
     * Sorts edits, merges those that touch (an insertion where a deletion starts becomes one
     * replacement) and rejects overlapping ones with an exception: a plan never makes them.
     */
    public List<Edit> normalize(List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
        List<Edit> out = new ArrayList<>();
        for (Edit e : sorted) {
            if (!out.isEmpty()) {
                Edit last = out.get(out.size() - 1);
                if (e.start() < last.end() && !e.replacement().isEmpty() && !last.replacement().isEmpty()) {
                    throw new IllegalStateException("overlapping edits at line " + e.line());
                }
                // Deletions that overlap or touch become one; an insertion inside a deletion goes where it starts.
                if (e.start() <= last.end()) {
                    out.set(out.size() - 1, edit(last.start(), Math.max(last.end(), e.end()),
                            last.replacement() + e.replacement()));
                    continue;
                }
            }
            out.add(e);
        }
        return out;
    }

    /** The text with the edits applied (sorted, non-overlapping: see {@link #normalize}). */
    public String apply(List<Edit> edits) {
        StringBuilder sb = new StringBuilder(text.length() + 256);
        int pos = 0;
        for (Edit e : edits) {
            sb.append(text, pos, e.start()).append(e.replacement());
            pos = e.end();
        }
        sb.append(text, pos, text.length());
        return sb.toString();
    }
}
