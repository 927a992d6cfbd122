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

    /** The poll method: the queues' spellings are in its terms. */
    private final dev.pollcheck.model.TopLevel.Function owner;

    StateGate(DriverModel model, dev.pollcheck.model.TopLevel.Function owner) {
        this.model = model;
        this.owner = owner;
    }

    /** The runtime code that can make one decision take its new value, and the state it reads. */
    private record Candidates(String state, List<Witness.Waker> wakers, boolean opaque) {
    }

    /**
     * Who can take the device from {@code from}'s state to {@code to}'s between two calls, when the
     * caller has consumed what was reported: the runtime code of the driver that writes each changed
     * state to its new value (the caller's own read or ioctl is such code). Null with the reason kept
     * for {@code queue} when some change has no such writer: a removed chip does not come back, a
     * buffer finalized stays so, and no re-poll of that scenario finds nothing to report.
     * {@link #NO_WRITER_NEEDED} when no change concerns state the model follows.
     */
    Witness.Waker mover(Interpreter.Outcome from, Interpreter.Outcome to, String queue) {
        Map<String, String> before = new HashMap<>();
        for (Chooser.Decision d : from.decisions()) before.putIfAbsent(d.label(), d.shown());
        Set<String> seen = new java.util.HashSet<>();
        Witness.Waker by = NO_WRITER_NEEDED;
        for (Chooser.Decision d : to.decisions()) {
            if (!seen.add(d.label()) || laterTurn(d)) continue;
            String b = before.get(d.label());
            if (b == null || b.equals(d.shown())) continue; // a value the earlier call never read need not change
            if (d.label().startsWith("mask:")) {
                if (constantSource(d, to) == null) continue; // a helper's mask: its subsystem moves it
                refuse(queue, "no code can change " + constantSource(d, to) + ", so no re-poll finds nothing to report");
                return null;
            }
            Candidates c = candidates(d, to, queue);
            if (c == null || c.opaque()) continue; // not driver state, or a subsystem's: its own consumer moves it
            if (c.wakers().isEmpty()) {
                refuse(queue, "no code in the scanned files makes " + c.state()
                        + " at runtime once the method has reported it, so no re-poll finds nothing to report");
                return null;
            }
            for (Witness.Waker w : c.wakers()) if (by == NO_WRITER_NEEDED || before(w, by)) by = w;
        }
        return by;
    }

    /** Known runtime code first, then by name and file: never by line, which moves with the definitions' order. */
    private static boolean before(Witness.Waker a, Witness.Waker b) {
        boolean ra = a.role() != null && a.role().endsWith(Role.RUNTIME.id()) && !a.role().endsWith(Role.UNKNOWN.id());
        boolean rb = b.role() != null && b.role().endsWith(Role.RUNTIME.id()) && !b.role().endsWith(Role.UNKNOWN.id());
        if (ra != rb) return ra;
        int c = String.valueOf(a.function()).compareTo(String.valueOf(b.function()));
        return c != 0 ? c < 0 : String.valueOf(a.file()).compareTo(String.valueOf(b.file())) < 0;
    }

    /** What {@link #mover} answers when the change needs no writer of the driver. */
    static final Witness.Waker NO_WRITER_NEEDED = new Witness.Waker(null, null, null, 0, List.of());

    /** One piece of driver code in a state change, and the choices of the final call it makes. */
    record Change(Witness.Waker by, List<String> makes) {
    }

    /**
     * The driver code that moves the device from the blocked call's state to the final one's: writers
     * that make some of the changes and wake no queue the first call registered, then the waker that
     * makes the rest and wakes the skipped queue. Each names only the changes its own writes make.
     */
    record Plan(List<Change> setters, Change last) {
    }

    /**
     * The waker that moves the device from {@code blocked}'s state to {@code fin}'s and wakes no
     * queue {@code first} registered, or null (the reason is kept for {@link #refusals(String)}).
     */
    Witness.Waker waker(Interpreter.Outcome first, Interpreter.Outcome blocked, Interpreter.Outcome fin, String queue) {
        Plan p = plan(first, blocked, fin, queue);
        return p == null ? null : p.last().by();
    }

    /** The whole state change of {@link #waker}, or null. */
    Plan plan(Interpreter.Outcome first, Interpreter.Outcome blocked, Interpreter.Outcome fin, String queue) {
        Map<String, String> before = new HashMap<>();
        for (Chooser.Decision d : blocked.decisions()) before.putIfAbsent(d.label(), d.shown());
        List<Chooser.Decision> changed = new ArrayList<>();
        List<Chooser.Decision> fresh = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Chooser.Decision d : fin.decisions()) {
            if (!seen.add(d.label()) || laterTurn(d)) continue;
            String b = before.get(d.label());
            if (d.label().startsWith("mask:")) {
                // A helper's mask is its subsystem's to change; a constant's (return -EIO) never changes.
                if (b != null && !b.equals(d.shown()) && constantSource(d, fin) != null) {
                    refuse(queue, "no code can change " + constantSource(d, fin) + " and wake a queue");
                    return null;
                }
                continue;
            }
            if (b == null) fresh.add(d);
            else if (!b.equals(d.shown())) changed.add(d);
        }
        Set<String> registered = new java.util.HashSet<>();
        for (String q : first.queues()) registered.add(DriverModel.lastIdent(q));
        List<Chooser.Decision> gated = changed.isEmpty() ? fresh : changed;
        Witness.Waker wakesCaller = null;
        Witness.Waker silent = null;
        String stuck = null;
        // Per changed decision, the runtime code that can make it.
        Map<Chooser.Decision, List<Witness.Waker>> per = new java.util.LinkedHashMap<>();
        for (Chooser.Decision d : gated) {
            Candidates c = candidates(d, fin, queue);
            if (c == null) continue; // not driver state (a parameter, a constant): nothing to ask
            if (c.wakers().isEmpty()) {
                if (changed.isEmpty()) continue; // a value the blocked call never read need not change
                stuck = c.state();
                break;
            }
            per.put(d, c.wakers());
            for (Witness.Waker w : c.wakers()) {
                boolean hits = hits(w, registered);
                if (hits && wakesCaller == null) wakesCaller = w;
                if (w.wakes().isEmpty() && silent == null) silent = w;
            }
        }
        // The waker: of those that wake the skipped queue and no queue the caller waits on, the one that
        // makes the most changes. A wake of another queue nobody waits on is not the wake-up the skip
        // loses: registering the skipped queue would not have woken the caller either.
        Witness.Waker pick = null;
        Witness.Waker elsewhere = null;
        int best = 0;
        for (List<Witness.Waker> l : per.values()) {
            for (Witness.Waker w : l) {
                if (hits(w, registered) || w.wakes().isEmpty()) continue;
                if (queue != null && !wakesQueue(w, queue)) {
                    if (elsewhere == null) elsewhere = w;
                    continue;
                }
                int n = 0;
                for (List<Witness.Waker> m : per.values()) n += makes(m, w) ? 1 : 0;
                if (n > best) {
                    pick = w;
                    best = n;
                }
            }
        }
        if (stuck == null && pick != null) {
            List<Change> setters = new ArrayList<>();
            List<String> last = new ArrayList<>();
            for (Map.Entry<Chooser.Decision, List<Witness.Waker>> e : per.entrySet()) {
                if (makes(e.getValue(), pick)) {
                    last.add(e.getKey().shown());
                    continue;
                }
                // Another change, made first by code that wakes nobody the caller waits on.
                Witness.Waker setter = null;
                for (Witness.Waker w : e.getValue()) if (!hits(w, registered) && setter == null) setter = w;
                if (setter == null) {
                    Witness.Waker w = e.getValue().get(0);
                    refuse(queue, "the state the final call needs is changed only by " + w.function() + "() (" + w.file() + ":"
                            + w.line() + "), which wakes " + String.join(", ", w.wakes()) + ", a queue the first call registered: the caller is woken");
                    return null;
                }
                Change prev = null;
                for (Change c : setters) if (c.by().function().equals(setter.function())) prev = c;
                if (prev != null) prev.makes().add(e.getKey().shown());
                else setters.add(new Change(setter, new ArrayList<>(List.of(e.getKey().shown()))));
            }
            return new Plan(List.copyOf(setters), new Change(pick, last));
        }
        if (stuck != null) {
            refuse(queue, "no code in the scanned files makes " + stuck + " and wakes a queue");
            return null;
        }
        if (elsewhere != null && wakesCaller == null) {
            refuse(queue, "the state the final call needs is made by code that wakes other queues than " + queue
                    + ", such as " + elsewhere.function() + "() (" + elsewhere.file() + ":" + elsewhere.line() + "), which wakes "
                    + String.join(", ", elsewhere.wakes()) + ": registering " + queue + " would not have woken the caller");
            return null;
        }
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
        Witness.Waker w = queueWaker(queue, registered, null);
        if (w == null) {
            refuse(queue, "no code in the scanned files makes the subsystem state the method reads change and wakes " + queue
                    + " at runtime without waking a queue the first call registered (a bare wake_up() changes no helper's result)");
            return null;
        }
        List<String> all = new ArrayList<>();
        for (Chooser.Decision d : gated) all.add(d.shown());
        return new Plan(List.of(), new Change(w, all));
    }

    /** Whether {@code w} wakes {@code queue} (by its last member, as registrations are matched). */
    private static boolean wakesQueue(Witness.Waker w, String queue) {
        String want = DriverModel.lastIdent(queue);
        for (String q : w.wakes()) if (DriverModel.lastIdent(q).equals(want)) return true;
        return false;
    }

    private static boolean hits(Witness.Waker w, Set<String> registered) {
        for (String q : w.wakes()) if (registered.contains(DriverModel.lastIdent(q))) return true;
        return false;
    }

    /** Whether {@code w}'s function is among the code that can make a change. */
    private static boolean makes(List<Witness.Waker> candidates, Witness.Waker w) {
        for (Witness.Waker c : candidates) if (java.util.Objects.equals(c.function(), w.function())) return true;
        return false;
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
        // -EIO, a macro from a header the scan did not read: unknown to the interpreter, but the same on every call.
        if (constant(src.expr())) return new Candidates("`" + dev.pollcheck.flow.CText.of(src.expr()) + "` (a constant) change", List.of(), false);
        List<Atom> atoms = atoms(d, src);
        if (atoms.isEmpty()) return null;
        List<Witness.Waker> out = new ArrayList<>();
        boolean opaque = false;
        Set<String> helpers = new java.util.TreeSet<>();
        List<String> names = new ArrayList<>();
        model.prepare(atoms);
        Map<Atom, List<Write>> writers = StateJudge.writers(atoms, model);
        Set<String> equalizers = equalizers(d, src, writers);
        for (Map.Entry<Atom, List<Write>> e : writers.entrySet()) {
            Atom a = e.getKey();
            names.add("`" + a.text() + "` " + valueWord(a.skipValue()));
            if (a.kind() == Atom.Kind.CONSTANT) continue;
            if (a.kind() == Atom.Kind.HELPER) {
                opaque = true;
                helpers.add(a.key());
            }
            for (Write w : e.getValue()) {
                if (w.role() != Role.RUNTIME && w.role() != Role.UNKNOWN) continue;
                if (!StateJudge.reaches(w.value(), a.skipValue())) continue;
                if (equalizers.contains(w.function())) continue;
                out.add(new Witness.Waker(w.function(), w.origin().how() + ", " + w.role().id(), w.file(), w.line(), w.wakes()));
            }
        }
        if (out.isEmpty() && opaque) {
            // A subsystem's state (v4l2_event_pending): the driver code whose subsystem call changes it
            // (v4l2_event_queue_fh, by a signals line of the helper models) and wakes the skipped queue.
            Witness.Waker w = queueWaker(queue, Set.of(), helpers);
            if (w != null) out.add(w);
        }
        return new Candidates(String.join(", ", names), List.copyOf(out), opaque);
    }

    /**
     * When the decision needs two members compared with each other to differ ({@code urgent !=
     * urgent_poll} holding, or {@code ==} failing): the functions that write both with one constant
     * ({@code urgent = 0; urgent_poll = 0;} in an init), which make them equal and never different.
     */
    private static Set<String> equalizers(Chooser.Decision d, Interpreter.Source src, Map<Atom, List<Write>> writers) {
        if (writers.size() != 2) return Set.of();
        dev.pollcheck.model.Expr e = dev.pollcheck.flow.CText.strip(src.expr());
        if (!(e instanceof dev.pollcheck.model.Expr.Binary b)
                || b.op() != dev.pollcheck.model.Expr.BinaryOp.NE && b.op() != dev.pollcheck.model.Expr.BinaryOp.EQ) {
            return Set.of();
        }
        // The decision reads as its outcome: "uctxt->urgent != uctxt->urgent_poll" when they must differ.
        if (!d.shown().contains(" != ") || d.shown().contains(" == ")) return Set.of();
        List<List<Write>> sides = new ArrayList<>(writers.values());
        Set<String> out = new java.util.TreeSet<>();
        for (Write x : sides.get(0)) {
            if (!isConstant(x.value())) continue;
            boolean sameOther = false;
            boolean otherValue = false;
            for (Write y : sides.get(1)) {
                if (!y.function().equals(x.function())) continue;
                if (x.value().equals(y.value())) sameOther = true;
                else otherValue = true;
            }
            boolean otherOwn = false;
            for (Write z : sides.get(0)) if (z.function().equals(x.function()) && !x.value().equals(z.value())) otherOwn = true;
            if (sameOther && !otherValue && !otherOwn) out.add(x.function());
        }
        return out;
    }

    /** A written value that is one constant: not a counter step, not unknown. */
    private static boolean isConstant(String v) {
        return v != null && !v.equals("+") && !v.equals("-") && !v.equals("?") && !v.isEmpty();
    }

    /** {@code `-EIO` (a constant)} when the decision's expression is a constant, else null. */
    private static String constantSource(Chooser.Decision d, Interpreter.Outcome o) {
        if (d.label().startsWith("mask:")) {
            // A returned mask is labelled by the value's text: -EIO, or ret from a subsystem call.
            String t = d.label().substring("mask:".length());
            return CONSTANT_TEXT.matcher(t).matches() ? "`" + t + "` (a constant)" : null;
        }
        Interpreter.Source src = o.sources().get(d.label());
        return src != null && src.expr() != null && constant(src.expr())
                ? "`" + dev.pollcheck.flow.CText.of(src.expr()) + "` (a constant)" : null;
    }

    /** Text made of numbers, upper-case names and operators only: {@code -EIO}, {@code EPOLLERR | 0x10}. */
    private static final java.util.regex.Pattern CONSTANT_TEXT =
            java.util.regex.Pattern.compile("[\\sA-Z0-9_()|&~+\\-<>xX]*[A-Z0-9][\\sA-Z0-9_()|&~+\\-<>xX]*");

    /** Whether {@code e} names no variable, member or call: constants and upper-case macro names only. */
    private static boolean constant(dev.pollcheck.model.Expr e) {
        boolean[] variable = {false};
        dev.pollcheck.model.Ast.walk(e, n -> {
            if (n instanceof dev.pollcheck.model.Expr.Name nm && !nm.id().equals(nm.id().toUpperCase(java.util.Locale.ROOT))) variable[0] = true;
            if (n instanceof dev.pollcheck.model.Expr.Member || n instanceof dev.pollcheck.model.Expr.Call
                    || n instanceof dev.pollcheck.model.Expr.Index) {
                variable[0] = true;
            }
        });
        return !variable[0];
    }

    /** {@code true}, {@code NULL or 0}, {@code empty}, {@code FOO}: the value an atom must take, in words. */
    private static String valueWord(String v) {
        if (v == null) return "change";
        return switch (v) {
            case "0" -> "0 (false, NULL)";
            case "nonzero" -> "true (nonzero)";
            case "empty", "nonempty" -> v;
            case "up" -> "higher";
            case "down" -> "lower";
            default -> v.startsWith("!") ? "other than " + v.substring(1).replace("|", ", ")
                    : v.startsWith("<") || v.startsWith(">") ? v.replaceFirst("^([<>]=?)", "$1 ") : v.replace("|", " or ");
        };
    }

    /** A later turn of a list walk: its elements are free; only the first turn says whether the list is empty. */
    private static boolean laterTurn(Chooser.Decision d) {
        return d.label().startsWith("iterate:") && !d.label().endsWith("#1");
    }

    /** The atoms of a decision, each with the value that gives the decision's outcome. */
    private List<Atom> atoms(Chooser.Decision d, Interpreter.Source src) {
        String label = d.label();
        String shown = d.shown();
        if (label.startsWith("iterate:")) {
            // list_for_each_entry(pos, head, member) runs a first turn when head is not empty.
            if (!(src.expr() instanceof dev.pollcheck.model.Expr.Call loop)) return List.of();
            int h = model.knowledge().entryHead(loop.name());
            if (h < 0 || h >= loop.args().size()) return List.of();
            dev.pollcheck.model.Expr empty = new dev.pollcheck.model.Expr.Call(loop.span(),
                    new dev.pollcheck.model.Expr.Name(loop.span(), "list_empty"), List.of(loop.args().get(h)));
            return Atoms.of(empty, !shown.endsWith(": iteration 1"), src.owner(), model);
        }
        String rest = shown.startsWith(label) ? shown.substring(label.length()) : "";
        int free = rest.indexOf(" (free:");
        if (free >= 0) rest = rest.substring(0, free);
        rest = rest.strip();
        // A value chosen for an expression reads "(dp->status & 4) = 0" even when the expression is
        // in parentheses; a comparison's outcome is the comparison itself or its negation.
        boolean value = rest.equals("= 0") || rest.equals("== 0") || rest.equals("!= 0") || rest.startsWith("== ")
                || rest.startsWith("!= ");
        boolean comparison = !value && (label.startsWith("(") || label.contains(" == "));
        if (comparison) {
            // The comparison holds when option 0 was taken ("a == b", "(a > b)").
            return Atoms.of(src.expr(), d.index() == 0, src.owner(), model);
        }
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

    /**
     * A runtime wake of {@code queue} by a subsystem call, in a function that wakes none of
     * {@code registered}; {@code helpers}: the subsystem helpers whose change the call must signal
     * ({@code signals} lines), null for any subsystem call.
     */
    private Witness.Waker queueWaker(String queue, Set<String> registered, Set<String> helpers) {
        if (queue == null) return null;
        for (Wake k : model.wakes(DriverModel.lastIdent(queue), DriverModel.queueTag(queue, owner))) {
            if (k.role() != Role.RUNTIME && k.role() != Role.UNKNOWN) continue;
            // Only a subsystem's own call changes the subsystem's state it wakes for (v4l2_event_queue_fh
            // queues the event v4l2_event_pending() reads); a plain wake_up() of a queue of the same name
            // changes no helper's result.
            if (!model.knowledge().signalsState(k.call())) continue;
            if (helpers != null && helpers.stream().noneMatch(h -> model.knowledge().signals(h, k.call()))) continue;
            // What runs with the wake, as for a write: the function's wakes and its callers' (a
            // buffer completed in a helper whose callers then wake a queue the first call registered).
            List<String> wakes = new ArrayList<>();
            boolean hits = false;
            for (String q : model.wakesAround(k)) {
                if (!wakes.contains(q)) wakes.add(q);
                hits |= registered.contains(DriverModel.lastIdent(q));
            }
            if (wakes.isEmpty()) wakes.add(k.queue());
            if (!hits) return new Witness.Waker(k.function(), k.origin().how() + ", " + k.role().id(), k.file(), k.line(), wakes);
        }
        return null;
    }
}
