package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./pollcheck} launcher on the packaged jar (run by Maven after {@code package}): an
 * install directory is only read, the class-data archive goes to the user's cache, and a cache that
 * cannot be written only costs the archive.
 */
@Tag("packaged")
class LauncherTest {
    @TempDir
    Path dir;
    Path install;

    @BeforeEach
    void install() throws IOException {
        Path jar = Path.of(System.getProperty("pollcheck.jar", "target/pollcheck.jar"));
        assertTrue(Files.isRegularFile(jar), "the packaged jar is there: " + jar.toAbsolutePath());
        install = dir.resolve("opt/pollcheck");
        Files.createDirectories(install.resolve("target"));
        Files.createDirectories(install.resolve("testdata"));
        Files.copy(Path.of("pollcheck"), install.resolve("pollcheck"));
        Files.copy(jar, install.resolve("target/pollcheck.jar"));
        Files.writeString(install.resolve("testdata/events.c"), CliTest.BUGGY + """

                static const struct file_operations foo_fops = { .poll = foo_poll };
                """);
    }

    private record Run(int code, String out, String err) {
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", install.resolve("pollcheck").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher finishes");
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.walk(install)) {
            return s.map(p -> install.relativize(p) + " " + p.toFile().length() + " " + p.toFile().lastModified())
                    .sorted().toList();
        }
    }

    @Test
    void theArchiveGoesToTheUserCacheAndTheInstallIsOnlyRead() throws Exception {
        List<String> before = listing();
        Run r = launch(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()), "check", "-q",
                install.resolve("testdata").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("events.c:") && r.out().contains("[PW001]"), r.out());
        assertEquals(before, listing(), "nothing written into the install directory");
        try (Stream<Path> s = Files.list(dir.resolve("cache/pollcheck"))) {
            assertEquals(1, s.filter(p -> p.toString().endsWith(".jsa")).count(), "one archive in the cache");
        }
        // Without XDG_CACHE_HOME the cache is ~/.cache.
        assertEquals(1, launch(Map.of(), "check", "-q", install.resolve("testdata").toString()).code());
        assertTrue(Files.isDirectory(dir.resolve("home/.cache/pollcheck")));
        assertEquals(before, listing());
    }

    @Test
    void anUnwritableCacheOnlyCostsTheArchive() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "");
        List<String> before = listing();
        Run r = launch(Map.of("XDG_CACHE_HOME", notADir.resolve("cache").toString()), "check", "-q",
                install.resolve("testdata").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("[PW001]"), r.out());
        assertEquals("", r.err(), "no complaint about the cache");
        assertEquals(before, listing());
    }
}
