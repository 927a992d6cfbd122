package dev.pollcheck.cli;

/**
 * Progress of a scan, reported by the pipeline from any thread. The CLI turns it into a progress bar
 * on a terminal; everywhere else it is {@link #NONE}.
 */
public interface ScanProgress {

    /** The number of files the scan will read, once known (may be called again if it grows). */
    void total(long files);

    /** Some files are done. Must be thread-safe. */
    void advance(long files);

    ScanProgress NONE = new ScanProgress() {
        @Override
        public void total(long files) {
        }

        @Override
        public void advance(long files) {
        }
    };
}
