package dev.pollcheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/kernel-corpus.sh} and the corpus tests agree on where the corpus is, and
 * {@code --v4l2loopback-only} (what the test command runs) fetches v4l2loopback and nothing else. The
 * package tools are stand-ins that log their calls and fail, so nothing here reaches the network.
 */
class CorpusScriptTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String aptCalls) {
    }

    private Run script(Map<String, String> env, String... args) throws Exception {
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Path log = dir.resolve("apt.log");
        Files.deleteIfExists(log);
        for (String tool : List.of("apt-get", "apt-cache")) {
            Path t = bin.resolve(tool);
            Files.writeString(t, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + log + "'\nexit 1\n");
            Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", "scripts/kernel-corpus.sh"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.equals("POLLCHECK_CORPUS") || k.equals("XDG_CACHE_HOME"));
        pb.environment().putAll(env);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        return new Run(code, out, Files.exists(log) ? Files.readString(log) : "");
    }

    /** A cache holding an unpacked v4l2loopback (and no kernel). */
    private static void loopbackIn(Path cache) throws Exception {
        Path loop = cache.resolve("v4l2loopback");
        Files.createDirectories(loop);
        Files.writeString(loop.resolve("v4l2loopback.c"), "/* stand-in */\n");
        Files.writeString(loop.resolve(".complete"), "");
    }

    @Test
    void theTestsLookWhereTheScriptPutsTheCorpus() throws Exception {
        Path home = dir.resolve("home");
        List<Map<String, String>> envs = List.of(
                Map.of("HOME", home.toString(), "POLLCHECK_CORPUS", dir.resolve("explicit").toString()),
                Map.of("HOME", home.toString(), "XDG_CACHE_HOME", dir.resolve("xdg").toString()),
                Map.of("HOME", home.toString()));
        for (Map<String, String> env : envs) {
            Path root = Corpus.root(env);
            loopbackIn(root);
            Run r = script(env, "--v4l2loopback-only");
            assertEquals(0, r.code(), env + ": " + r.aptCalls());
            assertEquals("v4l2loopback=" + root.resolve("v4l2loopback") + "\n", r.out(), env.toString());
        }
        assertEquals(home.resolve(".cache/pollcheck-corpus"), Corpus.root(Map.of("HOME", home.toString())));
    }

    @Test
    void loopbackOnlyFetchesNothingElse() throws Exception {
        Path cache = dir.resolve("cache");
        loopbackIn(cache);
        Map<String, String> env = new HashMap<>(Map.of("POLLCHECK_CORPUS", cache.toString()));
        Run only = script(env, "--v4l2loopback-only");
        assertEquals(0, only.code(), only.aptCalls());
        assertEquals("", only.aptCalls(), "an unpacked v4l2loopback is not fetched again, the kernel not at all");
        assertFalse(Files.exists(cache.resolve("linux-source-6.12")));

        // Without the option the kernel is wanted too, and the stand-in apt-get refuses it.
        Run both = script(env);
        assertNotEquals(0, both.code());
        assertTrue(both.aptCalls().contains("apt-get download -qq linux-source-6.12"), both.aptCalls());

        // Without v4l2loopback, --v4l2loopback-only asks for it (and only for it).
        Path empty = dir.resolve("empty");
        Run fetch = script(Map.of("POLLCHECK_CORPUS", empty.toString()), "--v4l2loopback-only");
        assertNotEquals(0, fetch.code());
        assertTrue(fetch.aptCalls().contains("apt-get download -qq v4l2loopback-dkms"), fetch.aptCalls());
        assertFalse(fetch.aptCalls().contains("linux-source"), fetch.aptCalls());

        assertEquals(2, script(env, "--kernel-please").code(), "an unknown argument is a usage error");
    }
}
