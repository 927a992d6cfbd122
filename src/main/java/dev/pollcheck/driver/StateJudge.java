package dev.pollcheck.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a condition that skips a registration by the writers of its atoms (issue 10): written only
 * in setup or open and never at runtime, the state is invariant while the file is open; moved to
 * the skipping value only by teardown, it is terminal; moved away from it at runtime (or by code
 * whose role the model cannot tell), a waiter that came in the skipping state can be lost. The rules
 * and the simulator read this one semantics.
 */
public final class StateJudge {
    private StateJudge() {
    }

    public enum Verdict {
        /** Written only before or at open: cannot change while the file is open. */
        INVARIANT,
        /** Moved to the skipping value only by teardown, or by runtime code with nothing moving it back: once there, it stays. */
        TERMINAL,
        /** No atom in the condition: nothing the driver writes decides it. */
        NO_STATE,
        /** Moved away from the skipping value at runtime. */
        REAL,
        /** The model found no write of an atom in the files it read. */
        NO_WRITER;

        /** Whether the verdict is a warning (else a note). */
        public boolean warns() {
            return this == REAL || this == NO_WRITER || this == NO_STATE;
        }
    }

    /** One atom's verdict, with the write that decided it (null for NO_WRITER) and all its writers. */
    public record AtomVerdict(Atom atom, Verdict verdict, Write decisive, List<Write> writers) {
    }

    /** The condition's verdict (the worst of its atoms'), the atoms' own, and a phrase naming the evidence. */
    public record Judgement(Verdict verdict, List<AtomVerdict> atoms, String evidenceText, List<Evidence> evidence) {
    }

    /**
     * @param registered the last members of the queues the poll method registers on some path
     *                   ({@code read_wait}), to say whether a runtime writer wakes one of them
     */
    public static Judgement judge(List<Atom> atoms, DriverModel model, Set<String> registered) {
        return judge(atoms, model, registered, false);
    }

    /**
     * @param skipReportsReady the skipping path reports ready (a data-ready shortcut): then a runtime
     *                         write that puts the atom at the skipping value (a producer) loses the
     *                         wake-up too, once the caller has consumed what it was told about
     */
    public static Judgement judge(List<Atom> atoms, DriverModel model, Set<String> registered, boolean skipReportsReady) {
        List<AtomVerdict> out = new ArrayList<>();
        model.prepare(atoms);
        for (Map.Entry<Atom, List<Write>> e : writers(atoms, model).entrySet()) {
            out.add(judgeAtom(e.getKey(), e.getValue(), registered, skipReportsReady));
        }
        Verdict worst = atoms.isEmpty() ? Verdict.NO_STATE : Verdict.INVARIANT;
        for (AtomVerdict v : out) if (v.verdict().ordinal() > worst.ordinal()) worst = v.verdict();
        List<String> phrases = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (AtomVerdict v : out) {
            evidence.add(v.decisive() == null ? Evidence.none(v.atom()) : Evidence.of(v.atom(), v.decisive()));
            // The message names the atoms that make the verdict (all of them for a note).
            if (worst.warns() == v.verdict().warns()) phrases.add(phrase(v, registered));
        }
        String text = atoms.isEmpty() ? "no state that the driver writes is read by the condition" : String.join("; ", phrases);
        return new Judgement(worst, List.copyOf(out), text, List.copyOf(evidence));
    }

    /**
     * The writes that can change each atom of one condition, in the atoms' order; an atom that
     * cannot decide the condition on its own is left out. A flag tested in a member
     * ({@code dev->flags & FOO}) changes by writes of the bit by name (by its mask or, where the
     * mask's definition names it, its number) and by whole-word writes of the member; an or or and
     * of other named bits leaves it alone, and so does a write API given another bit's number when
     * every mask tested in the word is known by its number. So the member's named-bit writes
     * are the flag's business when the flag has writers of its own, and when no code names the bit,
     * the word's own writes ({@code dp->file_mode = translate_mode(file)}) decide. The rules'
     * verdicts and the simulator's state changes both read this.
     */
    public static Map<Atom, List<Write>> writers(List<Atom> atoms, DriverModel model) {
        Set<String> wordsWithBitWriters = new java.util.HashSet<>();
        for (Atom a : atoms) {
            if (a.kind() == Atom.Kind.FLAG && a.word() != null && !model.writers(a).isEmpty()) wordsWithBitWriters.add(a.word());
        }
        Map<Atom, List<Write>> out = new java.util.LinkedHashMap<>();
        for (Atom a : atoms) {
            List<Write> ws = a.kind() == Atom.Kind.CONSTANT ? List.of() : model.writers(a);
            if (a.kind() == Atom.Kind.MEMBER && wordsWithBitWriters.contains(a.text())) {
                boolean numbered = masksNumbered(atoms, a.text(), model);
                List<Write> whole = ws.stream().filter(w -> whole(w, numbered)).toList();
                if (whole.isEmpty()) continue;
                ws = whole;
            }
            if (a.kind() == Atom.Kind.FLAG && ws.isEmpty() && a.word() != null && wholeWordWrites(atoms, a.word(), model)) continue;
            out.put(a, ws);
        }
        return out;
    }

    /**
     * Whether {@code w} writes the whole word for the flags tested in it: not an or or and of named
     * bits, nor a write API given a bit by its number ({@code set_bit(BAR_BIT, &dev->flags)}) when
     * every mask tested in the word is known by its number ({@code numbered}); where one is not,
     * such a bit may be that mask's, and the write counts as the whole word's.
     */
    private static boolean whole(Write w, boolean numbered) {
        return !w.namedBitsOnly() || w.bitNumber() && !numbered;
    }

    /**
     * Whether every mask tested in {@code word} among {@code atoms} has a bit number that its
     * definition names ({@link DriverModel#bitNumber}): then a bit written by its number is that
     * mask's exactly when the names agree.
     */
    private static boolean masksNumbered(List<Atom> atoms, String word, DriverModel model) {
        for (Atom f : atoms) {
            if (f.kind() == Atom.Kind.FLAG && word.equals(f.word()) && model.bitNumber(f.key()) == null) return false;
        }
        return true;
    }

    /** Whether the member atom spelt {@code word} among {@code atoms} has writes of the whole word. */
    private static boolean wholeWordWrites(List<Atom> atoms, String word, DriverModel model) {
        boolean numbered = masksNumbered(atoms, word, model);
        for (Atom m : atoms) {
            if (m.kind() != Atom.Kind.MEMBER || !m.text().equals(word)) continue;
            for (Write w : model.writers(m)) if (whole(w, numbered)) return true;
        }
        return false;
    }

    static AtomVerdict judgeAtom(Atom a, List<Write> ws, Set<String> registered, boolean ready) {
        if (a.kind() == Atom.Kind.CONSTANT) return new AtomVerdict(a, Verdict.INVARIANT, null, List.of());
        if (ws.isEmpty()) return new AtomVerdict(a, Verdict.NO_WRITER, null, ws);
        Write runtime = null;
        Write producer = null;
        boolean leaves = false;
        for (Write w : ws) {
            if (w.role() != Role.RUNTIME && w.role() != Role.UNKNOWN) continue;
            boolean away = movesAway(w.value(), a.skipValue()) && runsAt(w, a.skipValue());
            leaves |= away;
            if (away || (ready && reaches(w.value(), a.skipValue()))) {
                if (runtime == null || rank(w, a, registered, ready).compareTo(rank(runtime, a, registered, ready)) < 0) runtime = w;
            } else if (producer == null && reaches(w.value(), a.skipValue())) {
                producer = w;
            }
        }
        // A producer loses a wake-up only once a consumer has taken the state away from the
        // skipping value; when no runtime code ever does, the skipping path, once taken, is taken
        // on every call (fuse's no_poll, set when the server says it cannot poll).
        if (runtime != null && leaves) return new AtomVerdict(a, Verdict.REAL, runtime, ws);
        if (runtime != null) producer = runtime;
        for (Write w : ws) {
            if (w.role() == Role.TEARDOWN && reaches(w.value(), a.skipValue())) return new AtomVerdict(a, Verdict.TERMINAL, w, ws);
        }
        if (producer != null) return new AtomVerdict(a, Verdict.TERMINAL, producer, ws);
        Write first = null;
        for (Write w : ws) {
            if (w.role() == Role.SETUP || w.role() == Role.OPEN) {
                first = w;
                break;
            }
        }
        return new AtomVerdict(a, Verdict.INVARIANT, first != null ? first : ws.get(0), ws);
    }

    /**
     * Which runtime writer a REAL verdict names, smallest first: one that wakes none of the
     * registered queues (that is the lost wake-up), then, when the skipping path reports ready, one
     * that puts the state there (the producer whose wake goes astray), then one whose role is known
     * (runtime) over one whose registration was not found, then by function name. Never
     * by position alone, so that the named writer does not depend on the order of definitions.
     */
    private static String rank(Write w, Atom a, Set<String> registered, boolean ready) {
        boolean producer = ready && reaches(w.value(), a.skipValue()) && !"?".equals(w.value());
        return (wakesRegistered(w, registered) ? "1" : "0") + (producer ? "0" : "1")
                + (w.role() == Role.RUNTIME ? "0" : "1") + w.function() + "\u0000"
                + w.file();
    }

    private static boolean wakesRegistered(Write w, Set<String> registered) {
        for (String q : w.wakes()) if (registered.contains(DriverModel.lastIdent(q))) return true;
        return false;
    }

    /**
     * Whether {@code value} satisfies the bound {@code sv} ({@code <0}, {@code >=1}); null when
     * {@code sv} is no bound or the value is no number.
     */
    static Boolean withinBound(String value, String sv) {
        if (value == null || !bound(sv)) return null;
        String op = sv.length() > 1 && sv.charAt(1) == '=' ? sv.substring(0, 2) : sv.substring(0, 1);
        long k, v;
        try {
            k = Long.parseLong(sv.substring(op.length()));
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
        return switch (op) {
            case "<" -> v < k;
            case "<=" -> v <= k;
            case ">" -> v > k;
            default -> v >= k;
        };
    }

    private static boolean bound(String sv) {
        return sv != null && !sv.isEmpty() && (sv.charAt(0) == '<' || sv.charAt(0) == '>');
    }

    /** Whether writing {@code value} can take the atom away from the skipping value {@code sv}. */
    public static boolean movesAway(String value, String sv) {
        if ("up".equals(sv) || "down".equals(sv)) {
            // A counter compared with another state: ++ or -- moves it one way only.
            return !("up".equals(sv) ? "+" : "-").equals(value);
        }
        if (bound(sv)) {
            Boolean in = withinBound(value, sv);
            return in == null || !in;
        }
        Boolean step = counterStep(value, sv, false);
        if (step != null) return step;
        if (sv == null || value == null || value.equals("?") || value.equals("+") || value.equals("-")) return true;
        if (sv.startsWith("!")) return constants(sv).contains(value);
        return !reaches(value, sv);
    }

    /**
     * The constants of a skipping value that is a set of them: {@code A}, {@code A|B} (the state
     * skips at these values) or {@code !A|B} (at any other value); null for the other forms
     * ({@code 0}, {@code nonzero}, {@code empty}, bounds, directions).
     */
    static Set<String> constants(String sv) {
        if (sv == null || sv.isEmpty() || bound(sv) || SPECIAL.contains(sv)) return null;
        String body = sv.startsWith("!") ? sv.substring(1) : sv;
        Set<String> out = new java.util.TreeSet<>(List.of(body.split("\\|")));
        if (out.contains("") || out.contains("0")) return null;
        return out;
    }

    private static final Set<String> SPECIAL = Set.of("0", "nonzero", "empty", "nonempty", "up", "down");

    /**
     * Two skipping values of one state joined: the intersection when skipping needs both tests
     * ({@code x != A && x != B} skips at any value but A and B), else the union
     * ({@code x == A || x == B} skips at A and B). Null when either is no set of constants or the
     * result is empty or everything (the first test alone then stands).
     */
    public static String combine(String a, String b, boolean intersect) {
        Set<String> ka = constants(a);
        Set<String> kb = constants(b);
        if (ka == null || kb == null) return null;
        boolean na = a.startsWith("!");
        boolean nb = b.startsWith("!");
        // Work with the complements when both are negated: not-N1 and not-N2 (intersection) is not-(N1 or N2).
        Set<String> out = new java.util.TreeSet<>();
        boolean negated;
        if (na && nb) {
            negated = true;
            if (intersect) {
                out.addAll(ka);
                out.addAll(kb);
            } else {
                out.addAll(ka);
                out.retainAll(kb);
            }
        } else if (!na && !nb) {
            negated = false;
            out.addAll(ka);
            if (intersect) out.retainAll(kb);
            else out.addAll(kb);
        } else {
            Set<String> pos = na ? kb : ka;
            Set<String> neg = na ? ka : kb;
            if (intersect) {
                negated = false; // P minus N
                out.addAll(pos);
                out.removeAll(neg);
            } else {
                negated = true; // not (N minus P)
                out.addAll(neg);
                out.removeAll(pos);
            }
        }
        if (out.isEmpty()) return null;
        return (negated ? "!" : "") + String.join("|", out);
    }

    /**
     * A counter's step against a zero test ({@code if (!dev->count)}, {@code count != 0}): counts do not
     * go below zero, so {@code ++} takes a zero count to nonzero and never a nonzero one to zero, and
     * {@code --} the other way. Null when {@code value} is no step or {@code sv} no zero test.
     */
    private static Boolean counterStep(String value, String sv, boolean reach) {
        if (sv == null || !("+".equals(value) || "-".equals(value))) return null;
        boolean toNonzero = "+".equals(value);
        return switch (sv) {
            case "0" -> reach ? !toNonzero : toNonzero;
            case "nonzero" -> reach ? toNonzero : !toNonzero;
            default -> null;
        };
    }

    /**
     * Whether {@code w} can run while the state is at the skipping value {@code sv}: a write under
     * {@code case SMC_ACTIVE:} of {@code switch (sk->sk_state)} cannot take the state away from
     * {@code SMC_CLOSED}, and one under {@code if (q->state != UACCE_Q_STARTED) return;} cannot take
     * it away from the values other than INIT and STARTED. Only a skipping value made of constants is
     * checked; a write with no guard can run at any value.
     */
    static boolean runsAt(Write w, String sv) {
        Set<String> k = constants(sv);
        if (w.from() == null || k == null) return true;
        // At a skipping value: one the guard lets through is in the set (or, for !N, outside N).
        for (String v : w.from()) if (sv.startsWith("!") != k.contains(v)) return true;
        return false;
    }

    /** Whether writing {@code value} can put the atom at the skipping value {@code sv}. */
    public static boolean reaches(String value, String sv) {
        if ("up".equals(sv) || "down".equals(sv)) return !("up".equals(sv) ? "-" : "+").equals(value);
        if (bound(sv)) {
            Boolean in = withinBound(value, sv);
            return in == null || in;
        }
        Boolean step = counterStep(value, sv, true);
        if (step != null) return step;
        if (sv == null || value == null || value.equals("?") || value.equals("+") || value.equals("-")) return true;
        boolean zero = value.equals("0") || value.equals("empty");
        return switch (sv) {
            case "0", "empty" -> zero;
            case "nonzero", "nonempty" -> !zero;
            default -> {
                Set<String> k = constants(sv);
                if (k == null) yield sv.startsWith("!") ? !value.equals(sv.substring(1)) : value.equals(sv);
                yield sv.startsWith("!") != k.contains(value);
            }
        };
    }

    static String phrase(AtomVerdict v, Set<String> registered) {
        Atom a = v.atom();
        String atom = (a.kind() == Atom.Kind.FLAG ? "flag " : "") + "`" + a.text() + "`";
        Write w = v.decisive();
        if (a.kind() == Atom.Kind.CONSTANT) return atom + " always returns " + a.skipValue() + " (" + a.type() + ")";
        if (w != null && w.owned()) return owned(atom, v);
        return switch (v.verdict()) {
            case NO_WRITER -> "no writer of " + atom + " found in the scanned files";
            case REAL -> atom + " is written by `" + w.function() + "()` (" + where(w) + ")" + wakesText(w, registered);
            case TERMINAL -> atom + " is moved to the skipping value only by `" + w.function() + "()` (" + where(w) + ")"
                    + runtimeToo(v) + (w.role() == Role.TEARDOWN && runtimeToo(v).isEmpty() ? "" : " and never away from it");
            case INVARIANT -> {
                long others = v.writers().stream().filter(x -> x != w).count();
                yield atom + " is written only by `" + w.function() + "()` (" + where(w) + ")"
                        + (others > 0 ? " and " + others + " other setup or open write" + (others > 1 ? "s" : "") : "");
            }
            case NO_STATE -> "no state in " + atom;
        };
    }

    /**
     * The evidence of an atom that only the kernel core writes ({@code owned} lines): the data line
     * and the roles it names, which the verdict follows. {@code "`file_inode(filp)->i_private` has no
     * writer in the scanned files; the kernel writes `struct inode`'s `i_private` only at setup and at
     * teardown (to 0) (write-apis.txt:172)"}.
     */
    private static String owned(String atom, AtomVerdict v) {
        List<String> roles = new ArrayList<>();
        boolean only = true;
        Write first = v.decisive();
        Set<String> places = new java.util.LinkedHashSet<>();
        for (Write w : v.writers()) {
            if (!w.owned()) continue;
            String r = "at " + w.role().id() + (w.value() != null ? " (to " + w.value() + ")" : "");
            if (!roles.contains(r)) roles.add(r);
            only &= w.role() != Role.RUNTIME && w.role() != Role.UNKNOWN;
            places.add(w.place());
        }
        String said = roles.size() < 2 ? String.join("", roles)
                : String.join(", ", roles.subList(0, roles.size() - 1)) + " and " + roles.get(roles.size() - 1);
        return atom + " has no writer in the scanned files; the kernel writes `struct " + first.type() + "`'s `" + first.key()
                + "` " + (only ? "only " : "") + said + " (" + String.join(", ", places) + ")";
    }

    /**
     * For a terminal verdict that teardown decides, the runtime code that also moves the atom to
     * the skipping value (smu's write, switching a file to events for good): {@code " and by
     * `smu_write()` (...)"}, else "".
     */
    private static String runtimeToo(AtomVerdict v) {
        if (v.decisive() == null || v.decisive().role() != Role.TEARDOWN) return "";
        for (Write w : v.writers()) {
            if ((w.role() == Role.RUNTIME || w.role() == Role.UNKNOWN) && reaches(w.value(), v.atom().skipValue())) {
                return " and by `" + w.function() + "()` (" + where(w) + ")";
            }
        }
        return "";
    }

    /** {@code unlocked_ioctl, runtime, foo.c:123}. */
    static String where(Write w) {
        String how = w.origin().how();
        return (how.equals(w.role().id()) ? "" : how + ", ") + w.role().id() + ", " + w.place();
    }

    private static String wakesText(Write w, Set<String> registered) {
        List<String> hit = new ArrayList<>();
        for (String q : w.wakes()) if (registered.contains(DriverModel.lastIdent(q))) hit.add("`" + q + "`");
        if (!hit.isEmpty()) return ", which wakes " + String.join(", ", hit);
        if (w.wakes().isEmpty()) return ", which wakes nothing this poll registered";
        return ", which wakes only queues this poll does not register (`" + String.join("`, `", w.wakes()) + "`)";
    }
}
