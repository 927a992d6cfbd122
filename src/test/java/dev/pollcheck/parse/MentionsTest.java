package dev.pollcheck.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
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
    void manyWordsSharingAPartAnswerAsTheirSubstringsWould() {
        List<String> words = List.of("poll_table", "poll_t", ".poll", "->proc_poll", "x;", "_wait");
        Mentions m = Mentions.ofAny(words);
        Random random = new Random(11);
        String[] pieces = {"poll", "_t", "able", ".", "->", "proc_", "x", ";", " ", "_wait", "{"};
        for (int round = 0; round < 500; round++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 120; k++) sb.append(pieces[random.nextInt(pieces.length)]);
            String text = sb.toString();
            Mentions.Cursor cursor = m.finder(text);
            int from = 0;
            while (from < text.length()) {
                from += random.nextInt(5);
                int to = Math.min(text.length(), from + random.nextInt(40));
                if (from > to) break;
                String region = text.substring(from, to);
                boolean expected = words.stream().anyMatch(region::contains);
                assertEquals(expected, cursor.in(from, to), "region [" + from + ", " + to + ") of " + text);
                assertEquals(expected, m.test(region));
                from = to;
            }
        }
    }

    @Test
    void anEmptyWordIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Mentions.of(""));
    }
}
