package dev.pollcheck.driver;

import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.parse.CParser;
import dev.pollcheck.parse.ParseConfig;
import dev.pollcheck.source.Defines;
import dev.pollcheck.source.LocalHeaders;
import dev.pollcheck.source.Preprocessed;
import dev.pollcheck.source.Preprocessor;
import dev.pollcheck.source.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A driver's files read from disk under the scan's root, preprocessed once each (with the run's
 * {@code -D}/{@code -U}) and parsed as often as the model asks for other bodies. The {@code .c} and
 * {@code .h} files of the directory are read: a driver's probe, ioctls, handlers and wakers live in
 * the former, the static inline helpers its poll methods test in both. Thread-safe without a common lock (a parser per thread, each file preprocessed once): two
 * drivers' models are built side by side.
 */
public final class DiskSources implements DriverSources {
    private final Path root;
    private final Defines defines;
    private final SourceLoader loader;
    /** The macros of each file's own headers, as the scan reads them. */
    private final LocalHeaders headers;
    private final ThreadLocal<CParser> parser;
    private final Map<String, List<String>> dirs = new ConcurrentHashMap<>();
    private final Map<String, Optional<Preprocessed>> texts = new ConcurrentHashMap<>();
    private final Map<String, String[]> identifiers = new ConcurrentHashMap<>();
    private final Map<String, String[]> definitions = new ConcurrentHashMap<>();

    public DiskSources(Path root, Defines defines, ParseConfig config, long maxBytes) {
        this.root = root;
        this.defines = defines;
        this.loader = new SourceLoader(maxBytes);
        this.headers = new LocalHeaders(loader, defines);
        this.parser = ThreadLocal.withInitial(() -> new CParser(config));
    }

    @Override
    public List<String> directory(String file) {
        String dir = DriverSources.dirOf(file);
        return dirs.computeIfAbsent(dir, d -> {
            List<String> out = new ArrayList<>();
            Path p = d.isEmpty() ? root : root.resolve(d);
            try (Stream<Path> s = Files.list(p)) {
                s.filter(x -> isSource(x.getFileName().toString()) && Files.isRegularFile(x))
                        .map(x -> d.isEmpty() ? x.getFileName().toString() : d + "/" + x.getFileName())
                        .sorted().forEach(out::add);
            } catch (IOException | RuntimeException e) {
                // An unreadable directory leaves only the scanned file itself.
            }
            if (!out.contains(file)) {
                out.add(file);
                out.sort(null);
            }
            return out;
        });
    }

    private static boolean isSource(String name) {
        return name.endsWith(".c") || name.endsWith(".h");
    }

    private Preprocessed text(String file) {
        return texts.computeIfAbsent(file, f -> {
            SourceLoader.Loaded l = loader.load(root.resolve(f), f);
            return Optional.ofNullable(l.parseable() ? headers.apply(root.resolve(f), Preprocessor.run(l.file(), defines)) : null);
        }).orElse(null);
    }

    /** Where each header name is found from a directory: the absolute path, or empty. */
    private final Map<String, Optional<Path>> headerPaths = new ConcurrentHashMap<>();

    @Override
    public List<String> systemHeaders(String file) {
        Preprocessed pp = text(file);
        if (pp == null || pp.systemIncludes().isEmpty()) return List.of();
        Path abs = root.resolve(file).toAbsolutePath().normalize();
        Path dir = abs.getParent();
        List<String> out = new ArrayList<>();
        for (String name : pp.systemIncludes()) {
            Optional<Path> h = headerPaths.computeIfAbsent(dir + "\0" + name, k -> find(dir, name));
            if (h.isEmpty()) continue;
            String shown = Path.of(file).isAbsolute() || !h.get().startsWith(root) ? h.get().toString()
                    : root.relativize(h.get()).toString();
            if (!out.contains(shown)) out.add(shown);
        }
        return out;
    }

    /** {@code include/NAME} under the nearest ancestor of {@code dir} that has it. */
    private static Optional<Path> find(Path dir, String name) {
        if (name.contains("..")) return Optional.empty();
        for (Path a = dir; a != null; a = a.getParent()) {
            Path h = a.resolve("include").resolve(name);
            if (Files.isRegularFile(h)) return Optional.of(h.normalize());
        }
        return Optional.empty();
    }

    /** The struct and union tags each header defines ({@code struct TAG {}), found in one pass. */
    private final Map<String, java.util.Set<String>> structTags = new ConcurrentHashMap<>();
    private static final java.util.regex.Pattern STRUCT_DEFINITION =
            java.util.regex.Pattern.compile("\\b(?:struct|union)\\s+([A-Za-z_][A-Za-z_0-9]*)\\s*\\{");

    /** Whether the file's text has {@code struct TAG {}: a header is parsed only for a definition it holds. */
    @Override
    public boolean definesStruct(String file, String tag) {
        // The raw text, not the preprocessed one: most headers a directory includes define nothing it
        // asks for, and preprocessing them all cost more than the rest of the model.
        return structTags.computeIfAbsent(file, f -> {
            SourceLoader.Loaded l = loader.load(root.resolve(f), f);
            if (!l.parseable()) return java.util.Set.of();
            java.util.Set<String> out = new java.util.HashSet<>();
            java.util.regex.Matcher m = STRUCT_DEFINITION.matcher(l.file().text());
            while (m.find()) out.add(m.group(1));
            return out;
        }).contains(tag);
    }

    @Override
    public boolean mentions(String file, String word) {
        Preprocessed pp = text(file);
        if (pp == null) return false;
        if (!Words.isIdentifier(word)) return pp.text().contains(word);
        return Words.contains(identifiers.computeIfAbsent(file, f -> Words.index(pp.text())), word);
    }

    @Override
    public int occurrences(String file, String word, boolean uncalled) {
        Preprocessed pp = text(file);
        if (pp == null) return 0;
        int n = mentions(file, word) ? Words.count(pp.text(), word, uncalled) : 0;
        // #define iio_buffer_poll_addr (&iio_buffer_poll_wrapper): directives are blank in the text.
        for (dev.pollcheck.model.MacroDef m : pp.macros()) {
            if (m.body() != null && m.body().contains(word)) n += Words.count(m.body(), word, uncalled);
        }
        return n;
    }

    @Override
    public boolean mayDefine(String file, String name) {
        Preprocessed pp = text(file);
        if (pp == null) return false;
        return Words.contains(definitions.computeIfAbsent(file, f -> Words.definitions(pp.text())), name);
    }

    @Override
    public TranslationUnit parse(String file, Predicate<String> wantBody, Predicate<String> wantDeclaration) {
        Preprocessed pp = text(file);
        if (pp == null) return null;
        return parser.get().parse(file, pp.text(), pp.macros(), wantBody, wantDeclaration);
    }
}
