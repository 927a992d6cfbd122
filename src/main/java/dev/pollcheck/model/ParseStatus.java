package dev.pollcheck.model;

/** How well a function definition was read. */
public enum ParseStatus {
    /** The whole function matched the grammar. */
    PARSED,
    /**
     * The grammar failed somewhere inside; the control structure (blocks, if/else, switch/case,
     * loops, goto, labels, return) and the calls were kept, the rest is {@link Stmt.Opaque}.
     */
    RECOVERED,
    /** Not even the control structure could be read: the body is one opaque statement. */
    FAILED,
    /** Not parsed because the run did not need it (the prefilter found nothing poll-related in it). */
    SKIPPED
}
