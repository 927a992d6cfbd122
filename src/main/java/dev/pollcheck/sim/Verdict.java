package dev.pollcheck.sim;

/**
 * What the simulator made of a finding: confirmed with a witness, or not confirmed with the reason
 * (bounds reached, nothing found, a construct it cannot execute).
 */
public record Verdict(boolean confirmed, Witness witness, String reason) {

    public static Verdict confirmed(Witness w) {
        return new Verdict(true, w, null);
    }

    public static Verdict unconfirmed(String reason) {
        return new Verdict(false, null, reason);
    }
}
