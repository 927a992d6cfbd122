package dev.pollcheck.flow;

import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An index over the scanned translation units: function definitions by name, file-scope
 * declarations and macros per file. Immutable once built and deterministic: units are ordered by
 * file name, and where several definitions share a name the first by (file, line) wins.
 *
 * <p>Name resolution follows C linkage as far as a whole-tree scan can: a reference from file F to
 * name N resolves to a {@code static} definition of N in F if there is one, else to a non-static
 * definition of N anywhere. A static function of another file is never returned.
 */
public final class Program {
    private static final Comparator<TopLevel.Function> BY_PLACE =
            Comparator.comparing((TopLevel.Function f) -> f.span().file())
                    .thenComparingInt(f -> f.span().line())
                    .thenComparingInt(f -> f.span().column());

    private final List<TranslationUnit> units;
    private final Map<String, TranslationUnit> byFile = new LinkedHashMap<>();
    /** Non-static definitions by name, sorted by place. */
    private final Map<String, List<TopLevel.Function>> globals = new HashMap<>();
    /** Static definitions by file, then name. */
    private final Map<String, Map<String, TopLevel.Function>> statics = new HashMap<>();
    /**
     * Each file's macros by name, made when first asked: a file's own headers can give it thousands
     * of macros, few files are ever asked, and the fix stage makes a program per patched method.
     */
    private final Map<String, Map<String, MacroDef>> macros = new java.util.concurrent.ConcurrentHashMap<>();

    private Program(List<TranslationUnit> input) {
        List<TranslationUnit> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparing(TranslationUnit::file));
        this.units = Collections.unmodifiableList(sorted);
        for (TranslationUnit tu : sorted) {
            byFile.putIfAbsent(tu.file(), tu);
            for (TopLevel.Function f : tu.functions()) {
                if (f.isStatic()) {
                    statics.computeIfAbsent(tu.file(), k -> new HashMap<>()).putIfAbsent(f.name(), f);
                } else {
                    globals.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
                }
            }
        }
        for (List<TopLevel.Function> l : globals.values()) {
            l.sort(BY_PLACE);
        }
    }

    public static Program of(List<TranslationUnit> units) {
        return new Program(units);
    }

    /**
     * This program with {@code unit} in place of the unit of the same file (a patched file): what the
     * fix stage re-analyses, made without indexing every other unit again.
     */
    public Program replacing(TranslationUnit unit) {
        return new Program(this, unit);
    }

    private Program(Program base, TranslationUnit unit) {
        List<TranslationUnit> list = new ArrayList<>(base.units.size());
        for (TranslationUnit u : base.units) list.add(u.file().equals(unit.file()) ? unit : u);
        this.units = Collections.unmodifiableList(list);
        for (TranslationUnit u : list) byFile.putIfAbsent(u.file(), u);
        statics.putAll(base.statics);
        statics.remove(unit.file());
        for (Map.Entry<String, List<TopLevel.Function>> e : base.globals.entrySet()) {
            List<TopLevel.Function> kept = e.getValue();
            for (TopLevel.Function f : kept) {
                if (f.span().file().equals(unit.file())) {
                    kept = new ArrayList<>(kept);
                    kept.removeIf(g -> g.span().file().equals(unit.file()));
                    break;
                }
            }
            if (!kept.isEmpty()) globals.put(e.getKey(), kept);
        }
        for (TopLevel.Function f : unit.functions()) {
            if (f.isStatic()) {
                statics.computeIfAbsent(unit.file(), k -> new HashMap<>()).putIfAbsent(f.name(), f);
            } else {
                List<TopLevel.Function> l = new ArrayList<>(globals.getOrDefault(f.name(), List.of()));
                l.add(f);
                l.sort(BY_PLACE);
                globals.put(f.name(), l);
            }
        }
    }

    /** The units, sorted by file. */
    public List<TranslationUnit> units() {
        return units;
    }

    public TranslationUnit unit(String file) {
        return byFile.get(file);
    }

    /**
     * The definition a reference to {@code name} from {@code fromFile} reaches: a static one of that
     * file first, then a non-static one anywhere (the first by file and line). Null when the tree has
     * none. {@code fromFile} may be null to look at non-static definitions only.
     */
    public TopLevel.Function function(String name, String fromFile) {
        if (name == null) {
            return null;
        }
        if (fromFile != null) {
            Map<String, TopLevel.Function> s = statics.get(fromFile);
            if (s != null && s.containsKey(name)) {
                return s.get(name);
            }
        }
        List<TopLevel.Function> g = globals.get(name);
        if (g == null) {
            return null;
        }
        // Prefer a definition whose body was read over a skipped or failed one of the same name.
        for (TopLevel.Function f : g) {
            if (f.status() == dev.pollcheck.model.ParseStatus.PARSED
                    || f.status() == dev.pollcheck.model.ParseStatus.RECOVERED) {
                return f;
            }
        }
        return g.get(0);
    }

    /** Every function defined in the tree, by file then line. */
    public List<TopLevel.Function> functions() {
        List<TopLevel.Function> out = new ArrayList<>();
        for (TranslationUnit tu : units) {
            out.addAll(tu.functions());
        }
        return out;
    }

    /** File-scope declarations of a file, in source order. */
    public List<TopLevel.Declaration> declarations(String file) {
        TranslationUnit tu = byFile.get(file);
        if (tu == null) {
            return List.of();
        }
        List<TopLevel.Declaration> out = new ArrayList<>();
        for (TopLevel t : tu.items()) {
            if (t instanceof TopLevel.Declaration d) {
                out.add(d);
            }
        }
        return out;
    }

    /** The macros a file defines, by name (the last definition of a name wins). */
    public Map<String, MacroDef> macros(String file) {
        Map<String, MacroDef> m = macroMap(file);
        return m == null ? Map.of() : Collections.unmodifiableMap(m);
    }

    public MacroDef macro(String file, String name) {
        Map<String, MacroDef> m = macroMap(file);
        return m == null ? null : m.get(name);
    }

    private Map<String, MacroDef> macroMap(String file) {
        if (file == null) return null;
        TranslationUnit tu = byFile.get(file);
        if (tu == null) return null;
        return macros.computeIfAbsent(file, k -> {
            Map<String, MacroDef> m = new HashMap<>();
            for (MacroDef d : tu.macros()) {
                m.put(d.name(), d); // a later #define of the same name is the one in effect below it
            }
            return m;
        });
    }
}
