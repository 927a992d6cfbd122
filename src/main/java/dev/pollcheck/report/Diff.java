package dev.pollcheck.report;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The new-side lines a patch changes, per file: what the diff gate needs, nothing more.
 *
 * <p>Reads plain unified diffs, {@code git diff} output and {@code git format-patch} mails (the mail
 * headers, the commit message, the diffstat and the {@code -- } signature are skipped). Hunk bodies are
 * read by their line counts, so a removed line that starts with {@code --- } is never taken for a file
 * header and the mail signature is never taken for a removed line.
 *
 * <p>Written here rather than with java-diff-utils' {@code UnifiedDiffReader} (4.15), which rejects
 * git's abbreviated hunk headers ({@code @@ -30 +31 @@}, what git writes for one-line hunks and with
 * {@code -U0}) with "expected data line not found", and stops with "expected file start line not
 * found" on a format-patch mail (its commit message and {@code ---} separator). Reading hunks by their
 * counts is short and gives exactly the added lines and removal points the gate needs.
 */
public final class Diff {

    /** The changes to one file, in new-side line numbers (1-based). */
    public static final class FileChange {
        private final String path;
        private final BitSet added = new BitSet();
        /** A removal point p: lines were removed between new lines p - 1 and p. */
        private final BitSet removedBefore = new BitSet();

        FileChange(String path) {
            this.path = path;
        }

        /** The new-side path, with git's {@code b/} prefix removed. */
        public String path() {
            return path;
        }

        public boolean added(int line) {
            return line >= 0 && added.get(line);
        }

        /** Whether the change adds or removes a line strictly inside lines [first, last]. */
        public boolean touches(int first, int last) {
            if (first < 1 || last < first) return false;
            int a = added.nextSetBit(first);
            if (a >= 0 && a <= last) return true;
            // Removed lines sit inside the range only when there is a kept line of the range above them.
            int r = removedBefore.nextSetBit(first + 1);
            return r >= 0 && r <= last;
        }

        public List<Integer> addedLines() {
            return added.stream().boxed().toList();
        }

        public List<Integer> removalPoints() {
            return removedBefore.stream().boxed().toList();
        }
    }

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");
    private static final Pattern GIT_HEADER = Pattern.compile("^diff --git (\\S+) (\\S+)$");

    private final Map<String, FileChange> files;

    private Diff(Map<String, FileChange> files) {
        this.files = files;
    }

    /** Files the patch changes on the new side, by path (deleted files are not listed). */
    public Map<String, FileChange> files() {
        return files;
    }

    /** Thrown for a text that holds no diff at all, or a hunk that runs past the end. */
    public static final class DiffException extends Exception {
        public DiffException(String message) {
            super(message);
        }
    }

    /** Parses a patch; a blank text is an empty change (as {@code git diff} prints for a clean tree). */
    public static Diff parse(String text) throws DiffException {
        if (text.isBlank()) return new Diff(new LinkedHashMap<>());
        String[] lines = text.split("\r?\n", -1);
        Map<String, FileChange> out = new LinkedHashMap<>();
        boolean gitStyle = false;
        String oldPath = null;
        FileChange current = null;
        boolean sawHunk = false;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            Matcher git = GIT_HEADER.matcher(line);
            if (git.matches()) {
                gitStyle = true;
                current = null;
                oldPath = null;
                i++;
                continue;
            }
            if (line.startsWith("--- ") && i + 1 < lines.length && lines[i + 1].startsWith("+++ ")) {
                oldPath = pathOf(line.substring(4));
                String newPath = pathOf(lines[i + 1].substring(4));
                boolean prefixed = gitStyle || (oldPath.startsWith("a/") && newPath.startsWith("b/"))
                        || (oldPath.equals("/dev/null") && newPath.startsWith("b/"));
                if (newPath.equals("/dev/null")) {
                    current = null; // a deleted file: nothing of it is scanned
                } else {
                    String p = prefixed && newPath.startsWith("b/") ? newPath.substring(2)
                            : !prefixed ? belowTopDirectories(oldPath, newPath) : newPath;
                    current = out.computeIfAbsent(p, FileChange::new);
                }
                i += 2;
                continue;
            }
            Matcher h = HUNK.matcher(line);
            if (h.matches() && oldPath != null) {
                sawHunk = true;
                int oldCount = h.group(2) == null ? 1 : Integer.parseInt(h.group(2));
                int newStart = Integer.parseInt(h.group(3));
                int newCount = h.group(4) == null ? 1 : Integer.parseInt(h.group(4));
                // With a zero count, the start names the line before the (empty) range.
                int newLine = newCount == 0 ? newStart + 1 : newStart;
                int oldLeft = oldCount, newLeft = newCount;
                i++;
                while ((oldLeft > 0 || newLeft > 0) && i < lines.length) {
                    String body = lines[i];
                    if (body.startsWith("\\")) { // "\ No newline at end of file"
                        i++;
                        continue;
                    }
                    char kind = body.isEmpty() ? ' ' : body.charAt(0);
                    switch (kind) {
                        case '+' -> {
                            if (current != null) current.added.set(newLine);
                            newLine++;
                            newLeft--;
                        }
                        case '-' -> {
                            if (current != null) current.removedBefore.set(newLine);
                            oldLeft--;
                        }
                        case ' ' -> {
                            newLine++;
                            newLeft--;
                            oldLeft--;
                        }
                        default -> throw new DiffException("line " + (i + 1) + ": unexpected line in a hunk: "
                                + abbreviate(body));
                    }
                    i++;
                }
                if (oldLeft > 0 || newLeft > 0) {
                    throw new DiffException("line " + i + ": the patch ends inside a hunk");
                }
                continue;
            }
            i++;
        }
        if (!sawHunk && out.isEmpty() && !gitStyle) throw new DiffException("no unified diff found");
        return new Diff(out);
    }

    /**
     * A plain {@code diff -ru old/ new/} names both trees' directories ({@code linux.orig/x.c},
     * {@code linux/x.c}); as {@code patch -p1} does, the differing top directory is dropped, so the
     * rest is the path in the tree.
     */
    private static String belowTopDirectories(String oldPath, String newPath) {
        int o = oldPath.indexOf('/');
        int n = newPath.indexOf('/');
        if (oldPath.equals("/dev/null") || o <= 0 || n <= 0 || n == newPath.length() - 1) return newPath;
        return oldPath.substring(0, o).equals(newPath.substring(0, n)) ? newPath : newPath.substring(n + 1);
    }

    /** The path of a {@code ---}/{@code +++} line: up to a tab (timestamps follow it), unquoted. */
    private static String pathOf(String s) {
        int tab = s.indexOf('\t');
        String p = (tab >= 0 ? s.substring(0, tab) : s).strip();
        if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) p = unquote(p.substring(1, p.length() - 1));
        return p;
    }

    /** git's C-style quoting of unusual paths: backslash escapes and octal bytes in UTF-8. */
    private static String unquote(String s) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                if (n >= '0' && n <= '7' && i + 2 < s.length()) {
                    bytes.write(Integer.parseInt(s.substring(i, i + 3), 8));
                    i += 2;
                    continue;
                }
                c = switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    default -> n;
                };
            }
            byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            bytes.write(b, 0, b.length);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** The changed files in patch order. */
    public List<FileChange> changes() {
        return new ArrayList<>(files.values());
    }
}
