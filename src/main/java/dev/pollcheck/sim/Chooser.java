package dev.pollcheck.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The choice points of one execution, for a depth-first search by re-execution: the first
 * {@code prefix.size()} choices are replayed, later ones take option 0 and are recorded, and
 * {@link #next} gives the prefix of the next path. Deterministic by construction.
 */
final class Chooser {

    /**
     * A choice made: what was chosen ({@code shown}, for the timeline), as option {@code index} of
     * {@code options}. {@code multi} marks a choice among several values (a switch case, equality with a
     * constant), which reads as which kind of object or mode it is rather than a condition of the device.
     */
    record Decision(String label, String shown, int index, int options, boolean multi) {
    }

    private final List<Integer> prefix;
    private final java.util.Map<String, String> follow;
    private final List<Decision> decisions = new ArrayList<>();
    private final int maxDecisions;
    private boolean truncated;

    Chooser(List<Integer> prefix, int maxDecisions) {
        this(prefix, null, maxDecisions);
    }

    private Chooser(List<Integer> prefix, java.util.Map<String, String> follow, int maxDecisions) {
        this.prefix = prefix;
        this.follow = follow;
        this.maxDecisions = maxDecisions;
    }

    /**
     * A chooser that repeats a device state: a choice point whose label was decided in {@code shownByLabel}
     * takes the option shown the same way; any other takes option 0. No branching.
     */
    static Chooser following(java.util.Map<String, String> shownByLabel, int maxDecisions) {
        return new Chooser(List.of(), shownByLabel, maxDecisions);
    }

    /**
     * Picks one of {@code shown.length} options; {@code shown[i]} describes option i. Beyond the
     * bound on choices per execution, option 0 is taken without branching (and noted).
     */
    int choose(String label, String... shown) {
        return choose(false, label, shown);
    }

    /** {@link #choose} for a choice among several values of one free value. */
    int chooseValue(String label, String... shown) {
        return choose(true, label, shown);
    }

    private int choose(boolean multi, String label, String... shown) {
        int n = shown.length;
        int pos = decisions.size();
        int pick;
        if (follow != null) {
            pick = 0;
            String want = follow.get(label);
            for (int i = 0; want != null && i < n; i++) {
                if (shown[i].equals(want)) pick = i;
            }
            n = 1;
            decisions.add(new Decision(label, shown[pick], 0, 1, multi));
            return pick;
        } else if (pos < prefix.size()) {
            pick = Math.min(prefix.get(pos), n - 1);
        } else if (pos >= maxDecisions) {
            truncated = true;
            pick = 0;
            n = 1;
        } else {
            pick = 0;
        }
        decisions.add(new Decision(label, shown[pick], pick, n, multi));
        return pick;
    }

    List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    int count() {
        return decisions.size();
    }

    boolean truncated() {
        return truncated;
    }

    /** The prefix of the next path in depth-first order, or null when every path was taken. */
    List<Integer> next() {
        for (int i = decisions.size() - 1; i >= 0; i--) {
            Decision d = decisions.get(i);
            if (d.index() + 1 < d.options()) {
                List<Integer> p = new ArrayList<>(i + 1);
                for (int j = 0; j < i; j++) {
                    p.add(decisions.get(j).index());
                }
                p.add(d.index() + 1);
                return p;
            }
        }
        return null;
    }
}
