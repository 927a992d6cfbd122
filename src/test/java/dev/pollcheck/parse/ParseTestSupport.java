package dev.pollcheck.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.Node;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;

/** Small helpers shared by the parser tests. */
final class ParseTestSupport {
    private ParseTestSupport() {
    }

    static TranslationUnit parse(String c) {
        return parse(c, List.of());
    }

    static TranslationUnit parse(String c, List<MacroDef> macros) {
        return new CParser(ParseConfig.defaults()).parse("t.c", c, macros, s -> true);
    }

    /** Parses and insists that nothing went wrong. */
    static TranslationUnit clean(String c) {
        TranslationUnit u = parse(c);
        assertEquals(List.of(), u.problems(), "problems");
        for (TopLevel.Function f : u.functions()) {
            assertEquals(ParseStatus.PARSED, f.status(), f.name());
        }
        for (TopLevel t : u.items()) {
            assertTrue(!(t instanceof TopLevel.Opaque), "opaque item " + t);
        }
        return u;
    }

    static TopLevel.Function fn(TranslationUnit u, String name) {
        return u.functions().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no function " + name + "; functions: "
                        + u.functions().stream().map(TopLevel.Function::name).toList() + "; problems: " + u.problems()));
    }

    /** The body of {@code void f(void) { ... }} wrapped around {@code stmts}, parsed cleanly. */
    static TopLevel.Function body(String stmts) {
        // Indented as kernel code is: a '}' in the first column ends a function body.
        String indented = ("\n" + stmts.strip()).replace("\n", "\n\t");
        return fn(clean("void f(void)\n{" + indented + "\n}\n"), "f");
    }

    static <T extends Node> List<T> all(Node root, Class<T> kind) {
        List<T> out = new ArrayList<>();
        Ast.walk(root, n -> {
            if (kind.isInstance(n)) {
                out.add(kind.cast(n));
            }
        });
        return out;
    }

    static <T extends Node> T first(Node root, Class<T> kind) {
        List<T> l = all(root, kind);
        if (l.isEmpty()) {
            fail("no " + kind.getSimpleName() + " in " + root);
        }
        return l.get(0);
    }

    static Expr.Call call(Node root, String name) {
        return Ast.calls(root).stream().filter(c -> name.equals(c.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no call " + name + " in " + root));
    }

    static <T> T only(List<T> l) {
        assertEquals(1, l.size(), "expected one element: " + l);
        return l.get(0);
    }

    static TopLevel.Declaration decl(TranslationUnit u, String var) {
        for (TopLevel t : u.items()) {
            if (t instanceof TopLevel.Declaration d && d.declarators().stream().anyMatch(v -> var.equals(v.name()))) {
                return d;
            }
        }
        throw new AssertionError("no declaration of " + var + " among " + u.items().size() + " items; problems: " + u.problems());
    }
}
