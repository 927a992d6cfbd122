package dev.pollcheck.report;

import java.util.ArrayList;
import java.util.List;

/** Prints poll masks and keys with the names a driver author knows (values as in uapi/eventpoll.h). */
public final class EventMask {

    private static final String[] NAMES = {
        "EPOLLIN", "EPOLLPRI", "EPOLLOUT", "EPOLLERR", "EPOLLHUP", "EPOLLNVAL", "EPOLLRDNORM", "EPOLLRDBAND",
        "EPOLLWRNORM", "EPOLLWRBAND", "EPOLLMSG", null, null, "EPOLLRDHUP",
    };

    private EventMask() {
    }

    /** {@code EPOLLIN|EPOLLPRI}, {@code 0}, or {@code ~0} for the all-ones key of a NULL poll_table. */
    public static String format(long mask) {
        if ((mask & 0xffffffffL) == 0xffffffffL) return "~0";
        if (mask == 0) return "0";
        List<String> parts = new ArrayList<>();
        long rest = mask;
        for (int bit = 0; bit < NAMES.length; bit++) {
            long v = 1L << bit;
            if (NAMES[bit] != null && (mask & v) != 0) {
                parts.add(NAMES[bit]);
                rest &= ~v;
            }
        }
        if (rest != 0) parts.add("0x" + Long.toHexString(rest));
        return String.join("|", parts);
    }
}
