package dev.pollcheck.report;

/**
 * Text from the scanned tree (source lines, conditions, wait-queue expressions, witnesses, file names)
 * made safe for a terminal: control characters are shown escaped, as gcc 12 and clang do, so that a
 * file cannot move the cursor, rewrite the line or retitle the window of whoever reads the report.
 * ESC, CR, BEL and every other C0 character but tab, DEL, the C1 range and the bidirectional
 * overrides (which reorder what a line seems to say) become {@code \x1b} or {@code \u202e}; a
 * backslash stays as it is.
 */
public final class TextSafe {

    private TextSafe() {
    }

    /** {@code s} with every control character but tab escaped (a newline too). */
    public static String escape(String s) {
        return escape(s, false);
    }

    /** As {@link #escape(String)}, keeping newlines: for text of several lines, such as a witness. */
    public static String escapeLines(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean keepNewlines) {
        if (s == null) return null;
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i), keepNewlines)) i++;
        if (i == s.length()) return s;
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c, keepNewlines)) {
                b.append(c);
            } else if (c < 0x100) {
                b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    static boolean unsafe(char c, boolean keepNewlines) {
        if (c == '\t') return false;
        if (c == '\n') return !keepNewlines;
        return c < 0x20 || c >= 0x7F && c < 0xA0
                || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }

    /**
     * {@code s} cut to at most {@code max} characters, the cut marked with {@code ...}: a condition of
     * a thousand characters hides the message around it (JSON and SARIF keep the full text).
     */
    public static String shorten(String s, int max) {
        if (s == null || s.length() <= max) return s;
        return s.substring(0, Math.max(0, max - 3)) + "...";
    }
}
