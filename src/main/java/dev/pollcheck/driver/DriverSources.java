package dev.pollcheck.driver;

import dev.pollcheck.flow.Program;
import dev.pollcheck.model.TranslationUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where the driver model reads a driver's files from. A default scan parses only the bodies that
 * mention poll, so the model parses again, from disk, the bodies it needs ({@link DiskSources});
 * a program whose bodies were all parsed (the tests, {@code --all-files}) can serve itself
 * ({@link #of(Program)}).
 */
public interface DriverSources {
    /** The files of the directory holding {@code file} (display paths, sorted), {@code file} included. */
    List<String> directory(String file);

    /** Whether the file's text (after preprocessing) contains {@code word}: a cheap test before a parse. */
    boolean mentions(String file, String word);

    /**
     * The file parsed with the bodies and file-scope declarations the predicates accept (refused
     * bodies come back SKIPPED and empty); null when the file cannot be read.
     */
    TranslationUnit parse(String file, Predicate<String> wantBody, Predicate<String> wantDeclaration);

    /**
     * Whether {@code file} may define a function {@code name} (true when unsure): lets the model
     * answer "not in this driver" for a kernel API without parsing every file that calls it.
     */
    default boolean mayDefine(String file, String name) {
        return true;
    }

    /** The program's own units: its files, as parsed (every body when the program was parsed whole). */
    static DriverSources of(Program program) {
        return new DriverSources() {
            @Override
            public List<String> directory(String file) {
                String dir = dirOf(file);
                List<String> out = new ArrayList<>();
                for (TranslationUnit tu : program.units()) {
                    if (dirOf(tu.file()).equals(dir)) out.add(tu.file());
                }
                return out;
            }

            @Override
            public boolean mentions(String file, String word) {
                return program.unit(file) != null;
            }

            @Override
            public TranslationUnit parse(String file, Predicate<String> wantBody, Predicate<String> wantDeclaration) {
                return program.unit(file);
            }
        };
    }

    static String dirOf(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }
}
