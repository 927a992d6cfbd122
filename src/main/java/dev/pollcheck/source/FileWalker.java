package dev.pollcheck.source;

import dev.pollcheck.model.ParseProblem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the {@code .c} and {@code .h} files under the given roots.
 *
 * <ul>
 *   <li>Order: roots in the order given; inside a root, files sorted by display path (plain
 *       {@code String} order), so the order never depends on the file system. A file reached from
 *       two roots (or twice through links) is listed once, the first time.</li>
 *   <li>{@code displayPath}: for a directory root, the path relative to that root with {@code /}
 *       separators, built from the names met while descending (so below the root it can never hold
 *       {@code ..} or leave it), prefixed with the root as given (normalised) by
 *       {@link #fromRootAsGiven()}, so that it opens from the current directory as gcc's paths do;
 *       for a file root, the path as given (normalised).</li>
 *   <li>Symbolic links: followed only while their target stays inside the root's real path, unless
 *       {@code followSymlinks} is set; a directory already visited (a loop, or the same directory
 *       reached twice) is not entered again, and a file reached twice is listed once.</li>
 *   <li>{@code .git}, {@code .hg} and {@code .svn} directories are not entered.</li>
 *   <li>Nothing throws: unreadable directories, entries that vanish during the scan, dangling links,
 *       loops, FIFOs and devices become problems naming the entry (line 0).</li>
 * </ul>
 */
public final class FileWalker {

    /** A file to load: where it is and how it is reported. */
    public record Found(Path path, String displayPath) {
    }

    public record Result(List<Found> files, List<ParseProblem> problems) {
    }

    private static final Set<String> VCS_DIRS = Set.of(".git", ".hg", ".svn");

    private final boolean followSymlinks;
    private final java.util.function.Consumer<Path> afterListing;
    private boolean rootPrefixed;

    public FileWalker(boolean followSymlinks) {
        this(followSymlinks, dir -> { });
    }

    /** For tests: {@code afterListing} runs after a directory is listed, before its entries are examined. */
    FileWalker(boolean followSymlinks, java.util.function.Consumer<Path> afterListing) {
        this.followSymlinks = followSymlinks;
        this.afterListing = afterListing;
    }

    public FileWalker() {
        this(false);
    }

    /** Display paths start with the directory root as given ({@code drivers/media/pci/x.c}). */
    public FileWalker fromRootAsGiven() {
        this.rootPrefixed = true;
        return this;
    }

    public static boolean isSourceName(String name) {
        return name.endsWith(".c") || name.endsWith(".h");
    }

    public Result walk(List<Path> roots) {
        return walk(roots, f -> { });
    }

    /**
     * {@link #walk(List)}, handing each file to {@code found} as soon as its directory is read (from
     * this thread, each file once), so that reading files can start while the walk goes on. The
     * result's list is sorted as {@link #walk(List)} sorts it; the order files are handed over in is
     * the walk's (directory level by level).
     */
    public Result walk(List<Path> roots, java.util.function.Consumer<Found> found) {
        List<Found> files = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        Set<Path> seenFiles = new HashSet<>();  // real paths: a file under two roots is listed once
        for (Path root : roots) {
            walkRoot(root, files, problems, seenFiles, found);
        }
        return new Result(List.copyOf(files), List.copyOf(problems));
    }

    private void walkRoot(Path root, List<Found> files, List<ParseProblem> problems, Set<Path> seenFiles,
                          java.util.function.Consumer<Found> sink) {
        String given = root.normalize().toString();
        if (given.isEmpty()) {
            given = ".";
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(root, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            problems.add(problem(given, "no such file or directory"));
            return;
        } catch (FileSystemLoopException e) {
            problems.add(problem(given, "symbolic link loop"));
            return;
        } catch (IOException | SecurityException e) {
            problems.add(unread(given, ioMessage(e)));
            return;
        }
        if (attrs.isRegularFile()) {
            // A file named on the command line is taken whatever its extension: the user asked for it.
            try {
                if (seenFiles.add(root.toRealPath())) {
                    Found f = new Found(root, given);
                    files.add(f);
                    sink.accept(f);
                }
            } catch (IOException | SecurityException e) {
                problems.add(unread(given, ioMessage(e)));
            }
            return;
        }
        if (!attrs.isDirectory()) {
            problems.add(unread(given, "not a regular file or directory; skipped"));
            return;
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException | SecurityException e) {
            problems.add(unread(given, ioMessage(e)));
            return;
        }
        List<Found> found = new ArrayList<>();
        Set<Path> seenDirs = new HashSet<>();
        List<Found> linked = new ArrayList<>();
        List<Path> linkedReal = new ArrayList<>();
        seenDirs.add(realRoot);
        // Breadth first, one level at a time: the directories of a level are read in parallel (the
        // work is mostly lstat calls), then their results are merged in order, so the outcome does
        // not depend on the thread count.
        String base = !rootPrefixed || given.equals(".") ? "" : given.endsWith("/") ? given : given + "/";
        List<Dir> level = List.of(new Dir(root, realRoot, base, true));
        String shown = given;
        while (!level.isEmpty()) {
            List<Listing> listings = (level.size() > 1 ? level.parallelStream() : level.stream())
                    .map(d -> list(d, shown, realRoot))
                    .toList();
            List<Dir> next = new ArrayList<>();
            for (Listing l : listings) {
                problems.addAll(l.problems());
                for (int i = 0; i < l.files().size(); i++) {
                    if (seenFiles.add(l.fileReals().get(i))) {
                        found.add(l.files().get(i));
                        sink.accept(l.files().get(i));
                    }
                }
                linked.addAll(l.linked());
                linkedReal.addAll(l.linkedReals());
                for (Dir d : l.subdirs()) {
                    if (seenDirs.add(d.real())) {
                        next.add(d);
                    }
                }
            }
            level = next;
        }
        // A link to a file is listed only when its target was not met under its own name.
        for (int i = 0; i < linked.size(); i++) {
            if (seenFiles.add(linkedReal.get(i))) {
                found.add(linked.get(i));
                sink.accept(linked.get(i));
            }
        }
        found.sort(Comparator.comparing(Found::displayPath));
        files.addAll(found);
    }

    /** A directory to read: where it is, its real path, and its display prefix ("" or "a/b/"). */
    private record Dir(Path path, Path real, String prefix, boolean isRoot) {
        Dir(Path path, Path real, String prefix) {
            this(path, real, prefix, false);
        }
    }

    /** What one directory holds, before the merge removes what was already seen. */
    private record Listing(List<ParseProblem> problems, List<Found> files, List<Path> fileReals,
                           List<Found> linked, List<Path> linkedReals, List<Dir> subdirs) {
    }

    /** Reads one directory; touches no shared state, so directories can be read in parallel. */
    private Listing list(Dir dir, String given, Path realRoot) {
        List<ParseProblem> problems = new ArrayList<>();
        List<Found> files = new ArrayList<>();
        List<Path> fileReals = new ArrayList<>();
        List<Found> linked = new ArrayList<>();
        List<Path> linkedReals = new ArrayList<>();
        List<Dir> subdirs = new ArrayList<>();
        Listing out = new Listing(problems, files, fileReals, linked, linkedReals, subdirs);
        // Each entry's name is taken once: a comparator asking the path for it would build two
        // strings per comparison (a kernel tree has 65,000 entries).
        record Entry(String name, Path path) {
        }
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.path())) {
            for (Path p : ds) {
                entries.add(new Entry(p.getFileName().toString(), p));
            }
        } catch (NoSuchFileException e) {
            problems.add(unread(displayDir(given, dir), "directory vanished during the scan"));
            return out;
        } catch (AccessDeniedException e) {
            problems.add(unread(displayDir(given, dir), "cannot read directory: permission denied"));
            return out;
        } catch (IOException | SecurityException | java.nio.file.DirectoryIteratorException e) {
            problems.add(unread(displayDir(given, dir), "cannot read directory: " + ioMessage(e)));
            return out;
        }
        entries.sort(Comparator.comparing(Entry::name));
        afterListing.accept(dir.path());
        for (Entry listed : entries) {
            Path entry = listed.path();
            String name = listed.name();
            String display = dir.prefix() + name;
            BasicFileAttributes la;
            try {
                la = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                if (isDirLike(name)) {
                    problems.add(unread(display, "vanished during the scan"));
                }
                continue;
            } catch (IOException | SecurityException e) {
                problems.add(unread(display, ioMessage(e)));
                continue;
            }
            Path real;
            BasicFileAttributes ta = la;
            if (la.isSymbolicLink()) {
                try {
                    real = entry.toRealPath();
                    ta = Files.readAttributes(real, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    if (isDirLike(name)) {
                        problems.add(problem(display, "dangling symbolic link; skipped"));
                    }
                    continue;
                } catch (FileSystemLoopException e) {
                    problems.add(problem(display, "symbolic link loop; skipped"));
                    continue;
                } catch (IOException | SecurityException e) {
                    String m = ioMessage(e);
                    problems.add(problem(display, m.contains("Too many levels")
                            ? "symbolic link loop; skipped" : "cannot follow symbolic link: " + m));
                    continue;
                }
                if (!followSymlinks && !real.startsWith(realRoot)) {
                    if (ta.isDirectory() || isSourceName(name)) {
                        problems.add(problem(display,
                                "symbolic link out of the scanned root; not followed (see --follow-symlinks)"));
                    }
                    continue;
                }
            } else {
                real = dir.real().resolve(name);
            }
            if (ta.isDirectory()) {
                if (VCS_DIRS.contains(name)) {
                    continue;   // version-control metadata holds no sources to check
                }
                if (la.isSymbolicLink() && dir.real().startsWith(real)) {
                    problems.add(problem(display, "symbolic link loop (points to an enclosing directory); not followed"));
                } else if (la.isSymbolicLink() && real.startsWith(realRoot)) {
                    continue;   // its contents are reached through their real path inside the root anyway
                } else {
                    subdirs.add(new Dir(entry, real, display + "/"));
                }
            } else if (isSourceName(name)) {
                if (!ta.isRegularFile()) {
                    problems.add(unread(display, "not a regular file; skipped"));
                } else if (la.isSymbolicLink()) {
                    linked.add(new Found(entry, display));
                    linkedReals.add(real);
                } else {
                    files.add(new Found(entry, display));
                    fileReals.add(real);
                }
            }
        }
        return out;
    }

    /** A name with no source extension may still be a link to a directory: report a dangling one. */
    private static boolean isDirLike(String name) {
        return isSourceName(name) || name.indexOf('.') < 0;
    }

    private static String displayDir(String given, Dir dir) {
        return dir.isRoot() ? given : dir.prefix().substring(0, dir.prefix().length() - 1);
    }

    private static ParseProblem problem(String file, String message) {
        return new ParseProblem(file, 0, 0, message);
    }

    /** A file or directory that could not be read, so poll code in it may have gone unseen. */
    private static ParseProblem unread(String file, String message) {
        return new ParseProblem(file, 0, 0, message, true);
    }

    private static String ioMessage(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return SourceLoader.describe(e);
    }
}
