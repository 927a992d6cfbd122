package dev.pollcheck.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MentionsTest {
    @Test
    void theCursorAnswersAsTheSubstringWouldForIncreasingRegions() {
        Random random = new Random(7);
        String alphabet = "pol_ x;{}";
        for (int round = 0; round < 500; round++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 200; k++) {
                sb.append(random.nextInt(8) == 0 ? "poll" : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
            }
            String text = sb.toString();
            Mentions.Cursor cursor = new Mentions.Cursor(text, "poll");
            int from = 0;
            while (from < text.length()) {
                // Regions may be skipped and may touch, as items of a file do.
                from += random.nextInt(5);
                int to = Math.min(text.length(), from + random.nextInt(30));
                if (from > to) {
                    break;
                }
                assertEquals(Mentions.of("poll").test(text.substring(from, to)), cursor.in(from, to),
                        "region [" + from + ", " + to + ") of " + text);
                from = to;
            }
        }
    }

    @Test
    void anEmptyWordIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Mentions.of(""));
    }
}
