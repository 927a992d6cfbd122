package dev.pollcheck.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class TypeRefTest {
    @Test
    void tagBaseAndPointers() {
        TypeRef t = TypeRef.of(List.of("const", "struct", "file_operations", "*"));
        assertEquals("file_operations", t.tag());
        assertEquals("struct file_operations", t.base());
        assertEquals(1, t.pointerDepth());
        assertNull(new TypeRef("poll_table *").tag());
    }

    @Test
    void spanUnionCoversBoth() {
        Span a = new Span("f.c", 3, 5, 3, 9);
        Span b = new Span("f.c", 1, 2, 2, 1);
        assertEquals(new Span("f.c", 1, 2, 3, 9), a.to(b));
    }
}
