package dev.pollcheck.driver;

import java.util.Locale;

/** When a function of a driver runs, relative to an open file. */
public enum Role {
    /** Before a file can be opened: probe, module_init, what only they call. */
    SETUP,
    /** While a file is being opened. */
    OPEN,
    /** While a file is open: ioctl, read, write, interrupts, work, timers, another file's operations. */
    RUNTIME,
    /** When a file or the device goes away: release, remove, disconnect, module_exit. */
    TEARDOWN,
    /** No registration and no caller was found in the files read. */
    UNKNOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String s, String where) {
        for (Role r : values()) {
            if (r != UNKNOWN && r.id().equals(s)) return r;
        }
        throw new IllegalArgumentException(where + ": unknown role " + s + " (setup, open, runtime or teardown)");
    }
}
