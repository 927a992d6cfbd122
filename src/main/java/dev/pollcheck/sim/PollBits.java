package dev.pollcheck.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event bits of Linux 6.12 with their real values: {@code include/uapi/linux/eventpoll.h}
 * (EPOLL*), {@code include/uapi/asm-generic/poll.h} (POLL*, same values), the composite masks of
 * {@code include/linux/poll.h} ({@code DEFAULT_POLLMASK}), {@code fs/select.c} ({@code POLLIN_SET},
 * {@code POLLOUT_SET}, {@code POLLEX_SET}) and {@code fs/eventpoll.c} ({@code EP_PRIVATE_BITS}).
 * Values are kept as non-negative longs ({@code __poll_t} is a 32-bit unsigned int).
 */
public final class PollBits {
    private PollBits() {
    }

    public static final long IN = 0x1, PRI = 0x2, OUT = 0x4, ERR = 0x8, HUP = 0x10, NVAL = 0x20,
            RDNORM = 0x40, RDBAND = 0x80, WRNORM = 0x100, WRBAND = 0x200, MSG = 0x400, RDHUP = 0x2000;
    public static final long EXCLUSIVE = 1L << 28, WAKEUP = 1L << 29, ONESHOT = 1L << 30, ET = 1L << 31;

    /** {@code ~(__poll_t)0}: what {@code init_poll_funcptr} and {@code poll_requested_events(NULL)} give. */
    public static final long ALL = 0xFFFF_FFFFL;

    public static final long DEFAULT_POLLMASK = IN | OUT | RDNORM | WRNORM;
    public static final long POLLIN_SET = RDNORM | RDBAND | IN | HUP | ERR | NVAL;
    public static final long POLLOUT_SET = WRBAND | WRNORM | OUT | ERR | NVAL;
    public static final long POLLEX_SET = PRI | NVAL;
    public static final long EP_PRIVATE_BITS = WAKEUP | ONESHOT | ET | EXCLUSIVE;

    private static final Map<String, Long> NAMED;
    /** Single bits in the order they are printed, with their short names. */
    private static final List<Map.Entry<String, Long>> BITS;

    static {
        Map<String, Long> m = new LinkedHashMap<>();
        String[] names = {"IN", "PRI", "OUT", "ERR", "HUP", "NVAL", "RDNORM", "RDBAND", "WRNORM", "WRBAND", "MSG", "RDHUP"};
        long[] values = {IN, PRI, OUT, ERR, HUP, NVAL, RDNORM, RDBAND, WRNORM, WRBAND, MSG, RDHUP};
        List<Map.Entry<String, Long>> bits = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            m.put("EPOLL" + names[i], values[i]);
            m.put("POLL" + names[i], values[i]);
            bits.add(Map.entry(names[i], values[i]));
        }
        m.put("POLLREMOVE", 0x1000L);
        m.put("POLLFREE", 0x4000L);
        m.put("POLL_BUSY_LOOP", 0x8000L);
        m.put("EPOLL_URING_WAKE", 1L << 27);
        m.put("EPOLLEXCLUSIVE", EXCLUSIVE);
        m.put("EPOLLWAKEUP", WAKEUP);
        m.put("EPOLLONESHOT", ONESHOT);
        m.put("EPOLLET", ET);
        m.put("EPOLLINOUT_BITS", IN | OUT);
        m.put("DEFAULT_POLLMASK", DEFAULT_POLLMASK);
        m.put("POLLIN_SET", POLLIN_SET);
        m.put("POLLOUT_SET", POLLOUT_SET);
        m.put("POLLEX_SET", POLLEX_SET);
        m.put("EP_PRIVATE_BITS", EP_PRIVATE_BITS);
        m.put("EPOLL_CTL_ADD", 1L);
        m.put("EPOLL_CTL_DEL", 2L);
        m.put("EPOLL_CTL_MOD", 3L);
        bits.add(Map.entry("EXCLUSIVE", EXCLUSIVE));
        bits.add(Map.entry("WAKEUP", WAKEUP));
        bits.add(Map.entry("ONESHOT", ONESHOT));
        bits.add(Map.entry("ET", ET));
        NAMED = Collections.unmodifiableMap(m);
        BITS = List.copyOf(bits);
    }

    /** The value of a named constant ({@code EPOLLIN}, {@code POLLPRI}, {@code DEFAULT_POLLMASK} ...), or null. */
    public static Long value(String name) {
        return NAMED.get(name);
    }

    /** Every named constant, in a fixed order. */
    public static Map<String, Long> constants() {
        return NAMED;
    }

    /** {@code IN|PRI} for 0x3; bits without a name are appended in hex; {@code 0} for none. */
    public static String describe(long mask) {
        if (mask == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        long rest = mask;
        for (Map.Entry<String, Long> b : BITS) {
            if ((rest & b.getValue()) != 0) {
                if (sb.length() > 0) sb.append('|');
                sb.append(b.getKey());
                rest &= ~b.getValue();
            }
        }
        if (rest != 0) {
            if (sb.length() > 0) sb.append('|');
            sb.append("0x").append(Long.toHexString(rest));
        }
        return sb.toString();
    }

    /** Parses {@code IN,PRI} or {@code EPOLLIN|POLLPRI} (case-insensitive, prefix optional); throws on an unknown name. */
    public static long parse(String list) {
        long mask = 0;
        for (String raw : list.split("[,|]")) {
            String n = raw.trim().toUpperCase(java.util.Locale.ROOT);
            if (n.isEmpty()) continue;
            Long v = NAMED.get(n);
            if (v == null) v = NAMED.get("EPOLL" + n);
            if (v == null) {
                throw new IllegalArgumentException("unknown event name: " + raw.trim());
            }
            mask |= v;
        }
        return mask;
    }
}
