package dev.pollcheck.cli;

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

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to scan.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "-D", paramLabel = "NAME[=VALUE]",
            description = "Treat NAME as defined in #if/#ifdef (repeatable).")
    List<String> defines = new ArrayList<>();

    @Option(names = "-U", paramLabel = "NAME", description = "Treat NAME as undefined in #if/#ifdef (repeatable).")
    List<String> undefines = new ArrayList<>();

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Worker threads (default: the number of cores, ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--all-files", description = "No prefilter: parse every .c and .h file under PATH.")
    boolean allFiles;

    @Option(names = "--ops", paramLabel = "TYPE.member",
            description = "Also treat this ops-struct member as a poll method (repeatable), e.g. my_ops.poll"
                    + " or 'struct my_ops.poll'.")
    List<String> ops = new ArrayList<>();

    @Option(names = "--models", paramLabel = "FILE", description = "Extra helper models (repeatable).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--follow-symlinks", description = "Follow symbolic links while walking directories.")
    boolean followSymlinks;

    @Option(names = "--max-file-size", paramLabel = "SIZE",
            description = "Skip, with a notice, any file larger than SIZE bytes (suffix k or M; default: 8M).")
    String maxFileSize = "8M";

    @Option(names = "--file-time-bound", paramLabel = "SECONDS",
            description = "Stop parsing a file after SECONDS, with a notice; the rest of it is not analysed"
                    + " (default: ${DEFAULT-VALUE}).")
    double fileTimeBound = ParseConfig.DEFAULT_FILE_TIME_BOUND.toSeconds();

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
        }
        if (!models.isEmpty()) {
            try {
                // Read once here so that a malformed line is a usage error naming it, not a crash mid-scan.
                dev.pollcheck.flow.HelperModels.load(models);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (jobs < 1) throw new UsageException("--jobs must be at least 1, not " + jobs);
        return new ScanOptions(paths, defines, undefines, jobs, allFiles, ops, models, simulate, confirmedOnly,
                followSymlinks, focus, progress, limits(), true);
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
        return new ScanOptions.FileLimits(bytes, Duration.ofNanos((long) (fileTimeBound * 1e9)));
    }
}
