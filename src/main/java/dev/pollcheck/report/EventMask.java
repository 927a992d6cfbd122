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

    /**
     * Parses {@code IN,PRI}, {@code EPOLLIN|POLLPRI}, {@code 0x3} and mixtures: names with or without the
     * {@code EPOLL}/{@code POLL} prefix, any case, separated by commas, bars or spaces.
     *
     * @throws IllegalArgumentException naming the part that is not an event
     */
    public static long parse(String text) {
        long mask = 0;
        boolean any = false;
        for (String raw : text.split("[,|\\s]+")) {
            if (raw.isEmpty()) continue;
            any = true;
            String part = raw.toUpperCase(java.util.Locale.ROOT);
            if (part.startsWith("0X")) {
                try {
                    mask |= Long.parseLong(part.substring(2), 16);
                    continue;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not an event mask: " + raw);
                }
            }
            String name = part.startsWith("EPOLL") ? part.substring(5) : part.startsWith("POLL") ? part.substring(4) : part;
            int bit = -1;
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i] != null && NAMES[i].substring(5).equals(name)) bit = i;
            }
            if (bit < 0) throw new IllegalArgumentException("not an event: " + raw);
            mask |= 1L << bit;
        }
        if (!any) throw new IllegalArgumentException("no events given");
        return mask;
    }
}
