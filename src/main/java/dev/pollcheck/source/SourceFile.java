package dev.pollcheck.source;

import java.nio.file.Path;

/**
 * One source file as read from disk. {@code text} holds the decoded characters: UTF-8, except that
 * each byte that is not part of a valid UTF-8 sequence became one char of the same value (as
 * ISO-8859-1 would read it), so that lines and columns stay where they are; {@code malformed} says
 * that happened. {@code displayPath} is the path reported to the user (relative to the scanned root).
 */
public record SourceFile(Path path, String displayPath, String text, boolean malformed) {

    /** A file that exists only in memory (tests, fuzzing, stdin). */
    public static SourceFile of(String displayPath, String text) {
        return new SourceFile(null, displayPath, text, false);
    }
}
