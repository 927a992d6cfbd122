package dev.pollcheck.rules;

import java.util.Locale;

/** The user-space interfaces that reach a poll method, each with its own way of clearing {@code _qproc}. */
public enum Api {
    POLL, SELECT, EPOLL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
