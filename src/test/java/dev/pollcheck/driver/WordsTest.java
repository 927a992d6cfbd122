package dev.pollcheck.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void identifiersAreMatchedWhole() {
        String body = "if (dev->statement) return; x = 0x1fstate;";
        assertFalse(Words.mentionsAny(body, Set.of("state")), "inside another identifier or a number");
        assertTrue(Words.mentionsAny(body + " dev->state = 1;", Set.of("state")));
        assertTrue(Words.mentionsAny("state", Set.of("state")), "at both ends of the text");
        assertTrue(Words.mentionsAny("a->b", Set.of("nope", "->")), "a word that is not an identifier is a substring");
    }

    @Test
    void enumeratorsAreReadFromEnumLists() {
        byte[] text = ("enum mode { mode_a, /* c, d */ mode_b = (1 << 2),\n#ifdef X\n mode_c,\n#endif\n mode_d };\n"
                + "enum mode m; struct s { enum { in_struct } e; }; int not_one = 1; char *s = \"enum q { fake }\";")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(Set.of("mode_a", "mode_b", "mode_c", "mode_d", "in_struct"), Words.enumerators(text, text.length));
    }

    @Test
    void bitsNamedByMaskAndNumberAreReadFromEnumsAndDefines() {
        byte[] text = ("enum { FOO_A_BIT, FOO_B_BIT, FOO_C_BIT };\n"
                + "enum { FOO_A = (1 << FOO_A_BIT), /* the B bit */ FOO_B = BIT(FOO_B_BIT), FOO_AB = FOO_A | FOO_B, FOO_N = 4 };\n"
                + "#define FOO_C\t(1UL << (FOO_C_BIT)) /* C */\n"
                + "#define FOO_D \\\n\t_BITUL(FOO_D_BIT)\n"
                + "#define FOO_E(x) BIT(x)\n"
                + "  #  define FOO_F ((__force u32)BIT_ULL(FOO_F_BIT))\n"
                + "#define FOO_G 0x10\n"
                + "#define FOO_H (1 << FOO_H_BIT) + 1\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(java.util.Map.of("FOO_A", "FOO_A_BIT", "FOO_B", "FOO_B_BIT", "FOO_C", "FOO_C_BIT", "FOO_D", "FOO_D_BIT",
                "FOO_F", "FOO_F_BIT"), Words.bitDefinitions(text, text.length));
        assertEquals("X_BIT", Words.bitNumber("((1ULL<<X_BIT))"));
        assertEquals(null, Words.bitNumber("(1 << X_BIT"), "unbalanced");
        assertEquals(null, Words.bitNumber("1 << 3"), "a number is no named bit");
        assertEquals(null, Words.bitNumber("BIT(X) | BIT(Y)"));
    }

    @Test
    void fileIndexHoldsIdentifiersNotNumbers() {
        byte[] text = "int foo(void) { return 10UL + bar_2; /* caf\u00e9 */ }".getBytes(StandardCharsets.UTF_8);
        long[] ix = Words.index(text, text.length);
        assertTrue(Words.contains(ix, "foo"));
        assertTrue(Words.contains(ix, "bar_2"));
        assertTrue(Words.contains(ix, "caf"), "a non-ASCII letter ends an identifier");
        assertFalse(Words.contains(ix, "UL"));
        assertFalse(Words.contains(ix, "bar"));
        assertFalse(Words.contains(Words.index(text, 3), "foo"), "only the first n bytes");
    }

    @Test
    void writesAreAssignmentsStepsWriteCallsAndBits() {
        Set<String> calls = Set.of("set_bit", "list_add", "list_first_entry");
        assertTrue(Words.writesAny("dev->state = 1;", Set.of("state"), calls));
        assertTrue(Words.writesAny("dev->buf[i + 1] |= 2;", Set.of("buf"), calls), "after its indexes");
        assertTrue(Words.writesAny("(dev->n)--;", Set.of("n"), calls));
        assertTrue(Words.writesAny("++dev->a[i].count;", Set.of("count"), calls));
        assertTrue(Words.writesAny("--(*p)->users;", Set.of("users"), calls));
        assertTrue(Words.writesAny("set_bit(FOO_READY, &dev->flags);", Set.of("FOO_READY"), calls));
        assertTrue(Words.writesAny("x = list_first_entry(&dev->done, struct b, node);", Set.of("done"), calls));
        assertTrue(Words.writesAny("dev->flags &= ~(FOO_A | FOO_B);", Set.of("FOO_B"), calls));
        assertFalse(Words.writesAny("if (dev->state == 1) return dev->count;", Set.of("state", "count"), calls));
        assertFalse(Words.writesAny("dev->state.x = 1; dev->a[i].b = 2;", Set.of("state", "a"), calls),
                "a member of the key is another key");
        assertFalse(Words.writesAny("for (i = 0; i < n; i++) if (dev->state) f(dev->state);", Set.of("state"), calls),
                "the ++ of another operand");
        assertFalse(Words.writesAny("/* dev->state = 1; */ s = \"state = 2\";", Set.of("state"), calls));
        assertFalse(Words.writesAny("wake_up(&dev->state);", Set.of("state"), calls), "not a write call");
    }

    @Test
    void structDefinitionsAreTagsFollowedByABrace() {
        byte[] text = "struct a {\n int x; };\nstruct b *p;\nunion c\n{ int y; };\ntypedef struct d{} d_t;\nstructx e { };"
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(Set.of("a", "c", "d"), Words.structDefinitions(text, text.length));
    }

    @Test
    void aDefiningItemNamesItsFunction() {
        assertTrue(Words.definesAny("static int foo(struct x *p)\n{\n\treturn bar(p);\n}", Set.of("foo")));
        assertFalse(Words.definesAny("static int foo(struct x *p)\n{\n\treturn bar(p);\n}", Set.of("bar")));
    }

    @Test
    void definitionsAreFunctionsAtFileScope() {
        String text = """
                static int helper(struct foo *f,
                                  int x)
                {
                        return call_me(f) + "{ not(code) }"[0];
                }
                int proto(int a);
                static const struct file_operations fops = { .open = opener, };
                void __init attr_fn(void) __attribute__((cold))
                {
                }
                int (*fp)(int) = NULL;
                """;
        assertArrayEquals(new String[] {"attr_fn", "helper"}, Words.definitions(text));
    }

    @Test
    void hashTellsTextsApart() {
        assertNotEquals(Words.hash64("a(b)"), Words.hash64("a(c)"));
        assertNotEquals(Words.hash64(""), Words.hash64(" "));
    }
}
