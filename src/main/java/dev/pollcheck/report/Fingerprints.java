package dev.pollcheck.report;

import dev.pollcheck.rules.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * pollcheck's own fingerprint of a finding. It hashes what identifies the bug, not where it is: the
 * rule, the file, the function, the wait-queue expression and the skipping condition's text, with
 * whitespace collapsed. Lines added or removed elsewhere in the file leave it unchanged, so a baseline
 * keeps matching; editing the condition or the queue expression makes it a new finding, as it should.
 */
public final class Fingerprints {

    /** The key under which SARIF's {@code partialFingerprints} carries it. */
    public static final String KEY = "pollcheck/v1";

    private Fingerprints() {
    }

    public static String pollcheck(Finding f) {
        String file = f.location() == null ? "" : f.location().file();
        String key = String.join("\u0000", f.ruleId(), normalise(file), normalise(f.function()),
                normalise(f.queue()), normalise(f.conditionText()));
        return sha256(key).substring(0, 32);
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
