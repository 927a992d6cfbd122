package dev.pollcheck.cli;

import dev.pollcheck.parse.ParseConfig;
import dev.pollcheck.source.SourceLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Everything {@code Scan.run} needs, as one immutable object handed down the pipeline.
 *
 * @param roots          the PATHs given on the command line (files or directories)
 * @param defines        {@code -D NAME[=VALUE]} arguments, as written, in order
 * @param undefines      {@code -U NAME} arguments, in order
 * @param jobs           worker threads (at least 1)
 * @param allFiles       no prefilter: parse every {@code .c} and {@code .h} file under the roots
 * @param ops            extra poll members, {@code TYPE.member} ({@code --ops my_ops.poll})
 * @param models         extra helper-model files ({@code --models FILE})
 * @param driverModels   extra driver-model files ({@code --driver-model FILE}: roles, writers, wakers, allocators)
 * @param simulate       run the simulator on every finding (false: verdicts are null)
 * @param confirmedOnly  only confirmed findings are wanted; the report stage applies it, the pipeline
 *                       may use it to skip nothing else
 * @param followSymlinks follow symbolic links while walking directories
 * @param focusFiles     reported paths (as they open from the current directory, below the PATH as
 *                       given) whose findings are wanted, for the diff gate; null means every file.
 *                       The report stage drops findings elsewhere. A patch gate must answer in seconds
 *                       on a whole kernel tree, which walking and prefiltering 60,000 files does not
 *                       allow: the pipeline then reads only the directories of these files, taking
 *                       helpers of other directories from the helper models.
 * @param progress       told how far the scan is; {@link ScanProgress#NONE} when nobody watches
 * @param limits         what one file may cost (bytes read, time in the parser) and one poll method
 *                       (time in the analysis, and in the simulation of its findings)
 * @param fixes          run the fix stage (it needs the simulator, so it runs only with {@code simulate})
 */
public record ScanOptions(List<Path> roots, List<String> defines, List<String> undefines, int jobs,
                          boolean allFiles, List<String> ops, List<Path> models, List<Path> driverModels, boolean simulate,
                          boolean confirmedOnly, boolean followSymlinks, Set<String> focusFiles,
                          ScanProgress progress, FileLimits limits, boolean fixes) {

    /**
     * Bounds on one file, each with a notice naming the file when it is hit: a file over
     * {@code maxBytes} is not read (so the memory one file takes is bounded too: text, tokens and
     * trees are linear in its size), and parsing stops after {@code parseTime}.
     */
    public record FileLimits(long maxBytes, Duration parseTime, Duration methodTime) {
        /** A few seconds: the slowest poll method of the 6.12 tree takes well under one. */
        public static final Duration DEFAULT_METHOD_TIME = Duration.ofSeconds(5);
        public static final FileLimits DEFAULT = new FileLimits(SourceLoader.DEFAULT_MAX_BYTES,
                ParseConfig.DEFAULT_FILE_TIME_BOUND, DEFAULT_METHOD_TIME);

        public FileLimits {
            if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
            if (parseTime == null || parseTime.isNegative() || parseTime.isZero()) {
                throw new IllegalArgumentException("parseTime must be positive: " + parseTime);
            }
            if (methodTime == null || methodTime.isNegative() || methodTime.isZero()) {
                throw new IllegalArgumentException("methodTime must be positive: " + methodTime);
            }
        }

        public FileLimits(long maxBytes, Duration parseTime) {
            this(maxBytes, parseTime, DEFAULT_METHOD_TIME);
        }
    }

    public ScanOptions {
        roots = List.copyOf(roots);
        defines = List.copyOf(defines);
        undefines = List.copyOf(undefines);
        ops = List.copyOf(ops);
        models = List.copyOf(models);
        driverModels = driverModels == null ? List.of() : List.copyOf(driverModels);
        focusFiles = focusFiles == null ? null : Set.copyOf(focusFiles);
        if (jobs < 1) throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
        if (progress == null) progress = ScanProgress.NONE;
        if (limits == null) limits = FileLimits.DEFAULT;
    }

    /** The defaults of {@code pollcheck check PATH...}. */
    public static ScanOptions defaults(List<Path> roots) {
        return new ScanOptions(roots, List.of(), List.of(), Runtime.getRuntime().availableProcessors(),
                false, List.of(), List.of(), List.of(), true, false, false, null, ScanProgress.NONE, FileLimits.DEFAULT, true);
    }

    public ScanOptions withFocusFiles(Set<String> files) {
        return new ScanOptions(roots, defines, undefines, jobs, allFiles, ops, models, driverModels, simulate,
                confirmedOnly, followSymlinks, files, progress, limits, fixes);
    }

    public ScanOptions withProgress(ScanProgress p) {
        return new ScanOptions(roots, defines, undefines, jobs, allFiles, ops, models, driverModels, simulate,
                confirmedOnly, followSymlinks, focusFiles, p, limits, fixes);
    }

    public ScanOptions withSimulate(boolean on) {
        return new ScanOptions(roots, defines, undefines, jobs, allFiles, ops, models, driverModels, on,
                confirmedOnly, followSymlinks, focusFiles, progress, limits, fixes);
    }

    public ScanOptions withFixes(boolean on) {
        return new ScanOptions(roots, defines, undefines, jobs, allFiles, ops, models, driverModels, simulate,
                confirmedOnly, followSymlinks, focusFiles, progress, limits, on);
    }
}
