package dev.pollcheck.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void fileIndexHoldsIdentifiersNotNumbers() {
        String[] ix = Words.index("int foo(void) { return 10UL + bar_2; }");
        assertTrue(Words.contains(ix, "foo"));
        assertTrue(Words.contains(ix, "bar_2"));
        assertFalse(Words.contains(ix, "UL"));
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
