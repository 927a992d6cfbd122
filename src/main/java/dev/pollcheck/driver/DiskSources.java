package dev.pollcheck.driver;

import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.parse.CParser;
import dev.pollcheck.parse.Outline;
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
 * {@code -D}/{@code -U}), outlined once (its items, by offset) and parsed as often as the model
 * asks for other items, each parse reading only the items asked for. The {@code .c} and
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
    /** Each file's items, found once: the model parses one file for other items again and again. */
    private final Map<String, Outline> outlines = new ConcurrentHashMap<>();
    /** Per file, the hashes of the identifiers of its raw text ({@link Words#index(byte[], int)}). */
    private final Map<String, long[]> identifiers = new ConcurrentHashMap<>();
    private static final ThreadLocal<SourceLoader.Buffer> BUFFERS = ThreadLocal.withInitial(SourceLoader.Buffer::new);
    /** Per file, the names it may define as functions, read on its raw bytes ({@link Words#definitionCandidates}). */
    private final Map<String, long[]> definitions = new ConcurrentHashMap<>();

    public DiskSources(Path root, Defines defines, ParseConfig config, long maxBytes) {
        this(root, defines, config, new SourceLoader(maxBytes), null);
    }

    /** With the scan's own headers' macros ({@code headers}, null: read anew), so that a header is read once per run. */
    public DiskSources(Path root, Defines defines, ParseConfig config, SourceLoader loader, LocalHeaders headers) {
        this.root = root;
        this.defines = defines;
        this.loader = loader;
        this.headers = headers != null ? headers : new LocalHeaders(loader, defines);
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

    /** Whether the file's text has {@code struct TAG {}: a header is parsed only for a definition it holds. */
    @Override
    public boolean definesStruct(String file, String tag) {
        // The raw bytes, not the preprocessed text: most headers a directory includes define nothing
        // it asks for, and preprocessing them all cost more than the rest of the model.
        return structTags.computeIfAbsent(file, f -> {
            SourceLoader.Buffer buffer = BUFFERS.get();
            if (loader.read(root.resolve(f), f, buffer) != null) return java.util.Set.of();
            return Words.structDefinitions(buffer.bytes(), buffer.length());
        }).contains(tag);
    }

    /** The enumerators each file declares, read once on its raw bytes ({@link Words#enumerators}). */
    private final Map<String, java.util.Set<String>> enumerators = new ConcurrentHashMap<>();

    @Override
    public boolean declaresEnumerator(String file, String name) {
        return enumerators.computeIfAbsent(file, f -> {
            SourceLoader.Buffer buffer = BUFFERS.get();
            if (loader.read(root.resolve(f), f, buffer) != null) return java.util.Set.of();
            return Words.enumerators(buffer.bytes(), buffer.length());
        }).contains(name);
    }

    /** The bits each file names by mask and by number, read once on its raw bytes ({@link Words#bitDefinitions}). */
    private final Map<String, Map<String, String>> bits = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> bitDefinitions(String file) {
        return bits.computeIfAbsent(file, f -> {
            SourceLoader.Buffer buffer = BUFFERS.get();
            if (loader.read(root.resolve(f), f, buffer) != null) return Map.of();
            return Map.copyOf(Words.bitDefinitions(buffer.bytes(), buffer.length()));
        });
    }

    @Override
    public boolean mentions(String file, String word) {
        if (!Words.isIdentifier(word)) {
            Preprocessed pp = text(file);
            return pp != null && pp.text().contains(word);
        }
        // The raw bytes answer without preprocessing: most files of a directory are never parsed.
        long[] index = identifiers.computeIfAbsent(file, f -> {
            SourceLoader.Buffer buffer = BUFFERS.get();
            if (loader.read(root.resolve(f), f, buffer) != null) return new long[0];
            return Words.index(buffer.bytes(), buffer.length());
        });
        return Words.contains(index, word);
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
        long[] names = definitions.computeIfAbsent(file, f -> {
            SourceLoader.Buffer buffer = BUFFERS.get();
            if (loader.read(root.resolve(f), f, buffer) != null) return new long[0];
            return Words.definitionCandidates(buffer.bytes(), buffer.length());
        });
        return Words.contains(names, name);
    }

    @Override
    public TranslationUnit parse(String file, Predicate<Outline.Item> wantBody, Predicate<Outline.Item> wantDeclaration) {
        Preprocessed pp = text(file);
        if (pp == null) return null;
        Outline outline = outlines.computeIfAbsent(file, f -> Outline.of(pp.text(), pp.macros()));
        return parser.get().parseWanted(file, pp.text(), pp.macros(), outline, wantBody, wantDeclaration);
    }
}
