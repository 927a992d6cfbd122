package dev.pollcheck.report;

import java.util.Locale;

/** A finding compared with a baseline; names match SARIF's {@code result.baselineState}. */
public enum BaselineState {
    /** Not in the baseline: the change introduced it. */
    NEW,
    /** Already in the baseline. */
    UNCHANGED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
