package dev.pollcheck.driver;

import dev.pollcheck.flow.Program;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.parse.Outline;
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
     * The function definitions and file-scope declarations of the file that the predicates accept,
     * parsed (each predicate is asked once per item; a unit may hold more, such as one whose bodies
     * were all parsed before, with refused bodies SKIPPED); null when the file cannot be read.
     */
    TranslationUnit parse(String file, Predicate<Outline.Item> wantBody, Predicate<Outline.Item> wantDeclaration);

    /**
     * The kernel headers {@code file} includes ({@code #include <...>}) that exist, as display paths,
     * each found in the {@code include/} directory of the nearest ancestor of the file's directory
     * that has it; empty when unknown.
     */
    default List<String> systemHeaders(String file) {
        return List.of();
    }

    /** Whether {@code file} may hold a definition of {@code struct tag} (true when unsure). */
    default boolean definesStruct(String file, String tag) {
        return true;
    }

    /** Whether {@code file} declares {@code name} as an enumerator ({@code enum mode { name, ... }}). */
    default boolean declaresEnumerator(String file, String name) {
        return false;
    }

    /**
     * The bits {@code file} names both by a mask and by a number ({@code FOO = (1 << FOO_BIT)} in an
     * enum, {@code #define FOO BIT(FOO_BIT)}): each mask's name to its number's
     * ({@link Words#bitDefinitions}); empty when unknown.
     */
    default java.util.Map<String, String> bitDefinitions(String file) {
        return java.util.Map.of();
    }

    /**
     * Whether {@code file} may define a function {@code name} (true when unsure): lets the model
     * answer "not in this driver" for a kernel API without parsing every file that calls it.
     */
    default boolean mayDefine(String file, String name) {
        return true;
    }

    /**
     * How often {@code word} occurs in {@code file}'s text as an identifier (with {@code uncalled}, not
     * followed by {@code (}); -1 when the text is not at hand (unknown: a reference may be there).
     */
    default int occurrences(String file, String word, boolean uncalled) {
        return -1;
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
            public TranslationUnit parse(String file, Predicate<Outline.Item> wantBody, Predicate<Outline.Item> wantDeclaration) {
                return program.unit(file);
            }

            @Override
            public int occurrences(String file, String word, boolean uncalled) {
                TranslationUnit tu = program.unit(file);
                return tu == null ? 0 : namesIn(tu, word, uncalled);
            }

            @Override
            public boolean declaresEnumerator(String file, String name) {
                TranslationUnit tu = program.unit(file);
                if (tu == null) return false;
                for (dev.pollcheck.model.TopLevel item : tu.items()) {
                    if (item instanceof dev.pollcheck.model.TopLevel.Declaration d && d.enumerators().contains(name)) return true;
                }
                return false;
            }

            @Override
            public java.util.Map<String, String> bitDefinitions(String file) {
                TranslationUnit tu = program.unit(file);
                if (tu == null) return java.util.Map.of();
                java.util.Map<String, String> out = new java.util.HashMap<>();
                for (dev.pollcheck.model.TopLevel item : tu.items()) {
                    if (!(item instanceof dev.pollcheck.model.TopLevel.Declaration d)) continue;
                    for (java.util.Map.Entry<String, String> e : d.enumeratorValues().entrySet()) {
                        String bit = Words.bitNumber(e.getValue());
                        if (bit != null && !bit.equals(e.getKey())) out.putIfAbsent(e.getKey(), bit);
                    }
                }
                for (dev.pollcheck.model.MacroDef m : tu.macros()) {
                    String bit = m.functionLike() || m.body() == null ? null : Words.bitNumber(m.body());
                    if (bit != null && !bit.equals(m.name())) out.putIfAbsent(m.name(), bit);
                }
                return out;
            }

            /** A unit lacks its includes: every unit under the {@code include/} directory of an ancestor. */
            @Override
            public List<String> systemHeaders(String file) {
                String dir = dirOf(file);
                List<String> out = new ArrayList<>();
                for (TranslationUnit tu : program.units()) {
                    String f = tu.file();
                    int at = f.startsWith("include/") ? 0 : f.indexOf("/include/") + 1;
                    if (at <= 0 && !f.startsWith("include/")) continue;
                    String above = at == 0 ? "" : f.substring(0, at - 1);
                    if (above.isEmpty() || dir.equals(above) || dir.startsWith(above + "/")) out.add(f);
                }
                return out;
            }
        };
    }

    /**
     * The occurrences of {@code word} in a parsed unit, as its text would show them: definitions and
     * declarators of that name, names in bodies and initializers (with {@code uncalled}, not those
     * called), and names in its macros' bodies.
     */
    private static int namesIn(TranslationUnit tu, String word, boolean uncalled) {
        int[] n = {0};
        java.util.Set<dev.pollcheck.model.Node> called = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (dev.pollcheck.model.TopLevel item : tu.items()) {
            if (item instanceof dev.pollcheck.model.TopLevel.Function f) {
                if (word.equals(f.name()) && !uncalled) n[0]++;
                if (f.body() == null) continue;
                dev.pollcheck.model.Ast.walk(f.body(), x -> {
                    if (x instanceof dev.pollcheck.model.Expr.Call c) called.add(c.callee());
                });
                dev.pollcheck.model.Ast.walk(f.body(), x -> {
                    if (x instanceof dev.pollcheck.model.Expr.Name nm && nm.id().equals(word) && !(uncalled && called.contains(x))) n[0]++;
                });
            } else if (item instanceof dev.pollcheck.model.TopLevel.Declaration d) {
                for (dev.pollcheck.model.VarDecl v : d.declarators()) {
                    if (word.equals(v.name()) && !uncalled) n[0]++;
                    if (v.init() == null) continue;
                    dev.pollcheck.model.Ast.walk(v.init(), x -> {
                        if (x instanceof dev.pollcheck.model.Expr.Name nm && nm.id().equals(word)) n[0]++;
                    });
                }
            } else if (item instanceof dev.pollcheck.model.TopLevel.MacroInvocation m) {
                for (dev.pollcheck.model.Expr a : m.args()) {
                    dev.pollcheck.model.Ast.walk(a, x -> {
                        if (x instanceof dev.pollcheck.model.Expr.Name nm && nm.id().equals(word)) n[0]++;
                    });
                }
            } else if (item instanceof dev.pollcheck.model.TopLevel.Opaque o && Words.count(o.text(), word, uncalled) > 0) {
                n[0]++;
            }
        }
        for (dev.pollcheck.model.MacroDef m : tu.macros()) {
            if (m.body() != null && m.body().contains(word)) n[0] += Words.count(m.body(), word, uncalled);
        }
        return n[0];
    }

    /** The directory part of a display path ("" for a file at the top): what one driver model covers. */
    static String dirOf(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }
}
