package dev.pollcheck.parse;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * The lexer's input over a {@code char[]} that it does not copy: the blanked text of a file is
 * lexed where it lies. One symbol per UTF-16 unit, so token offsets index the Java string of the
 * file directly and a character outside the BMP counts two columns, as SARIF's default column kind
 * (UTF-16 code units) wants.
 */
final class CharArrayStream implements CharStream {
    private final char[] chars;
    private final String name;
    private int p;

    CharArrayStream(char[] chars, String name) {
        this.chars = chars;
        this.name = name == null || name.isEmpty() ? IntStream.UNKNOWN_SOURCE_NAME : name;
    }

    @Override
    public String getText(Interval interval) {
        int from = Math.max(0, interval.a);
        int to = Math.min(chars.length - 1, interval.b);
        return from > to ? "" : new String(chars, from, to - from + 1);
    }

    @Override
    public void consume() {
        if (p >= chars.length) {
            throw new IllegalStateException("cannot consume EOF");
        }
        p++;
    }

    @Override
    public int LA(int i) {
        if (i == 0) {
            return 0;
        }
        int at = i > 0 ? p + i - 1 : p + i;
        return at < 0 || at >= chars.length ? IntStream.EOF : chars[at];
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {
    }

    @Override
    public int index() {
        return p;
    }

    @Override
    public void seek(int index) {
        p = Math.max(0, Math.min(index, chars.length));
    }

    @Override
    public int size() {
        return chars.length;
    }

    @Override
    public String getSourceName() {
        return name;
    }
}
