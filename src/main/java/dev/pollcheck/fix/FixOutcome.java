package dev.pollcheck.fix;

/**
 * What the fix stage says about one finding: a verified fix, or why there is none (never both).
 */
public record FixOutcome(Fix fix, String reason) {

    public FixOutcome {
        if ((fix == null) == (reason == null)) throw new IllegalArgumentException("a fix or a reason, not both");
    }

    public static FixOutcome of(Fix fix) {
        return new FixOutcome(fix, null);
    }

    public static FixOutcome none(String reason) {
        return new FixOutcome(null, reason);
    }

    public boolean fixed() {
        return fix != null;
    }
}
