package dev.pollcheck.flow;

import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.parse.CParser;
import dev.pollcheck.parse.ParseConfig;
import dev.pollcheck.source.Defines;
import dev.pollcheck.source.Preprocessed;
import dev.pollcheck.source.Preprocessor;
import dev.pollcheck.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** source -> parse for tests: files read, preprocessed and parsed with the default configuration. */
public final class TestPipeline {
    private TestPipeline() {
    }

    public static TranslationUnit parse(String displayPath, String text) {
        Preprocessed pre = Preprocessor.run(SourceFile.of(displayPath, text), Defines.defaults());
        return new CParser(ParseConfig.defaults()).parse(displayPath, pre.text(), pre.macros(), s -> true);
    }

    /** Parses each file, naming it by its path relative to {@code root}. */
    public static Program program(Path root, List<Path> files) throws IOException {
        List<TranslationUnit> units = new ArrayList<>();
        for (Path p : files) {
            String display = root.relativize(p).toString().replace('\\', '/');
            units.add(parse(display, Files.readString(p, StandardCharsets.UTF_8)));
        }
        return Program.of(units);
    }
}
