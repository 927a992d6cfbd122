package dev.pollcheck.report;

import dev.pollcheck.source.SourceLoader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the files that findings point into, once each, for source lines under findings and SARIF
 * snippets. They are decoded by the source stage's {@link SourceLoader}, exactly as they were for the
 * analysis, so columns line up with the reported positions even in files that are not valid UTF-8.
 * Only files with findings are read, so a whole-tree scan costs nothing here.
 */
public final class SourceLines {

    private final Path root;
    private final Map<String, Text> cache = new ConcurrentHashMap<>();

    /** A file's text and where each line starts. */
    public record Text(String text, List<Integer> lineStarts) {
        public int lineCount() {
            return lineStarts.size();
        }

        /** Line {@code n} (1-based) without its line ending, or null when there is no such line. */
        public String line(int n) {
            if (n < 1 || n > lineStarts.size()) return null;
            int start = lineStarts.get(n - 1);
            int end = n < lineStarts.size() ? lineStarts.get(n) : text.length();
            while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
            return text.substring(start, end);
        }
    }

    public SourceLines(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The text of a file given by its reported path, or null when it cannot be read. */
    public Text text(String displayPath) {
        if (displayPath == null) return null;
        Text t = cache.computeIfAbsent(displayPath, this::load);
        return t == MISSING ? null : t;
    }

    public String line(String displayPath, int line) {
        Text t = text(displayPath);
        return t == null ? null : t.line(line);
    }

    private static final Text MISSING = new Text("", List.of());

    private Text load(String displayPath) {
        try {
            SourceLoader.Loaded loaded = new SourceLoader().load(resolve(displayPath), displayPath);
            return loaded.parseable() ? of(loaded.file().text()) : MISSING;
        } catch (RuntimeException e) {
            return MISSING;
        }
    }

    private Path resolve(String displayPath) {
        return root == null ? Path.of(displayPath) : root.resolve(displayPath);
    }

    /** The file a reported path names. */
    public Path path(String displayPath) {
        return resolve(displayPath);
    }

    /**
     * The file decoded as GitHub's upload action decodes it (UTF-8, bad bytes as U+FFFD), for
     * {@link LineHash}; null when it cannot be read.
     */
    public String utf8(String displayPath) {
        try {
            return decode(Files.readAllBytes(resolve(displayPath)));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not throw", e);
        }
    }

    /** Splits at {@code \n}, {@code \r\n} and lone {@code \r}, as editors and the line hash do. */
    public static Text of(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
            if (c == '\n' || c == '\r') starts.add(i + 1);
        }
        return new Text(text, List.copyOf(starts));
    }
}
