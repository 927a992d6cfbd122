package dev.pollcheck.source;

import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.ParseProblem;
import java.util.List;

/**
 * The output of {@link Preprocessor#run}: {@code text} has exactly the lines and columns of the
 * original file, with comments, directive lines and inactive conditional branches turned to spaces;
 * {@code macros} are the {@code #define}s of the active branches in file order; {@code problems} are
 * notices with file and line (unbalanced conditionals, unterminated comments or literals, functions
 * left out by a conditional); {@code includes} are the names of the active {@code #include "..."}
 * directives, in file order (a driver's own headers); {@code systemIncludes} those of the active
 * {@code #include <...>} ones (the kernel's headers, where the driver model reads struct definitions
 * the driver's directory lacks).
 */
public record Preprocessed(String text, List<MacroDef> macros, List<ParseProblem> problems, List<String> includes,
                           List<String> systemIncludes) {
    public Preprocessed(String text, List<MacroDef> macros, List<ParseProblem> problems) {
        this(text, macros, problems, List.of(), List.of());
    }

    /** The same text with {@code before}'s macros in effect first (a header's, which the file's own override). */
    public Preprocessed withMacrosBefore(List<MacroDef> before) {
        if (before.isEmpty()) return this;
        List<MacroDef> all = new java.util.ArrayList<>(before);
        all.addAll(macros);
        return new Preprocessed(text, List.copyOf(all), problems, includes, systemIncludes);
    }
}
