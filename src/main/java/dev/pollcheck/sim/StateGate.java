package dev.pollcheck.sim;

import dev.pollcheck.driver.Atom;
import dev.pollcheck.driver.Atoms;
import dev.pollcheck.driver.DriverModel;
import dev.pollcheck.driver.Role;
import dev.pollcheck.driver.StateJudge;
import dev.pollcheck.driver.Wake;
import dev.pollcheck.driver.Write;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What may happen between two calls of a poll method, by the driver model (the facts the rules'
 * PW002 judgement reads, {@link Atoms} and {@link DriverModel#writers}): a free value the method
 * tests may change only when some runtime code of the driver writes the state it reads, and only to
 * a value that code writes; the change is made by that code, which is the witness's waker. A change
 * whose only writers wake a queue the first call registered wakes the caller: no lost wake-up.
 * A result of a call the model cannot see into (a subsystem helper) may change when runtime code of
 * the driver wakes the skipped queue: that code signals it.
 */
final class StateGate {
    private final DriverModel model;
    /** Candidate writers per changed decision (label and value shown), in the order found. */
    private final Map<String, Candidates> cache = new HashMap<>();
    /** Why changes were refused, per skipped queue, in the order first met: the reason of an unconfirmed verdict. */
    private final Map<String, Set<String>> refusals = new HashMap<>();

    StateGate(DriverModel model) {
        this.model = model;
    }

    /** The runtime code that can make one decision take its new value, and the state it reads. */
    private record Candidates(String state, List<Witness.Waker> wakers) {
    }

    /**
     * The waker that moves the device from {@code blocked}'s state to {@code fin}'s and wakes no
     * queue {@code first} registered, or null (the reason is kept for {@link #refusals(String)}).
     */
    Witness.Waker waker(Interpreter.Outcome first, Interpreter.Outcome blocked, Interpreter.Outcome fin, String queue) {
        Map<String, String> before = new HashMap<>();
        for (Chooser.Decision d : blocked.decisions()) before.putIfAbsent(d.label(), d.shown());
        List<Chooser.Decision> changed = new ArrayList<>();
        List<Chooser.Decision> fresh = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Chooser.Decision d : fin.decisions()) {
            if (!seen.add(d.label()) || d.label().startsWith("mask:") || d.label().startsWith("iterate:")) continue;
            String b = before.get(d.label());
            if (b == null) fresh.add(d);
            else if (!b.equals(d.shown())) changed.add(d);
        }
        Set<String> registered = new java.util.HashSet<>();
        for (String q : first.queues()) registered.add(DriverModel.lastIdent(q));
        List<Chooser.Decision> gated = changed.isEmpty() ? fresh : changed;
        Witness.Waker pick = null;
        Witness.Waker wakesCaller = null;
        Witness.Waker silent = null;
        String stuck = null;
        for (Chooser.Decision d : gated) {
            Candidates c = candidates(d, fin, queue);
            if (c == null) continue; // not driver state (a parameter, a constant): nothing to ask
            if (c.wakers().isEmpty()) {
                if (changed.isEmpty()) continue; // a value the blocked call never read need not change
                stuck = c.state();
                break;
            }
            for (Witness.Waker w : c.wakers()) {
                boolean hits = false;
                for (String q : w.wakes()) hits |= registered.contains(DriverModel.lastIdent(q));
                if (!hits && !w.wakes().isEmpty() && pick == null) pick = w;
                if (hits && wakesCaller == null) wakesCaller = w;
                if (w.wakes().isEmpty() && silent == null) silent = w;
            }
        }
        if (stuck != null) {
            refuse(queue, "no code in the scanned files makes " + stuck + " and wakes a queue");
            return null;
        }
        if (pick != null) return pick;
        if (silent != null && wakesCaller == null && !changed.isEmpty()) {
            refuse(queue, "the state the final call needs is changed only by code that wakes no queue, such as "
                    + silent.function() + "() (" + silent.file() + ":" + silent.line() + ")");
            return null;
        }
        if (wakesCaller != null) {
            refuse(queue, "the state the final call needs is changed only by " + wakesCaller.function() + "() ("
                    + wakesCaller.file() + ":" + wakesCaller.line() + "), which wakes " + String.join(", ", wakesCaller.wakes())
                    + ", a queue the first call registered: the caller is woken");
            return null;
        }
        // No decision names driver state the model can follow: the code that wakes the skipped queue signals it.
        Witness.Waker w = queueWaker(queue, registered);
        if (w == null) refuse(queue, "no code in the scanned files wakes " + queue + " at runtime without waking a queue the first call registered");
        return w;
    }

    /** Why changes were refused so far for scenarios that skip {@code queue}, in the order met. */
    Set<String> refusals(String queue) {
        return refusals.getOrDefault(queue, Set.of());
    }

    private void refuse(String queue, String why) {
        refusals.computeIfAbsent(queue, q -> new LinkedHashSet<>()).add(why);
    }

    private Candidates candidates(Chooser.Decision d, Interpreter.Outcome fin, String queue) {
        return cache.computeIfAbsent(queue + "\0" + d.label() + "\0" + d.shown(), k -> compute(d, fin, queue));
    }

    private Candidates compute(Chooser.Decision d, Interpreter.Outcome fin, String queue) {
        Interpreter.Source src = fin.sources().get(d.label());
        if (src == null || src.owner() == null) return null;
        List<Atom> atoms = atoms(d, src);
        if (atoms.isEmpty()) return null;
        List<Witness.Waker> out = new ArrayList<>();
        boolean opaque = false;
        List<String> names = new ArrayList<>();
        model.prepare(atoms);
        for (Atom a : atoms) {
            names.add("`" + a.text() + "` " + valueWord(a.skipValue()));
            if (a.kind() == Atom.Kind.CONSTANT) continue;
            if (a.kind() == Atom.Kind.HELPER) opaque = true;
            for (Write w : model.writers(a)) {
                if (w.role() != Role.RUNTIME && w.role() != Role.UNKNOWN) continue;
                if (!StateJudge.reaches(w.value(), a.skipValue())) continue;
                out.add(new Witness.Waker(w.function(), w.origin().how() + ", " + w.role().id(), w.file(), w.line(), w.wakes()));
            }
        }
        if (out.isEmpty() && opaque) {
            // A subsystem's state (v4l2_event_pending): the driver code that wakes the skipped queue signals it.
            Witness.Waker w = queueWaker(queue, Set.of());
            if (w != null) out.add(w);
        }
        return new Candidates(String.join(", ", names), List.copyOf(out));
    }

    /** {@code true}, {@code NULL or 0}, {@code empty}, {@code FOO}: the value an atom must take, in words. */
    private static String valueWord(String v) {
        if (v == null) return "change";
        return switch (v) {
            case "0" -> "0 (false, NULL)";
            case "nonzero" -> "true (nonzero)";
            case "empty", "nonempty" -> v;
            default -> v.startsWith("!") ? "other than " + v.substring(1) : v;
        };
    }

    /** The atoms of a decision, each with the value that gives the decision's outcome. */
    private List<Atom> atoms(Chooser.Decision d, Interpreter.Source src) {
        String label = d.label();
        String shown = d.shown();
        boolean comparison = label.startsWith("(") || label.contains(" == ");
        if (comparison) {
            // The comparison holds when option 0 was taken ("a == b", "(a > b)").
            return Atoms.of(src.expr(), d.index() == 0, src.owner(), model);
        }
        String rest = shown.startsWith(label) ? shown.substring(label.length()) : "";
        int free = rest.indexOf(" (free:");
        if (free >= 0) rest = rest.substring(0, free);
        rest = rest.strip();
        if (rest.equals("= 0") || rest.equals("== 0")) return Atoms.of(src.expr(), false, src.owner(), model);
        if (rest.equals("!= 0")) return Atoms.of(src.expr(), true, src.owner(), model);
        String k = rest.startsWith("== ") ? rest.substring(3) : rest.startsWith("!= ") ? "!" + rest.substring(3) : null;
        List<Atom> atoms = Atoms.of(src.expr(), true, src.owner(), model);
        if (k == null) return atoms;
        List<Atom> out = new ArrayList<>();
        for (Atom a : atoms) {
            boolean direct = a.kind() == Atom.Kind.MEMBER || a.kind() == Atom.Kind.COUNTER;
            out.add(direct && atoms.size() == 1 ? a.withSkipValue(k) : a);
        }
        return out;
    }

    /** A runtime wake of {@code queue} in the driver whose function wakes none of {@code registered}. */
    private Witness.Waker queueWaker(String queue, Set<String> registered) {
        if (queue == null) return null;
        for (Wake k : model.wakes(DriverModel.lastIdent(queue))) {
            if (k.role() != Role.RUNTIME && k.role() != Role.UNKNOWN) continue;
            List<String> wakes = new ArrayList<>();
            boolean hits = false;
            for (Wake o : model.wakesIn(k.function())) {
                if (!wakes.contains(o.queue())) wakes.add(o.queue());
                hits |= registered.contains(o.queueKey());
            }
            if (wakes.isEmpty()) wakes.add(k.queue());
            if (!hits) return new Witness.Waker(k.function(), k.origin().how() + ", " + k.role().id(), k.file(), k.line(), wakes);
        }
        return null;
    }
}
