package dev.pollcheck.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefinesTest {
    @Test
    void parsesDefinesAndUndefines() {
        Defines d = Defines.parse(List.of("CONFIG_A", "LEVEL=3", " SPACED = x "), List.of("__KERNEL__"));
        assertEquals("1", d.defined().get("CONFIG_A"));
        assertEquals("3", d.defined().get("LEVEL"));
        assertEquals("x", d.defined().get("SPACED"));
        assertFalse(d.defined().containsKey("__KERNEL__"), "-U removes a built-in");
        assertTrue(d.undefined().contains("__KERNEL__"));
        assertEquals("KERNEL_VERSION(6,12,0)", d.defined().get("LINUX_VERSION_CODE"));
    }

    @Test
    void immutableAndComparable() {
        Defines d = Defines.parse(List.of("A"), List.of());
        assertThrows(UnsupportedOperationException.class, () -> d.defined().put("B", "1"));
        assertEquals(d, Defines.parse(List.of("A=1"), null));
        assertNotEquals(d, Defines.defaults());
        assertEquals(Defines.defaults(), Defines.parse(List.of(), List.of()));
    }

    @Test
    void badNamesAreUsageErrors() {
        assertThrows(IllegalArgumentException.class, () -> Defines.parse(List.of("1X"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Defines.parse(List.of("=3"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Defines.parse(List.of(), List.of("A-B")));
    }
}
