package dev.pollcheck.rules;

import java.util.Locale;

/** Severity of a finding, ordered from most to least severe. Names match SARIF's {@code level}. */
public enum Level {
    ERROR, WARNING, NOTE;

    /** The lower-case name used in text, JSON and SARIF output. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Level other) {
        return ordinal() <= other.ordinal();
    }
}
