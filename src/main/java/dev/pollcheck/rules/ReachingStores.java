package dev.pollcheck.rules;

import dev.pollcheck.flow.Cfg;
import dev.pollcheck.flow.FunctionFlow;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The stores of a variable that can reach one use (a {@code return}) without being overwritten and
 * without passing a given node (the registration: the skipping path does not go through it).
 * Computed per variable on demand, by a backward walk from the use that stops at the variable's
 * stores. Used to evaluate {@code mask = EPOLLHUP; goto out; ... out: return mask;}.
 */
final class ReachingStores implements Predicate<FunctionFlow.Store> {
    private final FunctionFlow flow;
    private final int use;
    private final int avoid;
    private final Map<String, Set<Integer>> cache = new HashMap<>();
    private List<List<Integer>> preds;

    ReachingStores(FunctionFlow flow, int use, int avoid) {
        this.flow = flow;
        this.use = use;
        this.avoid = avoid;
    }

    @Override
    public boolean test(FunctionFlow.Store st) {
        if (st.node() < 0 || use < 0) return true;
        return cache.computeIfAbsent(st.name(), this::reaching).contains(st.node());
    }

    private Set<Integer> reaching(String var) {
        Cfg cfg = flow.cfg();
        if (preds == null) preds = cfg.predecessors();
        boolean[] stores = new boolean[cfg.nodes().size()];
        for (FunctionFlow.Store s : flow.stores(var)) {
            if (s.node() >= 0) stores[s.node()] = true;
        }
        Set<Integer> out = new HashSet<>();
        boolean[] seen = new boolean[cfg.nodes().size()];
        Deque<Integer> work = new ArrayDeque<>();
        for (int p : preds.get(use)) work.push(p);
        while (!work.isEmpty()) {
            int x = work.pop();
            if (seen[x] || x == avoid) continue;
            seen[x] = true;
            if (stores[x]) {
                out.add(x);
                // A compound store (mask |= X) also keeps what reached it.
                boolean compound = false;
                for (FunctionFlow.Store s : flow.stores(var)) {
                    if (s.node() == x && s.op() != null) compound = true;
                }
                if (!compound) continue;
            }
            for (int p : preds.get(x)) work.push(p);
        }
        return out;
    }
}
