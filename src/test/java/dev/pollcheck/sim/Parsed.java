package dev.pollcheck.sim;

import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.parse.CParser;
import dev.pollcheck.parse.ParseConfig;
import dev.pollcheck.source.Defines;
import dev.pollcheck.source.Preprocessed;
import dev.pollcheck.source.Preprocessor;
import dev.pollcheck.source.SourceFile;
import java.util.HashMap;
import java.util.Map;

/** C text through the real preprocessor and parser, with a function source over the one file. */
final class Parsed implements FunctionSource {
    final TranslationUnit unit;
    private final Map<String, MacroDef> macros = new HashMap<>();
    private final Map<String, TopLevel.Function> byName = new HashMap<>();

    Parsed(String file, String text) {
        this(file, text, s -> true);
    }

    Parsed(String file, String text, java.util.function.Predicate<String> wantBody) {
        String pre = text;
        java.util.List<MacroDef> defs = java.util.List.of();
        try {
            Preprocessed pp = Preprocessor.run(SourceFile.of(file, text), Defines.defaults());
            pre = pp.text();
            defs = pp.macros();
        } catch (RuntimeException e) {
            // The parser copes with raw text (it skips comments and # lines); only the macros are lost.
        }
        unit = new CParser(ParseConfig.defaults()).parse(file, pre, defs, wantBody);
        for (MacroDef m : unit.macros()) macros.put(m.name(), m);
        for (TopLevel.Function f : unit.functions()) byName.putIfAbsent(f.name(), f);
    }

    TopLevel.Function fn(String name) {
        for (TopLevel.Function f : unit.functions()) {
            if (f.name().equals(name)) return f;
        }
        throw new AssertionError("no function " + name + " in " + unit.file() + ": " + unit.problems());
    }

    @Override
    public TopLevel.Function function(String name, String fromFile) {
        return byName.get(name);
    }

    @Override
    public Map<String, MacroDef> macros(String file) {
        return macros;
    }
}
