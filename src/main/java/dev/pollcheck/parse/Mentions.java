package dev.pollcheck.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The predicate "the text mentions one of {@code words}", which a default scan gives the parser for
 * bodies and declarations. The parser recognises it: it tests the regions of a file in order with
 * one forward search over the whole file instead of cutting every item out as a string (on a
 * kernel tree that is 100 MB of copies). Words that share a part ({@code poll} of
 * {@code poll_table}, {@code .poll}, {@code ->proc_poll}) are searched for by that part once, not
 * one search per word.
 */
public final class Mentions implements Predicate<String> {
    private final List<String> words;
    /** The longest part every word of {@link #anchored} contains, or null. */
    private final String anchor;
    /** Where the anchor stands in each word that holds it. */
    private final List<String> anchored = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    /** Words searched for on their own. */
    private final List<String> alone = new ArrayList<>();

    private Mentions(List<String> words) {
        for (String w : words) {
            if (w == null || w.isEmpty()) {
                throw new IllegalArgumentException("an empty word is in every text");
            }
        }
        this.words = List.copyOf(words);
        this.anchor = words.size() < 2 ? null : anchorOf(words);
        for (String w : words) {
            int at = anchor == null ? -1 : w.indexOf(anchor);
            if (at >= 0) {
                anchored.add(w);
                offsets.add(at);
            } else {
                alone.add(w);
            }
        }
    }

    /**
     * The part (two characters or more) that the most words contain, the longest of those; null when
     * no part is in two words.
     */
    private static String anchorOf(List<String> words) {
        String best = null;
        int bestCount = 1;
        for (String w : words) {
            for (int len = w.length(); len >= 2; len--) {
                for (int i = 0; i + len <= w.length(); i++) {
                    String part = w.substring(i, i + len);
                    int count = 0;
                    for (String o : words) if (o.contains(part)) count++;
                    if (count > bestCount || count == bestCount && best != null && len > best.length()) {
                        best = part;
                        bestCount = count;
                    }
                }
            }
        }
        return best;
    }

    public static Mentions of(String word) {
        return new Mentions(List.of(word));
    }

    /** The text mentions one of {@code words} ({@code poll_table}, the members named by ops types and {@code --ops}). */
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
        return finder(text).in(0, text.length());
    }

    /** A {@link Cursor} over {@code text} for all the words: regions asked in increasing order. */
    Cursor finder(String text) {
        List<Cursor> parts = new ArrayList<>();
        if (!anchored.isEmpty()) parts.add(new AnchorCursor(text));
        for (String w : alone) parts.add(new Cursor(text, w));
        if (parts.size() == 1) return parts.get(0);
        return new Cursor(text, "") {
            @Override
            boolean in(int from, int to) {
                for (Cursor c : parts) {
                    if (c.in(from, to)) return true;
                }
                return false;
            }
        };
    }

    /** The words that hold the anchor, found at each occurrence of the anchor. */
    private final class AnchorCursor extends Cursor {
        private final String text;
        private int next = -2;   // the next occurrence of the anchor to look at; -1: none left

        AnchorCursor(String text) {
            super(text, anchor);
            this.text = text;
        }

        @Override
        boolean in(int from, int to) {
            if (next != -1 && next < from) {
                next = text.indexOf(anchor, from);
            }
            while (next >= 0 && next < to) {
                for (int k = 0; k < anchored.size(); k++) {
                    String w = anchored.get(k);
                    int s = next - offsets.get(k);
                    if (s >= from && s + w.length() <= to && text.startsWith(w, s)) return true;
                }
                next = text.indexOf(anchor, next + 1);
            }
            return false;
        }
    }

    /**
     * Tests regions of one text in increasing order, each as {@code test(text.substring(from, to))}
     * would: the next occurrence is searched for once and kept until a region passes it.
     */
    static class Cursor {
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
