package dev.pollcheck.source;

import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.ParseProblem;
import java.util.List;

/**
 * The output of {@link Preprocessor#run}: {@code text} has exactly the lines and columns of the
 * original file, with comments, directive lines and inactive conditional branches turned to spaces;
 * {@code macros} are the {@code #define}s of the active branches in file order; {@code problems} are
 * notices with file and line (unbalanced conditionals, unterminated comments or literals, functions
 * left out by a conditional).
 */
public record Preprocessed(String text, List<MacroDef> macros, List<ParseProblem> problems) {
}
