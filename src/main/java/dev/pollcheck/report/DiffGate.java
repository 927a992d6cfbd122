package dev.pollcheck.report;

import dev.pollcheck.model.Span;
import dev.pollcheck.rules.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The CI gate on a patch: keeps the findings that the patch may have caused, that is, those where it
 * adds or removes a line inside a function on the finding's call path (the poll method, each helper
 * the poll_table is passed down to, and the function holding the skipped registration and its
 * condition). Each function is compared in its own file. A finding whose path the patch does not
 * touch is old news for this patch, even in a file the patch changes.
 */
public final class DiffGate {

    /** Changes by the absolute, normalised path of the scanned file they bind to. */
    private final Map<Path, Diff.FileChange> changes;
    private final List<String> unbound;
    private final int sourcePaths;
    private final Function<String, Path> locate;

    private DiffGate(Map<Path, Diff.FileChange> changes, List<String> unbound, int sourcePaths,
                     Function<String, Path> locate) {
        this.changes = changes;
        this.unbound = unbound;
        this.sourcePaths = sourcePaths;
        this.locate = locate;
    }

    /**
     * Binds a diff's paths to scanned files. {@code roots} are the PATHs scanned; {@code locate} turns a
     * reported path ({@link Span#file()}) into the file it names.
     */
    public static DiffGate of(Diff diff, List<Path> roots, Function<String, Path> locate) {
        List<Path> scanned = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
        Path base = commonDirectory(scanned);
        Path top = SarifWriter.sourceRoot(base);
        Map<Path, Diff.FileChange> bound = new LinkedHashMap<>();
        List<String> unbound = new ArrayList<>();
        int sources = 0;
        for (Diff.FileChange c : diff.files().values()) {
            Path file = bind(c.path(), scanned, base, top);
            boolean source = isSourceName(c.path());
            if (source) sources++;
            if (file != null) {
                bound.put(file, c);
            } else if (source) {
                unbound.add(c.path());
            }
        }
        return new DiffGate(bound, List.copyOf(unbound), sources, locate);
    }

    static boolean isSourceName(String path) {
        return path.endsWith(".c") || path.endsWith(".h");
    }

    /**
     * The scanned file a diff path names, or null. The path is first taken from the top of the git work
     * tree holding the scan (where git's own paths start). Failing that, leading directories are
     * dropped until the rest names a file under the scan's common directory, but only while the file's
     * path still ends with the diff's whole path: a patch to {@code drivers/usb/foo.c} never binds to
     * {@code drivers/media/foo.c} because only {@code foo.c} is scanned.
     */
    static Path bind(String diffPath, List<Path> scanned, Path base, Path top) {
        Path full;
        try {
            full = Path.of(diffPath);
        } catch (InvalidPathException e) {
            return null;
        }
        if (full.isAbsolute() || full.getNameCount() == 0 || !full.normalize().equals(full)
                || full.startsWith("..")) {
            return null;
        }
        Path atTop = top.resolve(full).normalize();
        if (isScanned(atTop, scanned)) return atTop;
        for (int drop = 0; drop < full.getNameCount(); drop++) {
            Path candidate = base.resolve(full.subpath(drop, full.getNameCount())).normalize();
            if (candidate.endsWith(full) && isScanned(candidate, scanned)) return candidate;
        }
        return null;
    }

    private static boolean isScanned(Path file, List<Path> scanned) {
        if (!Files.isRegularFile(file)) return false;
        for (Path root : scanned) {
            if (file.equals(root)) return true;
            if (file.startsWith(root) && Files.isDirectory(root) && isSourceName(file.getFileName().toString())) {
                return true;
            }
        }
        return false;
    }

    private static Path commonDirectory(List<Path> roots) {
        Path common = null;
        for (Path r : roots) {
            Path dir = Files.isDirectory(r) || r.getParent() == null ? r : r.getParent();
            if (common == null) {
                common = dir;
            } else {
                while (!dir.startsWith(common)) common = common.getParent();
            }
        }
        return common == null ? Path.of("").toAbsolutePath() : common;
    }

    /** The scanned files the patch changes (absolute, normalised), in patch order. */
    public Set<Path> files() {
        return Collections.unmodifiableSet(changes.keySet());
    }

    /** The patch's {@code .c}/{@code .h} paths that name no scanned file, in patch order. */
    public List<String> unbound() {
        return unbound;
    }

    /** How many {@code .c}/{@code .h} paths the patch changes. */
    public int sourcePaths() {
        return sourcePaths;
    }

    public boolean touches(Finding f) {
        Span at = f.location();
        if (at == null) return false;
        if (touches(at.file(), at.line(), at.endLine())) return true;
        for (Finding.Frame fr : f.path()) {
            Span s = fr.span();
            if (s != null && touches(s.file(), s.line(), s.endLine())) return true;
        }
        Span cond = f.condition();
        return cond != null && touches(cond.file(), cond.line(), cond.endLine());
    }

    private boolean touches(String file, int first, int last) {
        if (file == null) return false;
        Path p;
        try {
            p = locate.apply(file);
        } catch (InvalidPathException e) {
            return false;
        }
        Diff.FileChange c = p == null ? null : changes.get(p.toAbsolutePath().normalize());
        return c != null && c.touches(first, last);
    }

    public List<ReportedFinding> filter(List<ReportedFinding> findings) {
        List<ReportedFinding> kept = new ArrayList<>();
        for (ReportedFinding rf : findings) {
            if (touches(rf.finding())) kept.add(rf);
        }
        return kept;
    }

    /** Thrown when git cannot give the diff (not a repository, unknown revision). */
    public static final class GitException extends Exception {
        public GitException(String message) {
            super(message);
        }
    }

    /**
     * The change from {@code rev} to the working tree under {@code dir}, as a unified diff with paths
     * relative to the work tree's top: {@code git diff-index -p REV} (which never refreshes or writes
     * the index) plus every untracked {@code .c}/{@code .h} file that is not ignored, as a new file.
     * git runs with the repository's hooks, fsmonitor, external diff and textconv drivers off and
     * without optional locks, so a gate on a checked-out pull request runs none of its commands.
     */
    public static String gitDiff(Path dir, String rev) throws GitException {
        if (rev.startsWith("-")) throw new GitException("not a revision: " + rev);
        Path top = topOf(dir);
        String diff = git(dir, "git diff-index " + rev, "diff-index", "-p", "--no-color", "--no-ext-diff",
                "--no-textconv", "-U0", "--src-prefix=a/", "--dst-prefix=b/", rev, "--", ".");
        String others = git(dir, "git ls-files", "ls-files", "-z", "--others", "--exclude-standard", "--full-name",
                "--", ".");
        StringBuilder out = new StringBuilder(diff);
        Set<String> untracked = new TreeSet<>();
        for (String p : others.split("\u0000")) {
            if (!p.isEmpty() && isSourceName(p)) untracked.add(p);
        }
        for (String p : untracked) {
            Path file = top.resolve(p);
            int lines;
            try {
                // Too big to be a driver source; the scan would skip it anyway.
                if (!Files.isRegularFile(file) || Files.size(file) > 64L << 20) continue;
                String text = SourceLines.decode(Files.readAllBytes(file));
                if (text.isEmpty()) continue;
                lines = SourceLines.of(text).lineCount() - (text.endsWith("\n") || text.endsWith("\r") ? 1 : 0);
            } catch (IOException | OutOfMemoryError e) {
                continue;
            }
            out.append("--- /dev/null\n+++ ").append(quoted("b/" + p)).append('\n')
                    .append("@@ -0,0 +1,").append(lines).append(" @@\n");
            for (int i = 0; i < lines; i++) out.append("+\n");
        }
        return out.toString();
    }

    /** A path as git quotes an unusual one, so that the diff reader reads it back whole. */
    static String quoted(String path) {
        boolean plain = true;
        for (int i = 0; i < path.length() && plain; i++) {
            char c = path.charAt(i);
            plain = c >= 0x20 && c != 0x7f && c != '"' && c != '\\';
        }
        if (plain) return path;
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') sb.append('\\').append((char) c);
            else if (c < 0x20 || c >= 0x7f) sb.append('\\').append(String.format("%03o", c));
            else sb.append((char) c);
        }
        return sb.append('"').toString();
    }

    /** The top of the work tree holding {@code dir}; says in one line when there is none. */
    static Path topOf(Path dir) throws GitException {
        String top;
        try {
            top = git(dir, "git rev-parse", "rev-parse", "--show-toplevel").strip();
        } catch (GitException e) {
            throw new GitException("--since needs a git work tree, and " + dir + " is not in one");
        }
        if (top.isEmpty()) throw new GitException("--since needs a git work tree, and " + dir + " is not in one");
        return Path.of(top);
    }

    private static String git(Path dir, String what, String... args) throws GitException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString(),
                "-c", "core.fsmonitor=", "-c", "core.hooksPath=/dev/null",
                "-c", "core.quotePath=true"));
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("GIT_OPTIONAL_LOCKS", "0");
            pb.environment().remove("GIT_EXTERNAL_DIFF");
            pb.environment().put("GIT_PAGER", "cat");
            Process p = pb.start();
            p.getOutputStream().close();
            // stderr is drained on its own thread so that a chatty git cannot block on a full pipe.
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new GitException(what + " did not finish");
            }
            if (p.exitValue() != 0) {
                String msg = new String(err.join(), StandardCharsets.UTF_8).strip();
                int nl = msg.indexOf('\n');
                if (nl >= 0) msg = msg.substring(0, nl);
                throw new GitException(what + " failed in " + dir + (msg.isEmpty() ? "" : ": " + msg));
            }
            return SourceLines.decode(out);
        } catch (IOException e) {
            throw new GitException("cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while running git");
        }
    }
}
