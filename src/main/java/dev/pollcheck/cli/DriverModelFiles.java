package dev.pollcheck.cli;

import dev.pollcheck.driver.DriverKnowledge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code --driver-model FILE}: extra lines for the driver model's data files, checked before a run. */
final class DriverModelFiles {
    private DriverModelFiles() {
    }

    /** Refuses an unreadable, oversized, binary or malformed file, naming it (and the line). */
    static void check(List<Path> files) throws UsageException {
        for (Path f : files) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) throw new UsageException("cannot read driver-model file: " + f);
            InputFiles.utf8(InputFiles.read(f, "--driver-model"), "--driver-model " + f);
        }
        knowledge(files);
    }

    /** The built-in knowledge and then {@code files}'; a malformed line is a usage error naming file and line. */
    static DriverKnowledge knowledge(List<Path> files) throws UsageException {
        if (files.isEmpty()) return DriverKnowledge.builtin();
        try {
            return DriverKnowledge.load(files);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
