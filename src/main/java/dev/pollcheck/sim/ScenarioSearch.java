package dev.pollcheck.sim;

import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.rules.Api;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Looks for lost wake-ups of one poll method: scenarios, built from explored paths, in which a wait
 * queue Q is not registered by the call that had {@code _qproc} set, the caller ends up blocked, a
 * wake-up on Q wakes nobody, and the poll method, called then, would report an event the caller
 * asked for. Each candidate is replayed through the kernel model ({@link PollSyscall},
 * {@link SelectSyscall}, {@link Epoll}) before it becomes a witness. See {@link Simulator} for the
 * bounds.
 */
final class ScenarioSearch {

    /** A witness with how well it explains the hang (higher is better) and the queue it is about. */
    record Found(Api api, String queue, Witness witness, int score) {
    }

    /**
     * Requested events tried: {@code fin} are the events of the call that ends blocked (poll, select
     * keys aside); for epoll, {@code add} are the events an {@code EPOLL_CTL_ADD} may start with before an
     * {@code EPOLL_CTL_MOD} to one of {@code fin}.
     */
    record Masks(List<Long> add, List<Long> fin) {
        List<Long> both() {
            Set<Long> s = new LinkedHashSet<>(fin);
            s.addAll(add);
            return List.copyOf(s);
        }
    }

    /** Select sets tried, as (in, out, ex). */
    private static final boolean[][] SELECT_SETS = {
        {true, false, false}, {false, true, false}, {true, false, true}, {true, true, false}, {true, true, true},
        {false, false, true},
    };
    private static final int FIRST_CALL_CANDIDATES = 6;

    private final Interpreter interpreter;
    private final TopLevel.Function fn;
    private final Explorer explorer;
    private final int maxDecisions;
    private final Map<Interpreter.Outcome, Map<String, String>> shownCache = new IdentityHashMap<>();

    ScenarioSearch(Interpreter interpreter, TopLevel.Function fn, int maxPaths, int maxExecutions) {
        this.interpreter = interpreter;
        this.fn = fn;
        this.explorer = new Explorer(interpreter, fn, maxPaths, maxExecutions);
        this.maxDecisions = interpreter.bounds().maxDecisions();
    }

    Explorer explorer() {
        return explorer;
    }

    /** The driver model's rule for what may change between calls; null: any free value may (the kernel model's tests). */
    private StateGate gate;

    ScenarioSearch gate(StateGate g) {
        this.gate = g;
        return this;
    }

    /** Why the driver model refused the state changes tried for {@code queue}, in the order met (empty without a gate). */
    Set<String> refusals(String queue) {
        return gate == null ? Set.of() : gate.refusals(queue);
    }

    /** Every execution of the method so far: exploring, checking and replaying. */
    long interpreterRuns() {
        return interpreter.runs();
    }

    // ------------------------------------------------------------------ requested events

    /**
     * The requested-event masks tried: IN, PRI, OUT, RDNORM, the other single event bits the function
     * names, then a few combinations. With {@code events} given, only that mask.
     */
    List<Long> masks(Long events) {
        if (events != null) {
            return List.of(events & PollBits.ALL);
        }
        Set<Long> singles = new LinkedHashSet<>(List.of(PollBits.IN, PollBits.PRI, PollBits.OUT, PollBits.RDNORM));
        long named = namedBits();
        long eventBits = PollBits.IN | PollBits.PRI | PollBits.OUT | PollBits.RDNORM | PollBits.RDBAND
                | PollBits.WRNORM | PollBits.WRBAND | PollBits.MSG | PollBits.RDHUP;
        for (long b = 1; b <= PollBits.RDHUP; b <<= 1) {
            if ((named & b & eventBits) != 0) singles.add(b);
        }
        Set<Long> out = new LinkedHashSet<>(singles);
        out.add(PollBits.IN | PollBits.PRI);
        out.add(PollBits.IN | PollBits.RDNORM);
        out.add(PollBits.IN | PollBits.OUT);
        out.add(PollBits.OUT | PollBits.PRI);
        long all = 0;
        for (long b : singles) all |= b;
        out.add(all);
        return List.copyOf(out);
    }

    /** Event bits of the constants the function (not its callees) names. */
    private long namedBits() {
        long[] bits = {0};
        if (fn.body() == null) return 0;
        Ast.walk(fn.body(), n -> {
            if (n instanceof Expr.Name name) {
                Long v = PollBits.value(name.id());
                if (v != null && v <= PollBits.ALL) bits[0] |= v;
            }
        });
        return bits[0];
    }

    private static long pollKey(long events) {
        return (events & 0xFFFF) | PollBits.ERR | PollBits.HUP;
    }

    private static long epollKey(long events) {
        return events | PollBits.ERR | PollBits.HUP;
    }

    // ------------------------------------------------------------------ queues and guards

    /** Queues registered on first calls by registrations {@code match} accepts, over every key of {@code apis}. */
    Set<String> firstCallQueues(Predicate<Interpreter.Registration> match, Set<Api> apis, Masks masks) {
        Set<String> out = new LinkedHashSet<>();
        for (long key : firstKeys(apis, masks)) {
            for (Interpreter.Outcome o : explorer.explore(key, true).paths()) {
                for (Interpreter.Registration r : o.registrations()) {
                    if (match.test(r)) out.add(r.queue());
                }
            }
        }
        return out;
    }

    /** Whether some first call in the search leaves Q unregistered. */
    boolean skippable(String queue, Set<Api> apis, Masks masks) {
        for (long key : firstKeys(apis, masks)) {
            for (Interpreter.Outcome o : explorer.explore(key, true).paths()) {
                if (skips(o, queue)) return true;
            }
        }
        return false;
    }

    List<Long> firstKeys(Set<Api> apis, Masks masks) {
        Set<Long> keys = new LinkedHashSet<>();
        if (apis.contains(Api.POLL)) for (long m : masks.fin()) keys.add(pollKey(m));
        if (apis.contains(Api.EPOLL)) for (long m : masks.both()) keys.add(epollKey(m));
        if (apis.contains(Api.SELECT)) {
            for (boolean[] s : SELECT_SETS) keys.add(SelectSyscall.key(s[0], s[1]));
        }
        return List.copyOf(keys);
    }

    /**
     * The device state Q's registration depends on: the choices made before Q was registered that
     * every first-call path registering it makes, each with the values it takes on those paths.
     */
    private Map<String, Set<String>> guards(String queue, Set<Api> apis, Masks masks) {
        Map<String, Set<String>> common = null;
        for (long key : firstKeys(apis, masks)) {
            for (Interpreter.Outcome o : explorer.explore(key, true).paths()) {
                for (Interpreter.Registration r : o.registrations()) {
                    if (!r.queue().equals(queue)) continue;
                    Map<String, String> before = new LinkedHashMap<>();
                    for (int i = 0; i < r.decisionsBefore() && i < o.decisions().size(); i++) {
                        Chooser.Decision d = o.decisions().get(i);
                        before.putIfAbsent(d.label(), d.shown());
                    }
                    if (common == null) {
                        common = new LinkedHashMap<>();
                        for (Map.Entry<String, String> e : before.entrySet()) {
                            common.put(e.getKey(), new LinkedHashSet<>(Set.of(e.getValue())));
                        }
                    } else {
                        common.keySet().retainAll(before.keySet());
                        for (Map.Entry<String, Set<String>> e : common.entrySet()) e.getValue().add(before.get(e.getKey()));
                    }
                    break;
                }
            }
        }
        return common == null ? Map.of() : common;
    }

    private Map<String, String> shown(Interpreter.Outcome o) {
        return shownCache.computeIfAbsent(o, x -> {
            Map<String, String> m = new HashMap<>();
            for (Chooser.Decision d : x.decisions()) m.putIfAbsent(d.label(), d.shown());
            return m;
        });
    }

    /**
     * How much two calls disagree on the free values both decided: 1 per condition, 3 per value chosen
     * among several (a switch selector, a mode compared with constants), which rarely changes.
     */
    private int changes(Interpreter.Outcome a, Interpreter.Outcome b) {
        // Called for a great many pairs: a merge of two label-sorted arrays, no hashing.
        Decided x = decided(a), y = decided(b);
        int n = 0;
        for (int i = 0, j = 0; i < x.ids().length && j < y.ids().length; ) {
            int d = x.ids()[i] - y.ids()[j];
            if (d < 0) {
                i++;
            } else if (d > 0) {
                j++;
            } else {
                String other = y.values()[j];
                if (other != null && !other.equals(x.values()[i])) n += x.multi()[i] ? 3 : 1;
                i++;
                j++;
            }
        }
        return n;
    }

    /**
     * An outcome's decisions as {@link #shown} and {@link #multiLabels} see them, by label number:
     * the first value of each label, and whether any choice of it was among several.
     */
    private record Decided(int[] ids, String[] values, boolean[] multi) {
    }

    private final Map<String, Integer> labelIds = new HashMap<>();
    private final Map<Interpreter.Outcome, Decided> decidedCache = new IdentityHashMap<>();

    private Decided decided(Interpreter.Outcome o) {
        return decidedCache.computeIfAbsent(o, x -> {
            Map<Integer, String> first = new java.util.TreeMap<>();
            Set<Integer> multi = new java.util.HashSet<>();
            for (Chooser.Decision d : x.decisions()) {
                Integer id = labelIds.computeIfAbsent(d.label(), k -> labelIds.size());
                first.putIfAbsent(id, d.shown());
                if (d.multi()) multi.add(id);
            }
            int[] ids = new int[first.size()];
            String[] values = new String[first.size()];
            boolean[] many = new boolean[first.size()];
            int k = 0;
            for (Map.Entry<Integer, String> e : first.entrySet()) {
                ids[k] = e.getKey();
                values[k] = e.getValue();
                many[k] = multi.contains(e.getKey());
                k++;
            }
            return new Decided(ids, values, many);
        });
    }

    private final Map<Interpreter.Outcome, Set<String>> multiCache = new IdentityHashMap<>();

    private Set<String> multiLabels(Interpreter.Outcome o) {
        return multiCache.computeIfAbsent(o, x -> {
            Set<String> m = new java.util.HashSet<>();
            for (Chooser.Decision d : x.decisions()) if (d.multi()) m.add(d.label());
            return m;
        });
    }

    /**
     * Whether the change from the blocked call to the final one is the event Q waits for: a guard of Q
     * had a value with which Q is registered and now has one with which it is not, while every other
     * guard the final call decides keeps a value with which Q is registered (the final call is on
     * Q's road, only the awaited condition changed).
     */
    private boolean guardChanged(Interpreter.Outcome blocked, Interpreter.Outcome fin, Map<String, Set<String>> guards) {
        Map<String, String> b = shown(blocked), f = shown(fin);
        Set<String> multi = multiLabels(blocked);
        boolean event = false;
        for (Map.Entry<String, Set<String>> g : guards.entrySet()) {
            String x = b.get(g.getKey()), y = f.get(g.getKey());
            if (y == null || g.getValue().contains(y)) continue;
            if (multi.contains(g.getKey()) || x == null || !g.getValue().contains(x)) return false;
            event = true;
        }
        return event;
    }

    /**
     * How well the final call explains the hang after the blocked one: the state Q's registration
     * depends on changes (4), and as little else as possible (one change is the device event itself).
     */
    private int finalScore(Interpreter.Outcome blocked, Interpreter.Outcome fin, Map<String, Set<String>> guards) {
        return (guardChanged(blocked, fin, guards) ? 4 : 0) - Math.max(0, changes(blocked, fin) - 1);
    }

    private static boolean skips(Interpreter.Outcome o, String queue) {
        return queue == null ? o.registrations().isEmpty() : !o.queues().contains(queue);
    }

    private Set<Api> scope = Set.of();
    private Masks scopeMasks = new Masks(List.of(), List.of());
    private final Map<String, Map<String, Set<String>>> guardCache = new HashMap<>();

    private Map<String, Set<String>> guardsOf(String queue) {
        return guardCache.computeIfAbsent(queue, q -> guards(q, scope, scopeMasks));
    }

    /**
     * Whether the change from the blocked call to {@code fin} is what another queue the first call did
     * register waits for: the driver would wake that queue and the caller with it.
     */
    private boolean explainedByOther(Interpreter.Outcome first, Interpreter.Outcome blocked, Interpreter.Outcome fin,
                                     String queue) {
        for (String r : first.queues()) {
            if (!r.equals(queue) && guardChanged(blocked, fin, guardsOf(r))) return true;
        }
        return false;
    }

    /**
     * The final call that best explains the hang: reports something the caller asked for, after a
     * change that no queue registered by {@code first} waits for.
     */
    private Interpreter.Outcome bestFinal(List<Interpreter.Outcome> finals, Predicate<Long> reports,
                                          Interpreter.Outcome first, Interpreter.Outcome blocked, String queue,
                                          Map<String, Set<String>> guards, int[] score) {
        // Many scenarios share their blocked and first calls: remember the answer per pair and readiness test.
        Map<String, Object[]> memo = finalCache.computeIfAbsent(blocked, b -> new IdentityHashMap<>())
                .computeIfAbsent(first, x -> new HashMap<>());
        String key = readinessId + "|" + queue;
        Object[] hit = memo.get(key);
        if (hit != null) {
            score[0] = (Integer) hit[1];
            return (Interpreter.Outcome) hit[0];
        }
        Interpreter.Outcome r = bestFinalUncached(finals, reports, first, blocked, queue, guards, score);
        memo.put(key, new Object[] {r, score[0]});
        return r;
    }

    private final Map<Interpreter.Outcome, Map<Interpreter.Outcome, Map<String, Object[]>>> finalCache =
            new IdentityHashMap<>();
    /** Identifies the readiness test of the scenario being built (key, or select sets), for the cache. */
    private String readinessId = "";

    private Interpreter.Outcome bestFinalUncached(List<Interpreter.Outcome> finals, Predicate<Long> reports,
                                                  Interpreter.Outcome first, Interpreter.Outcome blocked, String queue,
                                                  Map<String, Set<String>> guards, int[] score) {
        Interpreter.Outcome best = null;
        int bestScore = Integer.MIN_VALUE;
        for (Interpreter.Outcome f : finals) {
            if (!reports.test(f.mask())) continue;
            if (explainedByOther(first, blocked, f, queue)) continue;
            if (gate != null && queue != null && gate.waker(first, blocked, f, queue) == null) continue;
            int s = finalScore(blocked, f, guards);
            if (s > bestScore) {
                best = f;
                bestScore = s;
                if (s == 4) break;
            }
        }
        score[0] = bestScore;
        return best;
    }

    /** Whether the device state of {@code first}, had the first call asked for {@code key}, would have registered Q. */
    private boolean registersUnder(Interpreter.Outcome first, long key, String queue) {
        if (queue == null) return false;
        // A first-call path under that key that agrees with every choice both made, and registers Q.
        for (Interpreter.Outcome o : explorer.explore(key, true).paths()) {
            if (o.queues().contains(queue) && changes(first, o) == 0) return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ per API

    /** The best witness on {@code api} for {@code queue} (null: a first call that registers nothing), or null. */
    Found search(Api api, String queue, Set<Api> scope, Masks masks) {
        this.scope = scope;
        this.scopeMasks = masks;
        Map<String, Set<String>> guards = queue == null ? Map.of() : guardsOf(queue);
        return switch (api) {
            case POLL -> searchPoll(queue, masks.fin(), guards);
            case SELECT -> searchSelect(queue, guards);
            case EPOLL -> searchEpoll(queue, masks, guards);
        };
    }

    /** A scenario found on paths, replayed through the kernel model only if it is the best. */
    private record Plan(int score, java.util.function.Supplier<Witness> replay) {
    }

    /**
     * Orders scenarios: by how well they explain the hang, then by how many queues the first call did
     * register (a first call that registers the other queues shows the skip most plainly).
     */
    private static int rank(int score, Interpreter.Outcome first) {
        return score * 10 + Math.min(9, first.queues().size());
    }

    /** The best plan whose replay holds; plans of equal score in the order found. */
    private static Found replayBest(Api api, String queue, List<Plan> plans) {
        List<Plan> sorted = new ArrayList<>(plans);
        sorted.sort((a, b) -> Integer.compare(b.score(), a.score()));
        int tries = 0;
        for (Plan p : sorted) {
            if (++tries > 8) break;
            Witness w = p.replay().get();
            if (w != null) return new Found(api, queue, w, p.score());
        }
        return null;
    }

    private Found searchPoll(String queue, List<Long> masks, Map<String, Set<String>> guards) {
        List<Plan> plans = new ArrayList<>();
        for (long events : masks) {
            long k = pollKey(events);
            readinessId = "poll:" + k;
            int tried = 0;
            for (Interpreter.Outcome p1 : firstCalls(k)) {
                if (!skips(p1, queue) || (p1.mask() & k) != 0) continue;
                if (++tried > FIRST_CALL_CANDIDATES) break;
                int[] s = {0};
                Interpreter.Outcome f = bestFinal(explorer.explore(k, false).paths(), m -> (m & k) != 0, p1, p1, queue,
                        guards, s);
                if (f == null) continue;
                plans.add(new Plan(rank(s[0], p1), () -> replayPoll(queue, events, p1, f)));
            }
        }
        return replayBest(Api.POLL, queue, plans);
    }

    private static boolean selectReady(long mask, boolean in, boolean out, boolean ex) {
        return ((mask & PollBits.POLLIN_SET) != 0 && in) || ((mask & PollBits.POLLOUT_SET) != 0 && out)
                || ((mask & PollBits.POLLEX_SET) != 0 && ex);
    }

    private Found searchSelect(String queue, Map<String, Set<String>> guards) {
        List<Plan> plans = new ArrayList<>();
        for (boolean[] set : SELECT_SETS) {
            boolean in = set[0], out = set[1], ex = set[2];
            long k = SelectSyscall.key(in, out);
            readinessId = "select:" + in + out + ex;
            int tried = 0;
            for (Interpreter.Outcome p1 : firstCalls(k)) {
                if (!skips(p1, queue) || selectReady(p1.mask(), in, out, ex)) continue;
                if (++tried > FIRST_CALL_CANDIDATES) break;
                int[] s = {0};
                Interpreter.Outcome f = bestFinal(explorer.explore(k, false).paths(), m -> selectReady(m, in, out, ex),
                        p1, p1, queue, guards, s);
                if (f == null) continue;
                plans.add(new Plan(rank(s[0], p1), () -> replaySelect(queue, in, out, ex, p1, f)));
            }
        }
        return replayBest(Api.SELECT, queue, plans);
    }

    private Found searchEpoll(String queue, Masks masks, Map<String, Set<String>> guards) {
        List<Plan> plans = new ArrayList<>();
        List<long[]> combos = new ArrayList<>();
        for (long e1 : masks.fin()) combos.add(new long[] {e1, -1});
        for (long e1 : masks.add()) {
            for (long e2 : masks.fin()) {
                // A MOD matters when it asks for something the ADD did not.
                if ((e2 & ~e1) != 0) combos.add(new long[] {e1, e2});
            }
        }
        for (long[] combo : combos) {
            long e1 = combo[0];
            boolean mod = combo[1] >= 0;
            long k1 = epollKey(e1);
            long kf = mod ? epollKey(combo[1]) : k1;
            readinessId = "epoll:" + kf;
            int tried = 0;
            for (Interpreter.Outcome p1 : firstCalls(k1)) {
                if (!skips(p1, queue)) continue;
                if (++tried > FIRST_CALL_CANDIDATES) break;
                Interpreter.Outcome p2 = null;
                if (mod) {
                    p2 = modCall(p1, kf);
                    if (p2 == null) continue;
                }
                Interpreter.Outcome last = mod ? p2 : p1;
                // ADD or MOD put the item on the ready list if its poll reported something; MOD does not
                // take it off. The next epoll_wait re-polls it: if the state still reports, the caller
                // gets that and waits again after consuming it.
                boolean onReadyList = (p1.mask() & k1) != 0 || (last.mask() & kf) != 0;
                boolean ready = (last.mask() & kf) != 0;
                Interpreter.Outcome drain = null;
                int changed = 0;
                if (ready) {
                    drain = drainCall(last, kf, queue);
                    if (drain == null) continue; // always ready: epoll_wait never sleeps
                    changed = changes(last, drain);
                } else if (onReadyList) {
                    drain = last;
                }
                Interpreter.Outcome blocked = drain != null ? drain : last;
                int[] s = {0};
                Interpreter.Outcome f = bestFinal(explorer.explore(kf, false).paths(), m -> (m & kf) != 0, p1, blocked,
                        queue, guards, s);
                if (f == null) continue;
                int score = s[0] - changed;
                if (mod) {
                    long fresh = f.mask() & kf & ~k1;
                    if (fresh != 0 && registersUnder(p1, kf, queue)) score += 2;
                    score -= 1;
                }
                if (ready) score -= 1;
                Long e2 = mod ? combo[1] : null;
                Interpreter.Outcome mp2 = p2, deliver = ready ? last : null, dr = drain;
                plans.add(new Plan(rank(score, p1), () -> replayEpoll(queue, e1, e2, p1, mp2, deliver, dr, f)));
            }
        }
        return replayBest(Api.EPOLL, queue, plans);
    }

    private final Map<Long, List<Interpreter.Outcome>> firstCallOrder = new HashMap<>();

    /**
     * First-call paths in the order they are tried as the start of a scenario: those that register
     * more queues first (the skip then shows most plainly), otherwise in search order.
     */
    private List<Interpreter.Outcome> firstCalls(long key) {
        return firstCallOrder.computeIfAbsent(key, k -> {
            List<Interpreter.Outcome> l = new ArrayList<>(explorer.explore(k, true).paths());
            l.sort((a, b) -> Integer.compare(b.queues().size(), a.queues().size()));
            return l;
        });
    }

    private final Map<Interpreter.Outcome, Map<Long, Interpreter.Outcome[]>> modCache = new IdentityHashMap<>();
    private final Map<Interpreter.Outcome, Map<String, Interpreter.Outcome[]>> drainCache = new IdentityHashMap<>();

    /**
     * The {@code EPOLL_CTL_MOD} re-poll after {@code add}: the device does not change between the two,
     * so the same choices where both decide; one that reports nothing is preferred.
     */
    private Interpreter.Outcome modCall(Interpreter.Outcome add, long key) {
        return modCache.computeIfAbsent(add, x -> new HashMap<>()).computeIfAbsent(key, k -> {
            Interpreter.Outcome p2 = null;
            for (Interpreter.Outcome o : explorer.explore(key, false).paths()) {
                if (changes(add, o) != 0) continue;
                if (p2 == null || ((o.mask() & key) == 0 && (p2.mask() & key) != 0)) p2 = o;
                if ((p2.mask() & key) == 0) break;
            }
            return new Interpreter.Outcome[] {p2};
        })[0];
    }

    /**
     * After the caller consumed what was reported, a re-poll that finds nothing, changing as little as
     * possible; with the driver model, only a change its runtime code can make ({@link StateGate#mover}).
     */
    private Interpreter.Outcome drainCall(Interpreter.Outcome last, long key, String queue) {
        return drainCache.computeIfAbsent(last, x -> new HashMap<>()).computeIfAbsent(key + "|" + queue, k -> {
            Interpreter.Outcome drain = null;
            int best = Integer.MAX_VALUE;
            for (Interpreter.Outcome o : explorer.explore(key, false).paths()) {
                if ((o.mask() & key) != 0) continue;
                int c = changes(last, o);
                if (c < best && gate != null && queue != null && gate.mover(last, o, queue) == null) continue;
                if (c < best) {
                    drain = o;
                    best = c;
                    if (c <= 1) break;
                }
            }
            return new Interpreter.Outcome[] {drain};
        })[0];
    }

    // ------------------------------------------------------------------ replay through the kernel model

    /** The driver's poll method, following a script of paths, one per call. */
    private final class ScriptedFile implements PollFile {
        final Deque<List<Integer>> script = new ArrayDeque<>();
        final List<Interpreter.Outcome> seen = new ArrayList<>();
        final List<Long> keys = new ArrayList<>();
        final List<Boolean> qprocs = new ArrayList<>();
        final WaitQueues queues;

        ScriptedFile(WaitQueues queues) {
            this.queues = queues;
        }

        @Override
        public long poll(PollTable pt) {
            List<Integer> prefix = script.isEmpty() ? List.of() : script.poll();
            keys.add(pt.key);
            qprocs.add(pt.qprocSet());
            Interpreter.Outcome o = interpreter.run(fn, pt, queues, new Chooser(prefix, maxDecisions));
            seen.add(o);
            return o.mask();
        }
    }

    private boolean sameAs(Interpreter.Outcome replayed, Interpreter.Outcome planned) {
        return replayed.bound() == null && replayed.mask() == planned.mask()
                && replayed.queues().equals(planned.queues());
    }

    private Witness.Step callStep(String description, ScriptedFile f, int i) {
        Interpreter.Outcome o = f.seen.get(i);
        return new Witness.Step(Witness.Kind.CALL, description, f.keys.get(i), f.qprocs.get(i), choices(o),
                List.copyOf(o.queues()), o.mask());
    }

    /** {@code " once foo_read() (read, runtime) at f.c:12 changed it"}: who made the change before a drain re-poll, or "". */
    private String drainedBy(String queue, Interpreter.Outcome from, Interpreter.Outcome drain) {
        if (gate == null || queue == null) return "";
        Witness.Waker w = gate.mover(from, drain, queue);
        if (w == null || w == StateGate.NO_WRITER_NEEDED || w.function() == null) return "";
        return " once " + w.function() + "() (" + w.role() + ") at " + w.file() + ":" + w.line() + " changed "
                + String.join(", ", changedState(from, drain));
    }

    private static Witness.Step sleepStep(String description) {
        return new Witness.Step(Witness.Kind.SLEEP, description, null, null, List.of(), List.of(), null);
    }

    private static List<String> choices(Interpreter.Outcome o) {
        List<String> out = new ArrayList<>();
        for (Chooser.Decision d : o.decisions()) out.add(d.shown());
        return out;
    }

    /** The choices of {@code fin} that differ from those of {@code blocked}: the state the waker changes. */
    private List<String> changedState(Interpreter.Outcome blocked, Interpreter.Outcome fin) {
        Map<String, String> b = shown(blocked);
        List<String> changes = new ArrayList<>();
        for (Chooser.Decision d : fin.decisions()) {
            String before = b.get(d.label());
            if ((before == null || !before.equals(d.shown())) && !changes.contains(d.shown())) changes.add(d.shown());
        }
        return changes;
    }

    /**
     * The steps between the sleep and the final call: the device state changes, by the code that makes
     * each change, and the last of it wakes {@code queue}, on which the first call registered nobody;
     * null when a wake-up reaches a waiter.
     */
    private List<Witness.Step> wakerStep(String queue, WaitQueues queues, Interpreter.Outcome first, Interpreter.Outcome blocked,
                                   Interpreter.Outcome fin) {
        List<String> changes = changedState(blocked, fin);
        String what = changes.isEmpty() ? "the device becomes ready" : "the device state changes: " + String.join(", ",
                changes.subList(0, Math.min(4, changes.size())));
        if (gate != null && queue != null) {
            // The driver code that makes the changes, as the model names it, each with the queues it wakes.
            StateGate.Plan plan = gate.plan(first, blocked, fin, queue);
            if (plan == null) return null;
            List<Witness.Step> out = new ArrayList<>();
            for (StateGate.Change c : plan.setters()) {
                if (wakesWaiter(c.by(), queues, first)) return null;
                out.add(new Witness.Step(Witness.Kind.WAKER, "the device state changes: " + String.join(", ", c.makes()) + "; "
                        + c.by().function() + "() makes it" + (c.by().wakes().isEmpty() ? ", waking no queue"
                        : " and wakes " + String.join(", ", c.by().wakes()) + ": nobody waits there"),
                        null, null, List.copyOf(c.makes()), List.of(), null, c.by()));
            }
            Witness.Waker w = plan.last().by();
            if (wakesWaiter(w, queues, first)) return null;
            List<String> made = plan.last().makes().isEmpty() ? changes : plan.last().makes();
            String whatLast = "the device state changes: " + String.join(", ", made.subList(0, Math.min(4, made.size())));
            out.add(new Witness.Step(Witness.Kind.WAKER, whatLast + "; " + w.function() + "() makes it and wakes "
                    + String.join(", ", w.wakes()) + ": nobody waits there (" + queue + " was never registered)",
                    null, null, List.copyOf(made), List.of(), null, w));
            return out;
        }
        if (queue == null) {
            return List.of(new Witness.Step(Witness.Kind.WAKER, what + "; the driver wakes its wait queue: the first call "
                    + "registered none, so nobody is woken", null, null, List.copyOf(changes), List.of(), null,
                    new Witness.Waker(null, null, null, 0, List.of())));
        }
        List<WaitQueue.Waiter> woken = queues.get(queue).wakeUp(0);
        if (!woken.isEmpty()) return null;
        return List.of(new Witness.Step(Witness.Kind.WAKER, what + "; wake_up(" + queue + "): no waiter was ever registered "
                + "on it, nobody is woken", null, null, List.copyOf(changes), List.of(), null,
                new Witness.Waker(null, null, null, 0, List.of(queue))));
    }

    /**
     * Whether {@code w}'s wakes reach a waiter: its queues are spelt in the waker's own variables and
     * are matched with the method's by their last member.
     */
    private static boolean wakesWaiter(Witness.Waker w, WaitQueues queues, Interpreter.Outcome first) {
        for (String q : w.wakes()) {
            String key = dev.pollcheck.driver.DriverModel.lastIdent(q);
            if (!queues.get(Interpreter.canonicalQueue(q)).wakeUp(0).isEmpty()) return true;
            for (String r : first.queues()) {
                if (dev.pollcheck.driver.DriverModel.lastIdent(r).equals(key) && !queues.get(r).wakeUp(0).isEmpty()) return true;
            }
        }
        return false;
    }

    /**
     * The final call: the method called now, with {@code _qproc} NULL, and what it returns, while the
     * caller stays asleep ({@code blocked} says how, given the ready events); null when the call does not
     * take the planned path or {@code ready} refuses its mask.
     */
    private Witness.Step finalStep(long key, Interpreter.Outcome fin, WaitQueues queues,
                                   java.util.function.LongPredicate ready,
                                   java.util.function.LongFunction<String> blocked) {
        Interpreter.Outcome o = interpreter.run(fn, Explorer.table(key, false), queues,
                new Chooser(fin.prefix(), maxDecisions));
        if (!sameAs(o, fin) || !ready.test(o.mask())) return null;
        return new Witness.Step(Witness.Kind.FINAL, fn.name() + "() called now (_qproc NULL) would return "
                + PollBits.describe(o.mask()) + "; " + blocked.apply(o.mask()), key, false, choices(o), List.of(),
                o.mask());
    }

    private Witness replayPoll(String queue, long events, Interpreter.Outcome p1, Interpreter.Outcome fin) {
        WaitQueues queues = new WaitQueues();
        ScriptedFile f = new ScriptedFile(queues);
        f.script.add(p1.prefix());
        PollSyscall call = new PollSyscall(List.of(new PollSyscall.Fd(f, events)), false);
        if (call.start() != PollSyscall.State.SLEEPING || !sameAs(f.seen.get(0), p1)) return null;
        List<Witness.Step> steps = new ArrayList<>();
        steps.add(callStep("poll(events=" + PollBits.describe(events) + "): first pass calls " + fn.name()
                + "(), nothing to report", f, 0));
        steps.add(sleepStep("poll() sleeps"));
        List<Witness.Step> wake = wakerStep(queue, queues, p1, p1, fin);
        if (wake == null || !call.blocked()) return null;
        steps.addAll(wake);
        long k = pollKey(events);
        Witness.Step last = finalStep(k, fin, queues, m -> (m & k) != 0,
                m -> "poll() stays asleep although " + PollBits.describe(m & k) + " is ready");
        if (last == null) return null;
        steps.add(last);
        return new Witness(Api.POLL.id(), steps);
    }

    private Witness replaySelect(String queue, boolean in, boolean out, boolean ex, Interpreter.Outcome p1,
                                 Interpreter.Outcome fin) {
        WaitQueues queues = new WaitQueues();
        ScriptedFile f = new ScriptedFile(queues);
        f.script.add(p1.prefix());
        SelectSyscall call = new SelectSyscall(List.of(new SelectSyscall.Fd(f, in, out, ex)), false);
        if (call.start() != PollSyscall.State.SLEEPING || !sameAs(f.seen.get(0), p1)) return null;
        String sets = (in ? "read " : "") + (out ? "write " : "") + (ex ? "except " : "");
        List<Witness.Step> steps = new ArrayList<>();
        steps.add(callStep("select(fd in " + sets.strip().replace(' ', '+') + " set): first pass calls " + fn.name()
                + "(), nothing ready in those sets", f, 0));
        steps.add(sleepStep("select() sleeps"));
        List<Witness.Step> wake = wakerStep(queue, queues, p1, p1, fin);
        if (wake == null || !call.blocked()) return null;
        steps.addAll(wake);
        long k = SelectSyscall.key(in, out);
        Witness.Step last = finalStep(k, fin, queues, m -> selectReady(m, in, out, ex),
                m -> "select() stays asleep although the fd is ready (" + PollBits.describe(m) + ")");
        if (last == null) return null;
        steps.add(last);
        return new Witness(Api.SELECT.id(), steps);
    }

    private Witness replayEpoll(String queue, long e1, Long e2, Interpreter.Outcome p1, Interpreter.Outcome p2,
                                Interpreter.Outcome deliver, Interpreter.Outcome drain, Interpreter.Outcome fin) {
        WaitQueues queues = new WaitQueues();
        ScriptedFile f = new ScriptedFile(queues);
        Epoll ep = new Epoll();
        List<Witness.Step> steps = new ArrayList<>();
        f.script.add(p1.prefix());
        Epoll.Item item = ep.add(f, e1);
        if (!sameAs(f.seen.get(0), p1)) return null;
        steps.add(callStep("epoll_ctl(EPOLL_CTL_ADD, events=" + PollBits.describe(e1) + ") calls " + fn.name()
                + "() with _qproc set: the only call that can register", f, 0));
        int calls = 1;
        if (e2 != null) {
            f.script.add(p2.prefix());
            ep.mod(item, e2);
            if (!sameAs(f.seen.get(calls), p2)) return null;
            steps.add(callStep("epoll_ctl(EPOLL_CTL_MOD, events=" + PollBits.describe(e2) + ") re-polls with _qproc "
                    + "NULL: nothing new can be registered", f, calls));
            calls++;
        }
        if (item.ready()) {
            if (drain == null) return null;
            if (deliver != null) {
                f.script.add(deliver.prefix());
                List<Epoll.Delivered> got = ep.epollWait();
                // The same state as the last ctl call, re-polled with _qproc NULL: the same mask, no registrations.
                Interpreter.Outcome again = f.seen.get(calls);
                if (got.isEmpty() || again.bound() != null || again.mask() != deliver.mask()) return null;
                steps.add(callStep("epoll_wait() re-polls and returns " + PollBits.describe(got.get(0).events())
                        + "; the caller handles it", f, calls));
                calls++;
            }
            f.script.add(drain.prefix());
            if (!ep.epollWait().isEmpty() || !sameAs(f.seen.get(calls), drain)) return null;
            steps.add(callStep("epoll_wait() re-polls, nothing to report" + drainedBy(queue, deliver != null ? deliver : (p2 != null ? p2 : p1), drain)
                    + ": the item leaves the ready list", f, calls));
            steps.add(sleepStep("epoll_wait() sleeps"));
        } else {
            if (!ep.epollWait().isEmpty()) return null;
            steps.add(sleepStep("epoll_wait(): nothing ready, the caller sleeps"));
        }
        if (!ep.blocked()) return null;
        List<Witness.Step> wake = wakerStep(queue, queues, p1, drain != null ? drain : (p2 != null ? p2 : p1), fin);
        if (wake == null || !ep.blocked()) return null;
        steps.addAll(wake);
        long kf = item.events();
        Witness.Step last = finalStep(kf, fin, queues, m -> (m & kf) != 0,
                m -> "epoll_wait() stays blocked although " + PollBits.describe(m & kf & ~PollBits.EP_PRIVATE_BITS)
                        + " is ready");
        if (last == null) return null;
        steps.add(last);
        return new Witness(Api.EPOLL.id(), steps);
    }

    /** Bounds met by every exploration so far, sorted. */
    Set<String> boundsHit() {
        Set<String> out = new TreeSet<>();
        for (Explorer.Exploration e : explorer.all()) out.addAll(e.bounds());
        return out;
    }

    /** Notes made by every exploration so far, sorted. */
    Set<String> notes() {
        Set<String> out = new TreeSet<>();
        for (Explorer.Exploration e : explorer.all()) out.addAll(e.notes());
        return out;
    }

    /** Whether every exploration made so far was exhaustive and no path was abandoned at a bound. */
    boolean exhaustive() {
        for (Explorer.Exploration e : explorer.all()) {
            if (!e.exhaustive() || e.abandoned() > 0) return false;
        }
        return true;
    }

    static Map<Api, Integer> order() {
        Map<Api, Integer> m = new LinkedHashMap<>();
        m.put(Api.EPOLL, 0);
        m.put(Api.POLL, 1);
        m.put(Api.SELECT, 2);
        return m;
    }
}
