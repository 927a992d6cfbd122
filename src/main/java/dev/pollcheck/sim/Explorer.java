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
                       boolean exhaustive, Set<String> bounds, Set<String> notes) {
    }

    private final Interpreter interpreter;
    private final TopLevel.Function fn;
    private final int maxPaths;
    private final Map<Long, Exploration> withQproc = new HashMap<>();
    private final Map<Long, Exploration> withoutQproc = new HashMap<>();
    private final List<Exploration> all = new ArrayList<>();
    private int runs;

    Explorer(Interpreter interpreter, TopLevel.Function fn, int maxPaths) {
        this.interpreter = interpreter;
        this.fn = fn;
        this.maxPaths = maxPaths;
    }

    Exploration explore(long key, boolean qproc) {
        Map<Long, Exploration> cache = qproc ? withQproc : withoutQproc;
        Exploration e = cache.get(key);
        if (e == null) {
            e = run(key, qproc);
            cache.put(key, e);
            all.add(e);
        }
        return e;
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
        List<Integer> prefix = List.of();
        int taken = 0;
        while (prefix != null && taken < maxPaths) {
            Chooser ch = new Chooser(prefix, interpreter.bounds().maxDecisions());
            Interpreter.Outcome o = interpreter.run(fn, table(key, qproc), new WaitQueues(), ch);
            runs++;
            taken++;
            if (o.bound() != null) {
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
            bounds.add("path bound (" + maxPaths + " per poll_table state) reached");
        }
        return new Exploration(key, qproc, paths, abandoned, exhaustive, bounds, notes);
    }

    /** A table as the kernel would pass it: {@code _qproc} set (a no-op recorder here) or cleared. */
    static PollTable table(long key, boolean qproc) {
        PollTable pt = PollTable.init(qproc ? (p, q) -> { } : null);
        pt.key = key;
        return pt;
    }
}
