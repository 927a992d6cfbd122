package dev.pollcheck.sim;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the real-driver corpus of {@code scripts/kernel-corpus.sh} lives: {@code $POLLCHECK_CORPUS},
 * by default {@code ${XDG_CACHE_HOME:-~/.cache}/pollcheck-corpus}, as the script computes it.
 *
 * <p>A corpus test that is skipped whenever the corpus is missing tests nothing in CI, so a missing
 * corpus fails: {@code scripts/test.sh} fetches it first. Only an explicit
 * {@code -Dpollcheck.corpus.optional=true} (for a build on a machine that cannot fetch it) turns the
 * failure into a skip that says so.
 */
final class Corpus {

    static final String OPTIONAL = "pollcheck.corpus.optional";

    private Corpus() {
    }

    static Path root(Map<String, String> env) {
        String set = env.get("POLLCHECK_CORPUS");
        if (set != null && !set.isEmpty()) return Path.of(set);
        String xdg = env.get("XDG_CACHE_HOME");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path cache = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(home, ".cache");
        return cache.resolve("pollcheck-corpus");
    }

    /** The unpacked v4l2loopback source, or a failure saying how to fetch it. */
    static Path v4l2loopback() {
        Path dir = root(System.getenv()).resolve("v4l2loopback");
        if (Files.isRegularFile(dir.resolve(".complete")) && Files.isRegularFile(dir.resolve("v4l2loopback.c"))) {
            return dir.resolve("v4l2loopback.c");
        }
        String why = "the v4l2loopback corpus is not in " + dir + ": run scripts/kernel-corpus.sh --v4l2loopback-only"
                + " (scripts/test.sh does), or set POLLCHECK_CORPUS to where it is";
        if (Boolean.getBoolean(OPTIONAL)) {
            assumeTrue(false, why + " (skipped: -D" + OPTIONAL + "=true)");
        }
        return fail(why + "; -D" + OPTIONAL + "=true skips the corpus tests instead");
    }
}
