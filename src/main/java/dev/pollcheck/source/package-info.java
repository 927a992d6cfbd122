/**
 * The source stage: from paths on disk to text the parser can read, positions unchanged.
 *
 * <ol>
 *   <li>{@link dev.pollcheck.source.FileWalker}: the {@code .c}/{@code .h} files under the roots, in a
 *       fixed order, with display paths that never leave the root; links, loops, vanished and
 *       unreadable entries become problems.</li>
 *   <li>{@link dev.pollcheck.source.SourceLoader}: one read per file into a reused buffer, a size
 *       cap, binary detection, UTF-8 with a byte-per-char fallback
 *       ({@link dev.pollcheck.source.SourceFile#malformed}).</li>
 *   <li>{@link dev.pollcheck.source.Prefilter}: does the file mention poll in a form that matters?
 *       Run on the raw bytes; only the files it keeps (and binary ones, for their notice) are
 *       decoded.</li>
 *   <li>{@link dev.pollcheck.source.Preprocessor}: comments, directives and inactive branches blanked,
 *       {@code #define}s recorded, conditionals decided by {@link dev.pollcheck.source.Defines} and
 *       the documented default.</li>
 *   <li>{@link dev.pollcheck.source.Suppressions}: {@code pollcheck: ignore} comments.</li>
 * </ol>
 * Nothing here throws for bad input: every problem is a {@link dev.pollcheck.model.ParseProblem}
 * naming the file (line 0 for whole-file notices). All work is iterative and linear in the input.
 *
 * <p>Timing over a tree (not a test): {@code mvn -o -q test-compile && java -cp
 * target/classes:target/test-classes dev.pollcheck.source.SourceBench TREE [THREADS] [ROUNDS]}.
 */
package dev.pollcheck.source;
