package dev.pollcheck.parse;

import java.util.List;
import java.util.function.Predicate;

/**
 * The predicate "the text mentions {@code word}", which a default scan gives the parser for bodies and
 * declarations. The parser recognises it: it tests a region of the file with one forward search
 * over the whole file instead of cutting every item out as a string (on a kernel tree that is
 * 100 MB of copies).
 */
public final class Mentions implements Predicate<String> {
    private final List<String> words;

    private Mentions(List<String> words) {
        for (String w : words) {
            if (w == null || w.isEmpty()) {
                throw new IllegalArgumentException("an empty word is in every text");
            }
        }
        this.words = List.copyOf(words);
    }

    public static Mentions of(String word) {
        return new Mentions(List.of(word));
    }

    /** The text mentions one of {@code words} ({@code poll}, or the members named by {@code --ops}). */
    public static Mentions ofAny(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no word to look for");
        }
        return new Mentions(words);
    }

    public List<String> words() {
        return words;
    }

    @Override
    public boolean test(String text) {
        for (String w : words) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tests regions of one text in increasing order, each as {@code test(text.substring(from, to))}
     * would: the next occurrence is searched for once and kept until a region passes it.
     */
    static final class Cursor {
        private final String text;
        private final String word;
        private int next = -2;   // -2: not searched yet; -1: no occurrence left

        Cursor(String text, String word) {
            this.text = text;
            this.word = word;
        }

        boolean in(int from, int to) {
            if (next != -1 && next < from) {
                next = text.indexOf(word, from);
            }
            return next >= 0 && next + word.length() <= to;
        }
    }
}
