package dev.pollcheck.report;

import dev.pollcheck.model.Span;
import dev.pollcheck.rules.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The CI gate on a patch: keeps the findings in functions that the patch touches, that is, functions
 * inside which it adds or removes a line. A finding in an untouched function is old news for this
 * patch, even in a file the patch changes.
 */
public final class DiffGate {

    private final Map<String, Diff.FileChange> changes;
    private final Path root;

    private DiffGate(Map<String, Diff.FileChange> changes, Path root) {
        this.changes = changes;
        this.root = root == null ? null : root.toAbsolutePath().normalize();
    }

    /**
     * Binds a diff's paths to files under the scan root. A diff from the top of a repository names
     * {@code drivers/media/foo.c}; when the scan root is {@code drivers/media}, leading directories are
     * dropped until the path names a file under the root.
     */
    public static DiffGate of(Diff diff, Path root) {
        Map<String, Diff.FileChange> bound = new TreeMap<>();
        for (Diff.FileChange c : diff.files().values()) {
            String display = bind(c.path(), root);
            if (display != null) bound.put(display, c);
        }
        return new DiffGate(bound, root);
    }

    static String bind(String diffPath, Path root) {
        String p = diffPath.replace('\\', '/');
        while (true) {
            if (root == null || Files.isRegularFile(root.resolve(p))) return p;
            int slash = p.indexOf('/');
            if (slash < 0) return null;
            p = p.substring(slash + 1);
        }
    }

    /** Display paths (relative to the scan root) of the files the patch changes and the scan can see. */
    public java.util.Set<String> files() {
        return java.util.Collections.unmodifiableSet(changes.keySet());
    }

    public boolean touches(Finding f) {
        Span at = f.location();
        if (at == null) return false;
        Diff.FileChange c = changes.get(relative(at.file()));
        if (c == null) return false;
        Span scope = f.method() != null && f.method().span() != null ? f.method().span() : at;
        return c.touches(scope.line(), scope.endLine());
    }

    /** A reported path as the diff's paths are bound: relative to the root (a file given absolute is too). */
    private String relative(String file) {
        Path p = Path.of(file);
        if (!p.isAbsolute() || root == null) return file;
        Path n = p.normalize();
        return n.startsWith(root) ? root.relativize(n).toString().replace('\\', '/') : file;
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
     * {@code git diff REV} of the working tree in {@code dir}, paths relative to {@code dir}, no context
     * lines (the gate needs only changed lines), fixed prefixes whatever the user's git configuration.
     */
    public static String gitDiff(Path dir, String rev) throws GitException {
        if (rev.startsWith("-")) throw new GitException("not a revision: " + rev);
        List<String> cmd = List.of("git", "-C", dir.toString(), "diff", "--no-color", "--no-ext-diff",
                "--no-textconv", "-U0", "--src-prefix=a/", "--dst-prefix=b/", "--relative", rev, "--");
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            // stderr is drained on its own thread so that a chatty git cannot block on a full pipe.
            java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new GitException("git diff " + rev + " did not finish");
            }
            if (p.exitValue() != 0) {
                String msg = new String(err.join(), StandardCharsets.UTF_8).strip();
                throw new GitException("git diff " + rev + " failed in " + dir + (msg.isEmpty() ? "" : ": " + msg));
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
