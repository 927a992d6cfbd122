package dev.pollcheck.sim;

import dev.pollcheck.model.TopLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every execution path of one poll method for one poll_table state ({@code _key}, {@code _qproc} set
 * or not), found depth-first by re-execution over the interpreter's choice points, at most
 * {@code maxPaths} of them. Results are cached per state, so a scenario search pays each state once.
 */
final class Explorer {

    /** The paths of one state; {@code exhaustive} is false when the path bound cut the search. */
    record Exploration(long key, boolean qproc, List<Interpreter.Outcome> paths, int abandoned,
                       boolean exhaustive, Set<String> bounds, Set<String> notes, boolean keyRead, boolean qprocRead) {
    }

    private final Interpreter interpreter;
    private final TopLevel.Function fn;
    private final int maxPaths;
    private final int maxExecutions;
    private final Map<Long, Exploration> withQproc = new HashMap<>();
    private final Map<Long, Exploration> withoutQproc = new HashMap<>();
    private final List<Exploration> all = new ArrayList<>();
    private int runs;

    Explorer(Interpreter interpreter, TopLevel.Function fn, int maxPaths, int maxExecutions) {
        this.interpreter = interpreter;
        this.fn = fn;
        this.maxPaths = maxPaths;
        this.maxExecutions = maxExecutions;
    }

    Exploration explore(long key, boolean qproc) {
        Map<Long, Exploration> cache = qproc ? withQproc : withoutQproc;
        Exploration e = cache.get(key);
        if (e == null) {
            e = derived(key, qproc);
            if (e == null) {
                e = run(key, qproc);
                all.add(e);
            }
            cache.put(key, e);
        }
        return e;
    }

    /**
     * An exploration that follows from one already made: when no path of it read {@code _key}, every
     * key gives the same paths; when none read {@code _qproc}, the {@code _qproc == NULL} paths are the
     * same without their registrations.
     */
    private Exploration derived(long key, boolean qproc) {
        Map<Long, Exploration> same = qproc ? withQproc : withoutQproc;
        for (Exploration e : same.values()) {
            if (independent(e, true, false)) {
                return new Exploration(key, qproc, e.paths(), e.abandoned(), e.exhaustive(), e.bounds(), e.notes(),
                        false, e.qprocRead());
            }
        }
        if (!qproc) {
            Exploration w = withQproc.get(key);
            if (w != null && independent(w, false, true)) {
                List<Interpreter.Outcome> paths = new ArrayList<>(w.paths().size());
                for (Interpreter.Outcome o : w.paths()) paths.add(o.withoutRegistrations());
                return new Exploration(key, false, paths, w.abandoned(), w.exhaustive(), w.bounds(), w.notes(),
                        w.keyRead(), false);
            }
        }
        return null;
    }

    /**
     * The search is depth-first and deterministic, so when no execution of an exploration (complete,
     * abandoned or infeasible) read the key, or {@code _qproc}, another key, or a cleared {@code _qproc},
     * gives the same executions in the same order, whether or not a bound cut them.
     */
    private static boolean independent(Exploration e, boolean ofKey, boolean ofQproc) {
        return !(ofKey && e.keyRead()) && !(ofQproc && e.qprocRead());
    }

    /** Every exploration made, in order. */
    List<Exploration> all() {
        return List.copyOf(all);
    }

    /** How many executions all explorations took. */
    int runs() {
        return runs;
    }

    private Exploration run(long key, boolean qproc) {
        List<Interpreter.Outcome> paths = new ArrayList<>();
        Set<String> bounds = new LinkedHashSet<>();
        Set<String> notes = new LinkedHashSet<>();
        int abandoned = 0;
        boolean keyRead = false, qprocRead = false;
        List<Integer> prefix = List.of();
        int taken = 0;
        while (prefix != null && taken < maxPaths && runs < maxExecutions && !interpreter.budgetSpent()) {
            Chooser ch = new Chooser(prefix, interpreter.bounds().maxDecisions());
            Interpreter.Outcome o = interpreter.run(fn, table(key, qproc), new WaitQueues(), ch);
            runs++;
            taken++;
            keyRead |= o.keyRead();
            qprocRead |= o.qprocRead();
            if (o.infeasible()) {
                // A path that dereferences NULL is not one the kernel survives: drop it.
            } else if (o.bound() != null) {
                abandoned++;
                bounds.add(o.bound());
            } else {
                paths.add(o);
            }
            if (o.truncated()) {
                bounds.add("choice bound (" + interpreter.bounds().maxDecisions() + " per call) reached");
            }
            notes.addAll(o.notes());
            prefix = ch.next();
        }
        boolean exhaustive = prefix == null;
        if (!exhaustive) {
            bounds.add(interpreter.budgetSpent() ? "step budget reached"
                    : runs >= maxExecutions ? "execution bound (" + maxExecutions + " in all) reached"
                    : "path bound (" + maxPaths + " per poll_table state) reached");
        }
        return new Exploration(key, qproc, paths, abandoned, exhaustive, bounds, notes, keyRead, qprocRead);
    }

    /** A table as the kernel would pass it: {@code _qproc} set (a no-op recorder here) or cleared. */
    static PollTable table(long key, boolean qproc) {
        PollTable pt = PollTable.init(qproc ? (p, q) -> { } : null);
        pt.key = key;
        return pt;
    }
}
