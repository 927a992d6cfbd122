package dev.pollcheck.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.Span;

class SupportTest {

    @Test
    void forEachMacrosFromClangFormat(@TempDir Path dir) throws Exception {
        Path f = dir.resolve(".clang-format");
        Files.writeString(f, """
                AlignTrailingComments: false
                ForEachMacros:
                  - 'apei_estatus_for_each_section'
                  - 'list_for_each_entry'
                  # a comment inside the list
                  - 'xa_for_each'
                IncludeBlocks: Preserve
                  - 'not_a_macro_of_the_list'
                """);
        assertEquals(List.of("apei_estatus_for_each_section", "list_for_each_entry", "xa_for_each"),
                List.copyOf(ForEachMacros.fromClangFormat(f)));
        assertEquals(Set.of(), ForEachMacros.fromClangFormat(dir.resolve("missing")));
    }

    @Test
    void macroSubstitution() {
        MacroDef def = new MacroDef(Span.point("t.c", 1, 1), "M", List.of("n", "p"), "int n##_x = p; const char *s_##n = #p");
        assertEquals("int foo_x = 1 + 2; const char *s_foo = \"1 + 2\"", MacroExpander.substitute(def, List.of("foo", " 1 + 2")));
        assertNull(MacroExpander.substitute(def, List.of("only-one")));
        MacroDef va = new MacroDef(Span.point("t.c", 1, 1), "V", List.of("fmt", "..."), "printk(fmt, __VA_ARGS__)");
        assertEquals("printk(\"x\", a, b)", MacroExpander.substitute(va, List.of("\"x\"", "a", "b")));
    }

    @Test
    void syntaxMessagesAreShort() {
        String expecting = "mismatched input '0xff' expecting {'auto', 'char', ConstKw, 'double', 'enum', 'extern', 'float', 'int'}";
        assertEquals("mismatched input '0xff' expecting one of 8 tokens", CParser.tidy(expecting));
        String longInput = "no viable alternative at input '" + "x".repeat(200) + "'";
        assertTrue(CParser.tidy(longInput).length() < 100);
        assertEquals("missing ';' at '{'", CParser.tidy("missing ';' at '{'"));
    }

    @Test
    void wantBodySeesTheRawFunctionText() {
        List<String> seen = new ArrayList<>();
        String src = "int a(void)\n{\n\treturn 1; /* c */\n}\nstruct s { int x; };\n";
        new CParser(ParseConfig.defaults()).parse("t.c", src, List.of(), raw -> {
            seen.add(raw);
            return false;
        });
        assertEquals(List.of("int a(void)\n{\n\treturn 1; /* c */\n}"), seen);
    }

    @Test
    void configAddsTypesAndAttributes() {
        String src = "void f(void)\n{\n\tx = (handle)-y;\n\tint v MY_ATTR_NAME;\n}\n";
        CParser plain = new CParser(ParseConfig.defaults());
        var f1 = plain.parse("t.c", src, List.of(), s -> true).functions().get(0);
        assertTrue(ParseTestSupport.all(f1, dev.pollcheck.model.Expr.Cast.class).isEmpty());
        CParser configured = new CParser(ParseConfig.defaults().withTypeNames(Set.of("handle"))
                .withAttributeMacros(Set.of("MY_ATTR_NAME")));
        var f2 = configured.parse("t.c", src, List.of(), s -> true).functions().get(0);
        assertEquals("handle", ParseTestSupport.first(f2, dev.pollcheck.model.Expr.Cast.class).type().text());
    }
}
