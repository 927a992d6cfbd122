package dev.pollcheck.source;

import dev.pollcheck.model.MacroDef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The macros of a file's own headers: those it names with {@code #include "..."} (next to it, or by a
 * relative path), and theirs in turn, a few levels deep. A driver's header holds the small macros
 * its poll method tests ({@code is_read_mode(dp->file_mode)}); with them in effect first (the file's
 * own {@code #define}s override them), every stage that reads the file — the rules, the simulator,
 * the driver model — expands the same text. Kernel headers ({@code <...>}) are not read: their macros
 * are the subsystems' interfaces, which the helper models describe instead. Thread-safe; each header
 * is read once.
 */
public final class LocalHeaders {
    /** How deep quoted includes are followed. */
    static final int MAX_DEPTH = 3;

    private record Header(List<MacroDef> macros, List<String> includes) {
    }

    private final SourceLoader loader;
    private final Defines defines;
    private final Map<Path, Optional<Header>> cache = new ConcurrentHashMap<>();

    public LocalHeaders(SourceLoader loader, Defines defines) {
        this.loader = loader;
        this.defines = defines;
    }

    /** {@code pp} of {@code file} with its own headers' macros in effect before its own. */
    public Preprocessed apply(Path file, Preprocessed pp) {
        if (pp == null || pp.includes().isEmpty()) return pp;
        List<MacroDef> before = new ArrayList<>();
        collect(file.toAbsolutePath().getParent(), pp.includes(), before, new HashSet<>(), 0);
        return pp.withMacrosBefore(before);
    }

    private void collect(Path dir, List<String> includes, List<MacroDef> out, Set<Path> seen, int depth) {
        if (dir == null || depth >= MAX_DEPTH) return;
        for (String name : includes) {
            Path h = dir.resolve(name).normalize();
            if (!seen.add(h)) continue;
            Header header = read(h);
            if (header == null) continue;
            collect(h.getParent(), header.includes(), out, seen, depth + 1);
            out.addAll(header.macros());
        }
    }

    private Header read(Path h) {
        return cache.computeIfAbsent(h, p -> {
            if (!java.nio.file.Files.isRegularFile(p)) return Optional.empty();
            SourceLoader.Loaded l = loader.load(p, p.getFileName().toString());
            if (!l.parseable()) return Optional.empty();
            Preprocessed pp = Preprocessor.run(l.file(), defines);
            return Optional.of(new Header(pp.macros(), pp.includes()));
        }).orElse(null);
    }
}
