package dev.pollcheck.report;

import dev.pollcheck.rules.Finding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * pollcheck's own fingerprint of a finding. It hashes what identifies the bug, not where it is: the
 * rule, the file (relative to the work tree's top, see {@link #pathKeys}, so that it does not depend on
 * how PATH was spelt), the function, the wait-queue expression and the skipping condition's text, with
 * whitespace collapsed. Lines added or removed elsewhere in the file leave it unchanged, so a baseline
 * keeps matching; editing the condition or the queue expression makes it a new finding, as it should.
 */
public final class Fingerprints {

    /** The key under which SARIF's {@code partialFingerprints} carries it. */
    public static final String KEY = "pollcheck/v1";

    private Fingerprints() {
    }

    public static String pollcheck(Finding f) {
        return pollcheck(f, f.location() == null ? "" : f.location().file());
    }

    /** With the file named by {@code file}: its path as {@link #pathKeys} gives it. */
    public static String pollcheck(Finding f, String file) {
        String key = String.join("\u0000", f.ruleId(), normalise(file), normalise(f.function()),
                normalise(f.queue()), normalise(f.conditionText()));
        return sha256(key).substring(0, 32);
    }

    /**
     * The path a fingerprint and a baseline name a file by, whatever PATH was given and wherever pollcheck
     * runs: relative to the top of the git work tree holding {@code scanRoot}, or to {@code scanRoot}
     * outside one (a file elsewhere keeps its absolute path). {@code base} is what reported paths are
     * relative to (the current directory).
     */
    public static java.util.function.Function<String, String> pathKeys(Path scanRoot, Path base) {
        Path top = SarifWriter.sourceRoot(scanRoot);
        Path from = base.toAbsolutePath().normalize();
        return file -> {
            if (file == null || file.isEmpty()) return "";
            Path abs;
            try {
                abs = from.resolve(file).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                return file;
            }
            Path p = abs.startsWith(top) ? top.relativize(abs) : abs;
            String out = p.toString();
            return java.io.File.separatorChar == '/' ? out : out.replace(java.io.File.separatorChar, '/');
        };
    }

    /** Collapses whitespace runs so that re-indenting a condition keeps its fingerprint. */
    static String normalise(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
