package dev.pollcheck.flow;

import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.parse.CParser;
import dev.pollcheck.parse.ParseConfig;
import dev.pollcheck.source.Defines;
import dev.pollcheck.source.LocalHeaders;
import dev.pollcheck.source.SourceLoader;
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

    /** Parses each file, naming it by its path relative to {@code root}, with its own headers' macros as a scan reads them. */
    public static Program program(Path root, List<Path> files) throws IOException {
        List<TranslationUnit> units = new ArrayList<>();
        LocalHeaders headers = new LocalHeaders(new SourceLoader(), Defines.defaults());
        for (Path p : files) {
            String display = root.relativize(p).toString().replace('\\', '/');
            Preprocessed pre = headers.apply(p, Preprocessor.run(SourceFile.of(display, Files.readString(p, StandardCharsets.UTF_8)),
                    Defines.defaults()));
            units.add(new CParser(ParseConfig.defaults()).parse(display, pre.text(), pre.macros(), s -> true));
        }
        return Program.of(units);
    }
}
