package dev.pollcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EventMaskTest {

    @Test
    void formatsWithKernelNames() {
        assertEquals("EPOLLIN|EPOLLPRI", EventMask.format(0x3));
        assertEquals("EPOLLOUT|EPOLLRDHUP", EventMask.format(0x2004));
        assertEquals("EPOLLIN|0x10000", EventMask.format(0x10001));
        assertEquals("0", EventMask.format(0));
        assertEquals("~0", EventMask.format(-1L));
    }

    @Test
    void parsesWhatUsersType() {
        assertEquals(0x3, EventMask.parse("IN,PRI"));
        assertEquals(0x3, EventMask.parse("EPOLLIN|pollpri"));
        assertEquals(0x41, EventMask.parse("in rdnorm"));
        assertEquals(0x2005, EventMask.parse("0x2000,IN,OUT"));
        assertEquals(0x3, EventMask.parse(EventMask.format(0x3)));
        assertThrows(IllegalArgumentException.class, () -> EventMask.parse("IN,FOO"));
        assertThrows(IllegalArgumentException.class, () -> EventMask.parse(","));
        assertThrows(IllegalArgumentException.class, () -> EventMask.parse("0xZZ"));
    }
}
