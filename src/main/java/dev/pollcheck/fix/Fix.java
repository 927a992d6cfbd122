package dev.pollcheck.fix;

import java.util.List;

/**
 * A verified fix of one poll method.
 *
 * @param file     the file, as findings name it
 * @param function the poll method
 * @param queues   the wait queues it now registers first, in their original order
 * @param edits    the edits on the original text, sorted, non-overlapping
 * @param diff     a unified diff of the method's change ({@code a/}, {@code b/} paths as findings name the file)
 * @param verified what was checked on the patched text, in one sentence
 * @param digest   SHA-256 of the text the edits apply to, so a writer can refuse a file changed since
 * @param why      the finding's reasoning for a commit message: the skipping condition and the witness
 */
public record Fix(String file, String function, List<String> queues, List<Edit> edits, String diff,
                  String verified, String digest, String why) {

    public Fix {
        queues = List.copyOf(queues);
        edits = List.copyOf(edits);
    }

    /** The SHA-256 of a text (its UTF-8 bytes), in hex. */
    public static String digest(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
