package dev.pollcheck.sim;

/** An open file whose driver has a {@code poll} method: {@code file->f_op->poll(file, pt)}. */
@FunctionalInterface
public interface PollFile {
    long poll(PollTable pt);

    /** {@code vfs_poll}: a file without a poll method ({@code file == null} here) is always ready with {@code DEFAULT_POLLMASK}. */
    static long vfsPoll(PollFile file, PollTable pt) {
        return file == null ? PollBits.DEFAULT_POLLMASK : file.poll(pt) & PollBits.ALL;
    }
}
