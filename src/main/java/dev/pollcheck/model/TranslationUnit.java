package dev.pollcheck.model;

import java.util.List;

/**
 * One source file as pollcheck read it: what stood at file scope, the macros it defined, and the
 * problems met. {@code file} is the reported path.
 */
public record TranslationUnit(String file, List<TopLevel> items, List<MacroDef> macros, List<ParseProblem> problems) {

    public List<TopLevel.Function> functions() {
        return items.stream()
                .filter(TopLevel.Function.class::isInstance)
                .map(TopLevel.Function.class::cast)
                .toList();
    }
}
