package dev.pollcheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import dev.pollcheck.parse.ParseConfig;
import dev.pollcheck.source.SourceLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options that say what to scan and how, shared by {@code check} and {@code methods}. */
final class ScanArgs {

    private static final Pattern DEFINE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(=.*)?", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kKmM]?)");
    private static final Pattern OPS = Pattern.compile("(struct\\s+)?[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or directories to scan.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--files-from", paramLabel = "FILE",
            description = "Also scan the paths listed in FILE, one a line (- for stdin; blank lines are skipped).")
    String filesFrom;

    /** Files lists are path names, not sources: a list this long is not a list of paths. */
    static final int MAX_LIST_BYTES = 64 << 20;

    @Option(names = "-D", paramLabel = "NAME[=VALUE]",
            description = "Treat NAME as defined in #if/#ifdef (repeatable).")
    List<String> defines = new ArrayList<>();

    @Option(names = "-U", paramLabel = "NAME", description = "Treat NAME as undefined in #if/#ifdef (repeatable).")
    List<String> undefines = new ArrayList<>();

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Worker threads (default: the number of cores, ${DEFAULT-VALUE}; 0: all cores; at most"
                    + " 4 per core, at least 8).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--all-files", description = "No prefilter: parse every .c and .h file under PATH.")
    boolean allFiles;

    @Option(names = "--ops", paramLabel = "TYPE.member",
            description = "Also treat this ops-struct member as a poll method (repeatable), e.g. my_ops.poll"
                    + " or 'struct my_ops.poll'.")
    List<String> ops = new ArrayList<>();

    @Option(names = "--models", paramLabel = "FILE", description = "Extra helper models (repeatable).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--driver-model", paramLabel = "FILE",
            description = "Extra driver-model lines: roles, writes, kernel-owned members, wakers, allocators (repeatable; see docs/driver-model.md).")
    List<Path> driverModels = new ArrayList<>();

    @Option(names = "--follow-symlinks", description = "Follow symbolic links while walking directories.")
    boolean followSymlinks;

    @Option(names = "--max-file-size", paramLabel = "SIZE",
            description = "Skip, with a notice, any file larger than SIZE bytes (suffix k or M; default: 8M).")
    String maxFileSize = "8M";

    @Option(names = "--file-time-bound", paramLabel = "SECONDS",
            description = "Stop parsing a file after SECONDS, with a notice; the rest of it is not analysed"
                    + " (default: ${DEFAULT-VALUE}).")
    double fileTimeBound = ParseConfig.DEFAULT_FILE_TIME_BOUND.toSeconds();

    /**
     * Adds the paths of {@code --files-from} to the PATHs, in the order listed; a path is taken
     * relative to the current directory, as xargs would pass it. Call once, before anything reads
     * {@link #paths}. No PATH at all is a usage error.
     */
    void readFilesFrom(Env env) throws UsageException {
        if (filesFrom != null) {
            byte[] bytes;
            try (java.io.InputStream in = filesFrom.equals("-") ? env.in()
                    : Files.newInputStream(Path.of(filesFrom))) {
                bytes = in.readNBytes(MAX_LIST_BYTES + 1);
            } catch (IOException | java.nio.file.InvalidPathException e) {
                throw new UsageException("cannot read --files-from " + filesFrom + ": " + e.getMessage());
            }
            if (bytes.length > MAX_LIST_BYTES) {
                throw new UsageException("--files-from " + filesFrom + " is over " + (MAX_LIST_BYTES >> 20)
                        + "M: not a list of paths");
            }
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            int lineNo = 0;
            for (String line : text.split("\r?\n", -1)) {
                lineNo++;
                if (line.isBlank()) continue;
                if (line.indexOf('\0') >= 0) {
                    throw new UsageException(filesFrom + ":" + lineNo + ": --files-from wants one path a line,"
                            + " and this line holds a NUL byte");
                }
                try {
                    paths.add(Path.of(line));
                } catch (java.nio.file.InvalidPathException e) {
                    throw new UsageException(filesFrom + ":" + lineNo + ": not a path: " + e.getMessage());
                }
            }
        }
        if (paths.isEmpty()) {
            throw new UsageException(filesFrom == null ? "missing PATH: give a file or directory to scan"
                    : "--files-from " + filesFrom + " lists no path and no PATH is given");
        }
    }

    @Option(names = "--method-time-bound", paramLabel = "SECONDS",
            description = "Stop analysing one poll method after SECONDS, and simulating its findings after as"
                    + " long again, with a notice: it is not analysed fully (default: ${DEFAULT-VALUE}).")
    double methodTimeBound = ScanOptions.FileLimits.DEFAULT_METHOD_TIME.toSeconds();

    /** The options as a pipeline configuration, after checking what picocli cannot. */
    ScanOptions toOptions(boolean simulate, boolean confirmedOnly, Set<String> focus, ScanProgress progress)
            throws UsageException {
        for (Path p : paths) {
            if (!Files.exists(p)) throw new UsageException("no such file or directory: " + p);
            if (!Files.isReadable(p)) throw new UsageException("cannot read: " + p);
        }
        for (String d : defines) {
            if (!DEFINE.matcher(d).matches()) throw new UsageException("-D wants NAME or NAME=VALUE, not '" + d + "'");
        }
        for (String u : undefines) {
            if (!NAME.matcher(u).matches()) throw new UsageException("-U wants a macro name, not '" + u + "'");
        }
        for (String o : ops) {
            if (!OPS.matcher(o).matches()) {
                throw new UsageException("--ops wants TYPE.member (such as my_ops.poll or 'struct my_ops.poll'), not '"
                        + o + "'");
            }
        }
        for (Path m : models) {
            if (!Files.isRegularFile(m) || !Files.isReadable(m)) throw new UsageException("cannot read models file: " + m);
            // Bounded and text: a huge or binary file is refused here, before anything loads it whole.
            InputFiles.utf8(InputFiles.read(m, "--models"), "--models " + m);
        }
        if (!models.isEmpty()) {
            try {
                // Read once here so that a malformed line is a usage error naming it, not a crash mid-scan.
                dev.pollcheck.flow.HelperModels.load(models);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        DriverModelFiles.check(driverModels);
        if (jobs < 0) throw new UsageException("--jobs must be 0 (all cores) or more, not " + jobs);
        return new ScanOptions(paths, defines, undefines, effectiveJobs(jobs), allFiles, ops, models, driverModels, simulate, confirmedOnly,
                followSymlinks, focus, progress, limits(), true);
    }

    /**
     * {@code -j 0} is every core; more than {@link #maxJobs()} threads only adds stacks and memory
     * (each worker holds a file's trees), so a larger number is capped there.
     */
    static int effectiveJobs(int requested) {
        int cores = Runtime.getRuntime().availableProcessors();
        return requested == 0 ? cores : Math.min(requested, maxJobs());
    }

    static int maxJobs() {
        return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    private ScanOptions.FileLimits limits() throws UsageException {
        java.util.regex.Matcher m = SIZE.matcher(maxFileSize.strip());
        if (!m.matches()) {
            throw new UsageException("--max-file-size wants a number of bytes with an optional k or M, not '"
                    + maxFileSize + "'");
        }
        long unit = m.group(2).isEmpty() ? 1 : m.group(2).equalsIgnoreCase("k") ? 1L << 10 : 1L << 20;
        long bytes = Long.parseLong(m.group(1)) * unit;
        if (bytes < 1 || bytes > SourceLoader.LARGEST_CAP) {
            throw new UsageException("--max-file-size must be between 1 and " + (SourceLoader.LARGEST_CAP >> 20)
                    + "M, not '" + maxFileSize + "'");
        }
        if (!(fileTimeBound > 0) || fileTimeBound > 86_400) {
            throw new UsageException("--file-time-bound must be more than 0 and at most 86400 seconds, not "
                    + fileTimeBound);
        }
        if (!(methodTimeBound > 0) || methodTimeBound > 86_400) {
            throw new UsageException("--method-time-bound must be more than 0 and at most 86400 seconds, not "
                    + methodTimeBound);
        }
        return new ScanOptions.FileLimits(bytes, Duration.ofNanos((long) (fileTimeBound * 1e9)),
                Duration.ofNanos((long) (methodTimeBound * 1e9)));
    }
}
