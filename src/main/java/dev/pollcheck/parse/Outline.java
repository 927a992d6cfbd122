package dev.pollcheck.parse;

import java.util.List;
import java.util.Set;

/**
 * The file-scope items of one text (function definitions and declarations, by offset), found once:
 * for a reader that parses the same text again and again for other items ({@link
 * CParser#parseWanted}), so that each parse costs what it reads, not the size of the file. The
 * names the text's typedefs declare are learnt once too, on the first parse that needs them.
 * Thread-safe.
 */
public final class Outline {
    private final String text;
    private final List<ItemBlanker.Item> items;
    private Set<String> typedefNames;

    private Outline(String text, List<ItemBlanker.Item> items) {
        this.text = text;
        this.items = items;
    }

    public static Outline of(String text) {
        return new Outline(text, ItemBlanker.items(text));
    }

    String text() {
        return text;
    }

    List<ItemBlanker.Item> items() {
        return items;
    }

    /** The names the text's file-scope typedefs declare, lexed with {@code parser} the first time. */
    synchronized Set<String> typedefNames(CParser parser) {
        if (typedefNames == null) {
            typedefNames = Set.of();
            boolean any = false;
            for (ItemBlanker.Item it : items) any |= it.typedef();
            if (any) {
                // The typedefs alone, where they stand (lines and columns kept), everything else blank.
                char[] only = new char[text.length()];
                java.util.Arrays.fill(only, ' ');
                for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) only[i] = '\n';
                for (ItemBlanker.Item it : items) {
                    if (it.typedef()) text.getChars(it.start(), it.end() + 1, only, it.start());
                }
                typedefNames = Set.copyOf(parser.typedefsIn(only));
            }
        }
        return typedefNames;
    }
}
