package dev.pollcheck.driver;

import dev.pollcheck.flow.CText;
import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Param;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.model.VarDecl;
import dev.pollcheck.parse.Outline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One driver as the code shows it: who writes the state its poll methods test, when those writers
 * run ({@link Role}), and which wait queues they wake. A driver is the directory holding the poll
 * method's file: its {@code .c} files are where probe, the ioctls, the interrupt handlers, work items
 * and wakers of the state live (a driver split over directories, or state written by a core file
 * of a subsystem, is not seen: the writer is then reported as not found).
 *
 * <p>The model is built lazily, by words: asking for the writers of {@code ready} parses, in the
 * files of the directory whose text contains {@code ready}, only the bodies and declarations that
 * mention it; every body parsed is indexed once, in one pass, for all its writes, wakes, calls and
 * registrations. Roles then need the declarations and bodies that name the writing functions
 * (ops tables, {@code request_irq(...)}, callers), which a second and third round parse the same
 * way. Thread-safe: every query holds the model's lock.
 *
 * <p>Atoms are matched by member name within the driver's files; where the condition's base has
 * a known struct type and the write's base too, both tags must agree. A file-scope variable is
 * matched by its name.
 */
public final class DriverModel {
    /** Rounds of "parse what names these functions" when following callers for a role. */
    private static final int ROLE_DEPTH = 4;

    private final DriverSources sources;
    private final DriverKnowledge knowledge;
    private final List<String> files;
    private final Set<String> words = new HashSet<>();
    private final Set<String> filesRead = new TreeSet<>();
    /** Indexed functions by name (several files may each have a static one). */
    private final Map<String, List<Fn>> byName = new HashMap<>();
    /** The functions stored in each ops member, by member: the callbacks a subsystem runs. */
    private final Map<String, Set<String>> byMember = new HashMap<>();
    /** The names of the indexed functions calling each name: {@link #callers}, kept as bodies are indexed. */
    private final Map<String, java.util.SortedSet<String>> callersOf = new HashMap<>();
    private final Set<String> indexed = new HashSet<>();
    /** Direct registrations by function name. */
    private final Map<String, List<Origin>> registered = new HashMap<>();
    private final Set<String> registrationSites = new HashSet<>();
    private final Map<String, List<Origin>> origins = new HashMap<>();

    /** What one body holds. */
    private static final class Fn {
        final TopLevel.Function def;
        final String file;
        final List<RawWrite> writes = new ArrayList<>();
        final List<RawWake> wakes = new ArrayList<>();
        final Set<String> callees = new HashSet<>();
        /** Structs declared in the body itself (not pointers): their members are the function's own. */
        final Set<String> frameObjects = new HashSet<>();
        /** Locals that only ever hold what calls return, with the calls: written through, a new object's initial value when they allocate. */
        final Map<String, String> fresh = new HashMap<>();
        /** Pairs of regions of the body that one call never both runs (the arms of an if, an arm that returns and what follows). */
        final List<Span[]> exclusive = new ArrayList<>();
        /** Regions that run only while a state has given values: {@code if (x == A)}, {@code case A:}. */
        final List<Guard> guards = new ArrayList<>();
        /** The struct tags of the parameters and locals, by name. */
        final Map<String, String> types = new HashMap<>();
        /** The body's CFG, built when a wake's company is asked for ({@link #wokenWith}). */
        dev.pollcheck.flow.Cfg cfg;

        Fn(TopLevel.Function def) {
            this.def = def;
            this.file = def.span().file();
        }
    }

    /**
     * {@code fresh}: when the write goes through a local that only holds what some calls return,
     * those calls (comma-joined); the write is a new object's initial value if they all return one.
     */
    private record RawWrite(String key, String type, String text, String how, String value, Span at, String fresh,
                            Set<String> from, String named, String object) {
        RawWrite(String key, String type, String text, String how, String value, Span at) {
            this(key, type, text, how, value, at, null, null, null, null);
        }
    }

    /**
     * The constant a write writes: its {@code value}, or the name it writes when that is an
     * {@link #enumerator} (read when the write is asked for: most names written are variables).
     */
    private String valueOf(RawWrite w) {
        return w.value != null ? w.value : w.named != null && enumerator(w.named) ? w.named : null;
    }

    /** The values the state has where the write runs ({@link RawWrite#from}), null when one of them is not a constant. */
    private Set<String> fromOf(RawWrite w) {
        if (w.from == null) return null;
        for (String v : w.from) if (!upperCase(v) && !enumerator(v)) return null;
        return w.from;
    }

    private static boolean upperCase(String id) {
        return id.equals(id.toUpperCase(java.util.Locale.ROOT));
    }

    /** A region of a body that runs only while the state spelt {@code text} has one of {@code values}. */
    private record Guard(Span region, String text, Set<String> values) {
    }

    /**
     * The write's origin: the function's, or the creation of a new object for an initial value; for
     * a write through a parameter, each caller's own, or that creation where the caller passes an
     * object it has just made.
     */
    private List<Origin> originsOf(Fn f, RawWrite w) {
        if (w.fresh != null && newObject(w.fresh, f.file, 0)) {
            return List.of(new Origin(Role.SETUP, "initial value of a new object from " + w.fresh.replace(",", "(), ") + "()"));
        }
        List<Origin> via = w.object == null ? null : throughParameter(f, w.object);
        return via != null ? via : originsOf(f.def.name());
    }

    /** Per function and parameter, the origins {@link #throughParameter} found (null: none fresh). */
    private final Map<String, List<Origin>> paramOrigins = new HashMap<>();

    /**
     * The origins of a write through parameter {@code param} of {@code f}: per direct caller, "initial
     * value of a new object" when each of its calls passes a local that holds only what an allocator
     * returns ({@code smc_sock_alloc()}: {@code sk = sk_alloc(...); smc_sk_init(net, sk, protocol)}),
     * else the caller's own roles, unknown for a caller of none (beside a creation, an exported
     * caller may pass a live object: relay_reset()). Null when no caller passes a new object,
     * {@code f} is registered somewhere (the function's roles stand) or {@code param} is no parameter.
     */
    private List<Origin> throughParameter(Fn f, String param) {
        int index = -1;
        List<Param> ps = f.def.params();
        for (int i = 0; i < ps.size(); i++) if (param.equals(ps.get(i).name())) index = i;
        if (index < 0) return null;
        String key = f.file + ":" + f.def.span().line() + ":" + f.def.name() + "\0" + index;
        if (paramOrigins.containsKey(key)) return paramOrigins.get(key);
        paramOrigins.put(key, null); // a call cycle back here is no new object
        String name = f.def.name();
        ensure(Set.of(name)); // every direct caller, so the answer does not depend on what was read before
        if (registered.containsKey(name)) return null; // where the code registers it says when it runs
        List<Origin> got = new ArrayList<>();
        boolean anyFresh = false;
        for (String c : callers(name)) {
            String made = null;
            boolean all = true;
            for (Fn cf : definitions(c)) {
                for (String passed : argumentsTo(cf, name, index)) {
                    String calls = passed == null ? null : cf.fresh.get(passed);
                    if (calls != null && newObject(calls, cf.file, 0)) made = calls;
                    else all = false;
                }
            }
            if (made != null && all) {
                anyFresh = true;
                got.add(new Origin(Role.SETUP, "initial value of a new object from " + made.replace(",", "(), ")
                        + "(), passed by " + c + "()"));
            } else {
                resolveRoles(Set.of(c));
                for (Origin o : originsOf(c)) {
                    got.add(new Origin(o.role(), "called from " + c + "()" + (o.how().startsWith("called from") ? "" : ", " + o.how())));
                }
            }
        }
        List<Origin> out = anyFresh ? distinct(got) : null;
        paramOrigins.put(key, out);
        return out;
    }

    /** The local passed as argument {@code index} in each call of {@code callee} in {@code f}'s body (null for other expressions). */
    private static List<String> argumentsTo(Fn f, String callee, int index) {
        List<String> out = new ArrayList<>();
        Ast.walk(f.def.body(), n -> {
            if (n instanceof Expr.Call c && callee.equals(c.name())) {
                Expr a = index < c.args().size() ? CText.strip(c.args().get(index)) : null;
                out.add(a instanceof Expr.Name nm ? nm.id() : null);
            }
        });
        return out;
    }

    /**
     * {@code object}: the waking call's argument ({@code &dev->wq}, {@code &buf->vb} for
     * {@code vb2_buffer_done}); {@code site} the call.
     */
    private record RawWake(String queue, String key, String type, String call, Span at, Expr object, Expr.Call site) {
    }

    /** The run's macro expansions (null: none): a condition's atoms read through a macro it invokes. */
    private final MacroExpansions expansions;

    private DriverModel(DriverSources sources, DriverKnowledge knowledge, String file, MacroExpansions expansions) {
        this.sources = sources;
        this.knowledge = knowledge;
        this.expansions = expansions;
        this.files = List.copyOf(sources.directory(file));
    }

    /** The model of the driver whose directory holds {@code file}; nothing is read until asked. */
    public static DriverModel of(DriverSources sources, DriverKnowledge knowledge, String file) {
        return new DriverModel(sources, knowledge, file, null);
    }

    static DriverModel of(DriverSources sources, DriverKnowledge knowledge, String file, MacroExpansions expansions) {
        return new DriverModel(sources, knowledge, file, expansions);
    }

    /** The expansion of a macro invoked in {@code file} as an expression, or null. */
    Expr expansion(String file, Expr.Call call) {
        return expansions != null && expansions.expand(file, call) instanceof Expr e ? e : null;
    }

    private final Map<Object, Object> memo = new java.util.IdentityHashMap<>();

    /** A value computed once per key (by identity) for this model's users: the atoms' scopes of functions. */
    public synchronized Object memo(Object key, java.util.function.Supplier<Object> make) {
        return memo.computeIfAbsent(key, k -> make.get());
    }

    public DriverKnowledge knowledge() {
        return knowledge;
    }

    /** The files of the driver (its directory's {@code .c} files). */
    public List<String> files() {
        return files;
    }

    /** The files the model has parsed something of so far. */
    public synchronized List<String> filesRead() {
        return List.copyOf(filesRead);
    }

    /**
     * Reads, in one round per depth for them all, what the writers of {@code atoms} need: their
     * bodies and their roles. The answers are those of {@link #writers} one by one; a condition's
     * atoms asked together cost a few parses of each file instead of a few per atom.
     */
    public synchronized void prepare(java.util.Collection<Atom> atoms) {
        Set<String> keys = new TreeSet<>();
        for (Atom a : atoms) if (a.kind() != Atom.Kind.CONSTANT) keys.addAll(keysOf(a));
        if (keys.isEmpty()) return;
        ensureWrites(keys);
        resolveRoles(writerFunctions(atoms));
    }

    /** The names of the indexed functions that write one of {@code atoms}. */
    private Set<String> writerFunctions(java.util.Collection<Atom> atoms) {
        Set<String> out = new TreeSet<>();
        for (List<Fn> fns : byName.values()) {
            for (Fn f : fns) {
                for (RawWrite w : f.writes) {
                    for (Atom a : atoms) {
                        if (keysOf(a).contains(w.key) && canWrite(a, w, f.file)) out.add(f.def.name());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The keys whose writes are writes of {@code atom}: its own, and for a flag the other name of
     * the same bit ({@link #sameBit}): {@code clear_bit(FOO_BIT, ...)} writes the mask {@code FOO}
     * that {@code FOO = BIT(FOO_BIT)} defines.
     */
    private Set<String> keysOf(Atom atom) {
        if (atom.kind() != Atom.Kind.FLAG) return Set.of(atom.key());
        Set<String> out = new TreeSet<>(sameBit(atom.key()));
        out.add(atom.key());
        return out;
    }

    /** Per name, the other names of its bit (see {@link #sameBit}). */
    private final Map<String, Set<String>> sameBits = new HashMap<>();

    /**
     * The other names of the bit {@code name} names, from the definitions of the driver's files and
     * of the kernel headers that those naming it include (as enumerators are found): the number of a
     * mask defined as one bit of it ({@code FOO = (1 << FOO_BIT)}, {@code #define FOO BIT(FOO_BIT)}),
     * and the masks so defined from a number. Empty when none is read.
     */
    public synchronized Set<String> sameBit(String name) {
        if (name == null || !Words.isIdentifier(name)) return Set.of();
        return sameBits.computeIfAbsent(name, n -> {
            Set<String> out = new TreeSet<>();
            for (String f : definitionFiles(n)) {
                for (Map.Entry<String, String> e : sources.bitDefinitions(f).entrySet()) {
                    if (e.getKey().equals(n)) out.add(e.getValue());
                    else if (e.getValue().equals(n)) out.add(e.getKey());
                }
            }
            out.remove(n);
            return Set.copyOf(out);
        });
    }

    /** Per mask, its bit's number ("" for none): {@link #bitNumber}. */
    private final Map<String, String> bitNumbers = new HashMap<>();

    /**
     * The bit number the definition of mask {@code mask} names ({@code FOO_BIT} of
     * {@code FOO = (1 << FOO_BIT)}), read as {@link #sameBit} reads it; null when it cannot be read
     * (no definition found, a number, several bits).
     */
    public synchronized String bitNumber(String mask) {
        if (mask == null || !Words.isIdentifier(mask)) return null;
        String b = bitNumbers.computeIfAbsent(mask, m -> {
            for (String f : definitionFiles(m)) {
                String got = sources.bitDefinitions(f).get(m);
                if (got != null) return got;
            }
            return "";
        });
        return b.isEmpty() ? null : b;
    }

    /** The files that may define {@code name}: the driver's files naming it, then the kernel headers they include. */
    private List<String> definitionFiles(String name) {
        List<String> naming = new ArrayList<>();
        for (String f : files) if (sources.mentions(f, name)) naming.add(f);
        Set<String> out = new LinkedHashSet<>(naming);
        Set<String> headers = new TreeSet<>();
        for (String f : naming) headers.addAll(sources.systemHeaders(f));
        out.addAll(headers);
        return List.copyOf(out);
    }

    /** Every write of the atom's key in the driver's files, with roles, sorted by file and line. */
    public synchronized List<Write> writers(Atom atom) {
        Set<String> keys = keysOf(atom);
        ensureWrites(keys);
        List<Write> out = new ArrayList<>();
        Set<String> writerFns = writerFunctions(List.of(atom));
        resolveRoles(writerFns);
        // The private data of another file type (another fops of the directory) is another object;
        // but a new file's private data is that file's, whatever code makes it: dma_buf_export(),
        // called from udmabuf's ioctl, sets it on a file it has just made with dma_buf_fops.
        Set<String> otherType = new TreeSet<>();
        if (atom.kind() == Atom.Kind.PRIVATE_DATA && atom.file() != null) {
            resolveRoles(Set.of(atom.file())); // reads the poll method's ops table
            for (String w : writerFns) if (!sameFileType(w, atom.file())) otherType.add(w);
        }
        for (String name : writerFns) {
            // A copy: reading whether a write makes a new object may parse (and index) more bodies.
            for (Fn f : List.copyOf(byName.getOrDefault(name, List.of()))) {
                for (RawWrite w : f.writes) {
                    if (!keys.contains(w.key) || !canWrite(atom, w, f.file)) continue;
                    if (otherType.contains(name) && !(w.fresh != null && newObject(w.fresh, f.file, 0))) continue;
                    List<String> wakes = wakesOf(f, w.at);
                    for (Origin o : originsOf(f, w)) {
                        out.add(new Write(w.key, w.type, w.text, w.how, valueOf(w), f.def.name(), o, w.at.file(),
                                w.at.line(), wakes, fromOf(w)));
                    }
                }
            }
        }
        out.sort(Comparator.comparing(Write::file).thenComparingInt(Write::line).thenComparing(Write::function)
                .thenComparing(w -> w.role().ordinal()));
        if (out.isEmpty()) out.addAll(ownedWrites(atom));
        return out;
    }

    /**
     * For an atom no code of the driver's files writes, the writes the kernel core makes of it when
     * it is a member that an {@code owned} line lists: {@code struct inode}'s {@code i_private}, set
     * when the filesystem makes the inode. Matched by struct tag where the atom's base type is known,
     * by member name where it is not (as writes are). One write per role of the line, named by it.
     */
    private List<Write> ownedWrites(Atom atom) {
        if (atom.kind() != Atom.Kind.MEMBER && atom.kind() != Atom.Kind.COUNTER && atom.kind() != Atom.Kind.LIST) return List.of();
        String tag = resolve(atom.type());
        List<Write> out = new ArrayList<>();
        for (DriverKnowledge.Owned o : knowledge.owned(atom.key())) {
            if (!typesAgree(tag, o.tag())) continue;
            int colon = o.place().lastIndexOf(':');
            String file = o.place().substring(0, colon);
            int line = Integer.parseInt(o.place().substring(colon + 1));
            for (DriverKnowledge.OwnedWrite w : o.writes()) {
                out.add(new Write(atom.key(), o.tag(), atom.text(), Write.OWNED, w.value(), Write.KERNEL,
                        new Origin(w.role(), "kernel-owned `struct " + o.tag() + "` member"), file, line, List.of()));
            }
        }
        return out;
    }

    /**
     * Every wake of a queue whose last member is {@code queueKey} ({@code read_wait} for
     * {@code &dev->read_wait}), including modelled helpers that wake such a queue, sorted by place.
     */
    public synchronized List<Wake> wakes(String queueKey) {
        return wakes(queueKey, null);
    }

    /**
     * The wakes of {@link #wakes(String)} whose queue can be the same member of the same struct:
     * where both the queue's struct tag ({@code queueType}, null when unknown) and the wake's are
     * known they must agree, so {@code &lr->wait} of a {@code struct linereq} is not the
     * {@code &le->wait} of a {@code struct lineevent_state}.
     */
    public synchronized List<Wake> wakes(String queueKey, String queueType) {
        Set<String> want = new HashSet<>();
        want.add(queueKey);
        for (String w : knowledge.wakerNames()) {
            DriverKnowledge.WakerApi api = knowledge.waker(w) != null ? knowledge.waker(w) : knowledge.memberWaker(w);
            if (api != null && lastIdent(api.suffix()).equals(queueKey)) want.add(w);
        }
        ensure(want);
        List<Wake> out = new ArrayList<>();
        Set<String> fns = new TreeSet<>();
        for (List<Fn> l : byName.values()) {
            for (Fn f : l) {
                for (RawWake k : f.wakes) if (k.key.equals(queueKey) && typesAgree(queueType, resolve(k.type))) fns.add(f.def.name());
            }
        }
        resolveRoles(fns);
        for (String name : fns) {
            for (Fn f : List.copyOf(byName.getOrDefault(name, List.of()))) {
                for (RawWake k : f.wakes) {
                    if (k.key.equals(queueKey) && typesAgree(queueType, resolve(k.type))) out.addAll(wakesFor(f, k));
                }
            }
        }
        out.addAll(callbackWakes(queueKey));
        out.sort(Comparator.comparing(Wake::file).thenComparingInt(Wake::line).thenComparing(w -> w.role().ordinal()));
        return out;
    }

    /**
     * The wakes of {@code queueKey} that a subsystem makes after a callback of the driver's returns
     * ({@code callback} lines of wakers.txt): the callback's function, at its definition, named with
     * the waking call the subsystem makes. Its queue is that call's: a subscribed handle's
     * {@code fh->wait} for a control event.
     */
    private List<Wake> callbackWakes(String queueKey) {
        List<Wake> out = new ArrayList<>();
        for (Map.Entry<String, String> cb : knowledge.callbacks().entrySet()) {
            DriverKnowledge.WakerApi api = knowledge.waker(cb.getValue());
            if (api == null || !lastIdent(api.suffix()).equals(queueKey)) continue;
            ensure(Set.of(cb.getKey()));
            Set<String> fns = new TreeSet<>(byMember.getOrDefault(cb.getKey(), Set.of()));
            if (fns.isEmpty()) continue;
            ensure(fns);
            resolveRoles(fns);
            for (String name : fns) {
                for (Fn f : List.copyOf(byName.getOrDefault(name, List.of()))) {
                    for (Origin o : originsOf(name)) {
                        out.add(new Wake("fh" + api.suffix(), queueKey, null, cb.getValue(), name, o, f.file,
                                f.def.nameSpan().line(), List.of()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The queues woken where the wake {@code w} is made, as for a write there ({@link Write#wakes}):
     * the function's own wakes that can run in the same call, and those its direct callers make. So a
     * completion in a helper whose callers then wake the ring buffer's queue wakes that queue too.
     */
    public synchronized List<String> wakesAround(Wake w) {
        ensure(Set.of(w.function()));
        for (Fn f : definitions(w.function())) {
            if (!f.file.equals(w.file())) continue;
            for (RawWake k : f.wakes) if (k.at.line() == w.line()) return wakesOf(f, k.at);
        }
        return List.of(w.queue());
    }

    /** The wakes made by {@code function} itself (as far as its body was read), sorted by line. */
    public synchronized List<Wake> wakesIn(String function) {
        ensureDefinition(function);
        resolveRoles(Set.of(function));
        List<Wake> out = new ArrayList<>();
        for (Fn f : List.copyOf(byName.getOrDefault(function, List.of()))) {
            for (RawWake k : f.wakes) out.addAll(wakesFor(f, k));
        }
        out.sort(Comparator.comparing(Wake::file).thenComparingInt(Wake::line));
        return out;
    }

    /**
     * A skipped registration's object and a queue registered on the skipping path, in the poll
     * method's terms: {@code dvb_vb2_poll(&dmxdevfilter->vb2_ctx, ...)} skipped while
     * {@code &dmxdevfilter->buffer.queue} is registered.
     *
     * @param type      the struct tag of the object the skipped registration is given
     *                  ({@code dvb_vb2_ctx}); null when it is given the queue itself ({@code poll_wait})
     * @param container the struct tag of which the object (or queue) is a member ({@code dmxdev_filter})
     * @param member    that member ({@code vb2_ctx}): container and member tell one instance from another
     * @param withKey   the registered queue's last member ({@code queue})
     * @param withType  the struct tag of the registered queue's base ({@code dvb_ringbuffer})
     * @param withPath  the registered queue from the object's base ({@code buffer.queue})
     */
    public record Company(String type, String container, String member, String withKey, String withType,
                          String withPath) {
    }

    /** How far up callers the object of a wake is followed to the code that also wakes the registered queue. */
    private static final int COMPANY_DEPTH = 3;

    /**
     * Whether every wake of the skipped queue ({@code queueKey}, {@code queueType}: what
     * {@link #wakes(String, String)} finds, modelled wakers such as {@code vb2_buffer_done} included) that
     * code of runtime or unknown role makes is followed, on every path and in the same call or in
     * each caller's, by a wake of the registered queue of the same object: then a waiter that
     * registered only that queue is woken after every such wake. The evidence, one phrase per wake
     * of this object, or null: a wake not so followed, one whose object cannot be told from the
     * skipped one, a subsystem's callback wake, or no wake of this object at all. A wake of the same
     * member of another struct type ({@code dvr_vb2_ctx} of a {@code dmxdev}) is another object.
     */
    public synchronized List<String> wokenWith(String queueKey, String queueType, Company c) {
        if (c == null || c.container() == null || c.withType() == null) return null;
        List<Wake> all = wakes(queueKey, queueType);
        if (all.isEmpty()) return null;
        for (Wake w : callbackWakes(queueKey)) if (w.role() == Role.RUNTIME || w.role() == Role.UNKNOWN) return null;
        List<String> out = new ArrayList<>();
        Set<String> fns = new TreeSet<>();
        for (Wake w : all) fns.add(w.function());
        for (String name : fns) {
            if (!runsOpen(originsOf(name))) continue;
            for (Fn f : definitions(name)) {
                Set<String> lines = new TreeSet<>(Comparator.comparingInt(Integer::parseInt));
                Set<String> then = new LinkedHashSet<>();
                for (RawWake k : f.wakes) {
                    if (!k.key.equals(queueKey) || !typesAgree(queueType, resolve(k.type))) continue;
                    List<String> ev = company(f, k.site, k.object, null, c, 0);
                    if (ev == null) return null;
                    for (String e : ev) {
                        if (e.isEmpty()) continue;
                        then.add(e);
                        lines.add(Integer.toString(k.at.line()));
                    }
                }
                if (!then.isEmpty()) {
                    out.add(name + "() (" + f.file + ":" + String.join(", ", lines) + ") wakes it, then "
                            + String.join(", ", then));
                }
            }
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    /** The indexed definitions of {@code name} by file and line: answers that do not depend on the order bodies were read. */
    private List<Fn> definitions(String name) {
        List<Fn> out = new ArrayList<>(byName.getOrDefault(name, List.of()));
        out.sort(Comparator.comparing((Fn f) -> f.file).thenComparingInt(f -> f.def.span().line()));
        return out;
    }

    /** Whether code of these roles can run while a file is open: runtime, or a role the model could not tell. */
    private static boolean runsOpen(List<Origin> origins) {
        for (Origin o : origins) if (o.role() == Role.RUNTIME || o.role() == Role.UNKNOWN) return true;
        return false;
    }

    /**
     * The wakes of the registered queue that follow {@code site} in {@code f} for the object
     * {@code obj} carries ("" each for another object), or null. {@code block}: the block of the
     * local's store {@code obj} came from, to pair it with the store of the registered queue's local
     * made beside it ({@code buffer = &f->buffer; ctx = &f->vb2_ctx;}).
     */
    private List<String> company(Fn f, Expr.Call site, Expr obj, Stmt.Block block, Company c, int depth) {
        if (depth > 2 * COMPANY_DEPTH) return null;
        Expr x = CText.strip(obj);
        while (x instanceof Expr.Cast cast) x = CText.strip(cast.operand());
        // The anchor: the whole object for a queue given itself (poll_wait); else, down the chain
        // (ctx of &ctx->buf->vb), the part of the skipped registration's type. A member there is one
        // instance when it is embedded: its address taken, or reached on through '.'.
        Expr anchor = x;
        boolean embedded = false;
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS) {
            anchor = CText.strip(u.operand());
            embedded = true;
        }
        if (c.type() != null) {
            while (anchor != null && !c.type().equals(typeOf(f, anchor))) {
                if (anchor instanceof Expr.Member m) {
                    embedded = !m.arrow();
                    anchor = CText.strip(m.base());
                    if (anchor instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS) {
                        anchor = CText.strip(u.operand());
                        embedded = true;
                    }
                } else {
                    anchor = null;
                }
            }
            if (anchor == null) return null;
        }
        if (anchor instanceof Expr.Name n) {
            String id = n.id();
            if (embedded) return null;
            int param = paramIndex(f.def, id);
            if (param >= 0) return inCallers(f, param, c, depth);
            List<Stmt[]> stores = stores(f, id);
            if (stores.isEmpty()) return null;
            List<String> out = new ArrayList<>();
            for (Stmt[] st : stores) {
                Expr v = storedValue(st[0], id);
                if (v == null) return null;
                List<String> ev = company(f, site, v, (Stmt.Block) st[1], c, depth + 1);
                if (ev == null) return null;
                out.addAll(ev);
            }
            return out;
        }
        if (!(anchor instanceof Expr.Member m) || !embedded) return null;
        String container = resolve(baseTag(m.base(), f.types));
        if (container == null) return null;
        // The same member of another struct type, or another member: another object, not the skipped one.
        if (!container.equals(c.container()) || !m.member().equals(c.member())) return List.of("");
        String want = norm(CText.of(CText.strip(m.base())) + (m.arrow() ? "->" : ".") + c.withPath());
        String after = following(f, site, want, block, c);
        return after == null ? null : List.of(after);
    }

    /** The evidence of a wake of the registered queue spelt {@code want} that runs after {@code site} on every path, or null. */
    private String following(Fn f, Expr.Call site, String want, Stmt.Block block, Company c) {
        if (f.cfg == null) f.cfg = dev.pollcheck.flow.Cfg.build(f.def);
        int at = f.cfg.nodeOf(site);
        if (at < 0) return null;
        for (RawWake k : f.wakes) {
            if (!k.key.equals(c.withKey()) || !c.withType().equals(resolve(k.type))) continue;
            int n = f.cfg.nodeOf(k.site);
            if (n < 0 || n == at || !f.cfg.postDominates(n, at)) continue;
            for (String spelt : spellings(f, k.object, block)) {
                if (spelt.equals(want)) {
                    return f.def.name() + "() (" + k.at.file() + ":" + k.at.line() + ") wakes " + k.queue;
                }
            }
        }
        return null;
    }

    /**
     * {@code &buffer->queue} spelt through its local's store made in {@code block}, when the local is
     * stored in several places: {@code dmxdevfilter->buffer.queue}; as written otherwise.
     */
    private static List<String> spellings(Fn f, Expr object, Stmt.Block block) {
        Expr x = CText.strip(object);
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS) x = CText.strip(u.operand());
        String text = norm(CText.of(x));
        Expr root = x;
        while (root instanceof Expr.Member m) root = CText.strip(m.base());
        if (!(root instanceof Expr.Name n) || paramIndex(f.def, n.id()) >= 0) return List.of(text);
        // A local stored once is one object wherever it is used; one stored in several places is the
        // object of the store beside the skipped object's.
        List<Stmt[]> stores = stores(f, n.id());
        if (stores.size() == 1) return List.of(text);
        List<String> out = new ArrayList<>();
        for (Stmt[] st : stores) {
            if (st[1] != block) continue;
            Expr v = storedValue(st[0], n.id());
            if (v == null) continue;
            Expr vx = CText.strip(v);
            String rest = text.substring(n.id().length());
            if (vx instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS && rest.startsWith("->")) {
                out.add(norm(CText.of(CText.strip(u.operand())) + "." + rest.substring(2)));
            } else {
                out.add(norm(CText.of(vx) + rest));
            }
        }
        return out;
    }

    private static String norm(String t) {
        return t.replace(" ", "").replace("(", "").replace(")", "");
    }

    /** The calls of {@code f} in its callers: each must be followed by the registered queue's wake. */
    private List<String> inCallers(Fn f, int param, Company c, int depth) {
        String name = f.def.name();
        if (depth >= COMPANY_DEPTH) return null;
        ensure(Set.of(name));
        if (registered.containsKey(name) || callers(name).isEmpty()) return null;
        List<String> out = new ArrayList<>();
        for (String caller : callers(name)) {
            for (Fn cf : definitions(caller)) {
                List<Expr.Call> calls = new ArrayList<>();
                Ast.walk(cf.def.body(), n -> {
                    if (n instanceof Expr.Call call && name.equals(call.name())) calls.add(call);
                });
                for (Expr.Call call : calls) {
                    if (param >= call.args().size()) return null;
                    List<String> ev = company(cf, call, call.args().get(param), null, c, depth + 1);
                    if (ev == null) return null;
                    out.addAll(ev);
                }
            }
        }
        return out;
    }

    /** The struct tag of what {@code e} denotes in {@code f}: a parameter's or local's type, a member's. */
    private String typeOf(Fn f, Expr e) {
        Expr x = CText.strip(e);
        if (x instanceof Expr.Name n) return f.types.get(n.id());
        if (x instanceof Expr.Member m) {
            String base = baseTag(m.base(), f.types);
            return base == null ? null : resolve(base + TYPE_STEP + m.member());
        }
        return null;
    }

    private static int paramIndex(TopLevel.Function f, String name) {
        List<Param> ps = f.params();
        for (int i = 0; i < ps.size(); i++) if (name.equals(ps.get(i).name())) return i;
        return -1;
    }

    /** The statements storing to local {@code id} ({@code x = v;}, {@code T x = v;}), each with its innermost block. */
    private static List<Stmt[]> stores(Fn f, String id) {
        List<Stmt[]> out = new ArrayList<>();
        int[] all = {0};
        Ast.walk(f.def.body(), n -> {
            if (n instanceof Stmt.Block b) {
                for (Stmt t : b.items()) if (storedValue(t, id) != null) out.add(new Stmt[] {t, b});
            }
            if (n instanceof Expr.Assign a && CText.strip(a.target()) instanceof Expr.Name nm && nm.id().equals(id)) all[0]++;
            if (n instanceof Expr.Unary u && CText.strip(u.operand()) instanceof Expr.Name nm && nm.id().equals(id)
                    && (u.op() == Expr.UnaryOp.ADDRESS || u.op() == Expr.UnaryOp.PRE_INC || u.op() == Expr.UnaryOp.PRE_DEC
                    || u.op() == Expr.UnaryOp.POST_INC || u.op() == Expr.UnaryOp.POST_DEC)) {
                all[0]++; // ++, --, or its address taken: stored some other way
            }
            if (n instanceof Stmt.Decl d) {
                for (VarDecl v : d.decls()) if (id.equals(v.name()) && v.init() != null) all[0]++;
            }
        });
        // A store the blocks do not show (an if's unbraced arm, x++, &x passed on) leaves the local unknown.
        return out.size() == all[0] ? out : List.of();
    }

    /** The struct tag of the object {@code base} denotes in {@code f} (its parameters' and locals' declared types, then members). */
    public synchronized String tagIn(TopLevel.Function f, Expr base) {
        Map<String, String> types = new HashMap<>();
        for (Param p : f.params()) if (p.name() != null && p.type().tag() != null) types.put(p.name(), p.type().tag());
        if (f.body() != null) {
            Ast.walk(f.body(), n -> {
                if (n instanceof Stmt.Decl d) {
                    for (VarDecl v : d.decls()) if (v.type() != null && v.type().tag() != null) types.put(v.name(), v.type().tag());
                }
            });
        }
        return resolve(baseTag(base, types));
    }

    /** The value {@code s} stores to {@code id} when it is {@code id = v;} or a declaration of it with an initializer. */
    private static Expr storedValue(Stmt s, String id) {
        if (s instanceof Stmt.ExprStmt es && CText.strip(es.expr()) instanceof Expr.Assign a && a.op() == null
                && CText.strip(a.target()) instanceof Expr.Name n && n.id().equals(id)) {
            return a.value();
        }
        if (s instanceof Stmt.Decl d) {
            for (VarDecl v : d.decls()) if (id.equals(v.name()) && v.init() != null && !(v.init() instanceof Expr.InitList)) return v.init();
        }
        return null;
    }

    /** The function's roles: one origin per distinct role, registrations first; {@link Origin#UNKNOWN} alone when none. */
    public synchronized List<Origin> origins(String function) {
        resolveRoles(Set.of(function));
        return originsOf(function);
    }

    /**
     * Whether nothing in the driver's files reaches poll method {@code name} defined in {@code file}:
     * its own file names it only where it is defined, no other {@code .c} file names it, and no header
     * names it other than in a prototype (an ops table in a header would). No caller, no ops table, no
     * {@code EXPORT_SYMBOL}: no open file can call it. False when a file's text is not at hand.
     */
    public synchronized boolean unreferenced(String name, String file) {
        return unreferenced.computeIfAbsent(name + "\0" + file, k -> {
            // Its own file first: most poll methods sit in an ops table there, and no other file is read.
            List<String> order = new ArrayList<>(files);
            if (order.remove(file)) order.add(0, file);
            for (String f : order) {
                boolean header = f.endsWith(".h");
                int n = sources.occurrences(f, name, header);
                if (n < 0) return false;
                if (f.equals(file) ? n > 1 : n > 0) return false;
            }
            return true;
        });
    }

    private final Map<String, Boolean> unreferenced = new HashMap<>();

    /** What a finding of a method {@link #unreferenced} says, for the rules and the simulator alike. */
    public static String unreachable(String method) {
        return "no code in the scanned files calls `" + method + "()`, puts it in an ops table or exports it: "
                + "no open file reaches it";
    }

    /** The first of {@link #origins(String)}. */
    public Origin origin(String function) {
        return origins(function).get(0);
    }

    /**
     * The definition of {@code name} as a reference from {@code fromFile} reaches it within the
     * driver (a static one of that file first), with its body parsed; null when the driver has none.
     */
    public synchronized TopLevel.Function function(String name, String fromFile) {
        if (!definedSomewhere(name)) return null;
        ensureDefinition(name);
        TopLevel.Function other = null;
        for (Fn f : byName.getOrDefault(name, List.of())) {
            if (f.file.equals(fromFile)) return f.def;
            // A header's static inline is in every file of the driver that includes it.
            if ((!f.def.isStatic() || f.file.endsWith(".h")) && other == null) other = f.def;
        }
        return other;
    }

    private final Map<String, Boolean> enumerators = new HashMap<>();

    /**
     * Whether {@code name} is an enumerator of an enum of the driver's files or, as for struct
     * definitions, of the kernel headers its files that name it include: a constant however it is
     * spelt ({@code smu_file_commands}). Upper-case names are constants without asking.
     */
    public synchronized boolean enumerator(String name) {
        if (name == null || !Words.isIdentifier(name)) return false;
        return enumerators.computeIfAbsent(name, n -> {
            List<String> naming = new ArrayList<>();
            for (String f : files) if (sources.mentions(f, n)) naming.add(f);
            for (String f : naming) if (sources.declaresEnumerator(f, n)) return true;
            Set<String> headers = new TreeSet<>();
            for (String f : naming) headers.addAll(sources.systemHeaders(f));
            for (String h : headers) if (sources.declaresEnumerator(h, n)) return true;
            return false;
        });
    }

    /**
     * {@link #constant(Expr)}, and a name that is an {@link #enumerator}: the value a write or a
     * comparison spells. The caller leaves out locals and parameters, which are never enumerators.
     */
    public String constantOf(Expr e) {
        String k = constant(e);
        if (k != null) return k;
        return CText.strip(e) instanceof Expr.Name n && enumerator(n.id()) ? n.id() : null;
    }

    private final Map<String, Boolean> mayBeDefined = new HashMap<>();

    /** Whether some file of the driver may define {@code name}: most names asked for are kernel APIs. */
    private boolean definedSomewhere(String name) {
        return mayBeDefined.computeIfAbsent(name, n -> {
            for (String file : files) if (sources.mayDefine(file, n)) return true;
            return false;
        });
    }

    private List<Wake> wakesFor(Fn f, RawWake k) {
        List<Write> before = new ArrayList<>();
        for (RawWrite w : f.writes) {
            if (w.at.line() <= k.at.line() && together(f, w.at, k.at)) {
                Origin o = originsOf(f, w).get(0);
                before.add(new Write(w.key, w.type, w.text, w.how, valueOf(w), f.def.name(), o, w.at.file(), w.at.line(),
                        wakesOf(f, w.at)));
            }
        }
        List<Wake> out = new ArrayList<>();
        for (Origin o : originsOf(f.def.name())) {
            out.add(new Wake(k.queue, k.key, resolve(k.type), k.call, f.def.name(), o, k.at.file(), k.at.line(), List.copyOf(before)));
        }
        return out;
    }

    /** Whether a statement always leaves the function (its last statement returns or jumps away). */
    private static boolean leaves(Stmt s) {
        while (s instanceof Stmt.Block b && !b.items().isEmpty()) s = b.items().get(b.items().size() - 1);
        return s instanceof Stmt.Return || s instanceof Stmt.Goto;
    }

    private static boolean within(Span outer, Span at) {
        boolean startsIn = at.line() > outer.line() || (at.line() == outer.line() && at.column() >= outer.column());
        boolean endsIn = at.line() < outer.endLine() || (at.line() == outer.endLine() && at.column() <= outer.endColumn());
        return startsIn && endsIn;
    }

    /** Whether one call of the function can run both places: no if puts them on two exclusive sides. */
    private static boolean together(Fn f, Span a, Span b) {
        for (Span[] x : f.exclusive) {
            if ((within(x[0], a) && within(x[1], b)) || (within(x[1], a) && within(x[0], b))) return false;
        }
        return true;
    }

    /**
     * The queues woken where the write at {@code at} is made: the function's own wakes that can run in
     * the same call (not on the other arm of an if, not after an arm that returns), and those its
     * direct callers wake (read so far), as written.
     */
    private List<String> wakesOf(Fn f, Span at) {
        Set<String> out = new LinkedHashSet<>();
        for (RawWake k : f.wakes) if (together(f, at, k.at)) out.add(k.queue);
        // Every direct caller is read first, so the answer does not depend on what was asked before;
        // a caller whose text names no waking call wakes nothing and is not parsed.
        ensureCallers(Set.of(f.def.name()));
        ensureWakingDefinitions(callers(f.def.name()));
        for (String name : callers(f.def.name())) {
            for (Fn c : byName.getOrDefault(name, List.of())) {
                for (RawWake k : c.wakes) out.add(k.queue);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether a write of the atom's key in {@code file} can be a write of the atom: the struct tags
     * agree where both are known; where only the atom's is, the writing file must be able to name
     * the struct's members. A struct spelled out in a {@code .c} file (and in no header of the
     * driver) is private to that file, so another file's {@code x->state} is some other struct's.
     */
    private boolean canWrite(Atom atom, RawWrite w, String file) {
        String at = atom.kind() == Atom.Kind.CONSTANT ? null : resolve(atom.type());
        String wt = resolve(w.type);
        if (!typesAgree(at, wt)) return false;
        if (at == null || wt != null) return true;
        Set<String> home = homes.get(at);
        if (home == null || home.contains(file)) return true;
        for (String h : home) if (!h.endsWith(".c")) return true;
        return false;
    }

    private static boolean typesAgree(String a, String b) {
        return a == null || b == null || a.equals(b);
    }

    // ---- roles -------------------------------------------------------------------------------

    private List<Origin> originsOf(String function) {
        List<Origin> o = origins.get(function);
        return o == null || o.isEmpty() ? List.of(Origin.UNKNOWN) : o;
    }

    /** Finds the origins of {@code fns}, parsing what names them and following callers a few rounds. */
    private void resolveRoles(Set<String> fns) {
        Set<String> todo = new TreeSet<>();
        for (String f : fns) if (!origins.containsKey(f)) todo.add(f);
        if (todo.isEmpty()) return;
        // Round by round, for them all at once: parse what names the open functions, then their
        // callers. Functions whose roles are known already are walked through again (their callers
        // are read by now, so it costs no parse): a function's roles are then those of its own
        // callers to ROLE_DEPTH, whatever was asked before it.
        Set<String> frontier = new TreeSet<>(todo);
        Set<String> all = new TreeSet<>(todo);
        for (int round = 0; round < ROLE_DEPTH && !frontier.isEmpty(); round++) {
            ensureCallers(frontier);
            Set<String> next = new TreeSet<>();
            for (String f : frontier) {
                if (registered.containsKey(f)) continue;
                for (String c : callers(f)) if (all.add(c)) next.add(c);
            }
            frontier = next;
        }
        ensureCallers(frontier); // the last callers' registrations are read; their own callers are not
        for (String f : todo) origins.put(f, rolesOf(f));
    }

    /**
     * The roles of {@code root} from the registrations of its callers up to {@link #ROLE_DEPTH}
     * (read by {@link #resolveRoles}), to a fixed point: call cycles stay unknown.
     */
    private List<Origin> rolesOf(String root) {
        Set<String> near = new TreeSet<>(Set.of(root));
        Set<String> frontier = Set.of(root);
        for (int round = 0; round < ROLE_DEPTH && !frontier.isEmpty(); round++) {
            Set<String> next = new TreeSet<>();
            for (String f : frontier) {
                if (registered.containsKey(f)) continue;
                for (String c : callers(f)) if (near.add(c)) next.add(c);
            }
            frontier = next;
        }
        Map<String, List<Origin>> local = new HashMap<>();
        for (String f : near) if (registered.containsKey(f)) local.put(f, distinct(registered.get(f)));
        for (int iter = 0; iter < near.size() + 1; iter++) {
            boolean changed = false;
            for (String f : near) {
                if (registered.containsKey(f)) continue;
                List<Origin> got = new ArrayList<>();
                for (String c : callers(f)) {
                    List<Origin> co = near.contains(c) ? local.get(c) : null;
                    if (co == null) continue;
                    for (Origin o : co) {
                        got.add(new Origin(o.role(), "called from " + c + "()" + (o.how().startsWith("called from") ? "" : ", " + o.how())));
                    }
                }
                List<Origin> d = distinct(got);
                if (!d.isEmpty() && !d.equals(local.get(f))) {
                    local.put(f, d);
                    changed = true;
                }
            }
            if (!changed) break;
        }
        return local.getOrDefault(root, List.of());
    }

    private static List<Origin> distinct(List<Origin> in) {
        Map<Role, Origin> by = new java.util.EnumMap<>(Role.class);
        List<Origin> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparing(Origin::how));
        for (Origin o : sorted) by.putIfAbsent(o.role(), o);
        return List.copyOf(by.values());
    }

    /** The indexed functions that call {@code f} (itself left out), by name. */
    private Set<String> callers(String f) {
        return callersOf.getOrDefault(f, java.util.Collections.emptySortedSet());
    }

    // ---- reading -----------------------------------------------------------------------------

    /** The files whose declarations spell out a struct's members, by tag. */
    private final Map<String, Set<String>> homes = new HashMap<>();

    /** Per file, where the bodies already parsed and indexed start. */
    private final Map<String, Set<Integer>> taken = new HashMap<>();

    /** Parses, in the driver's files that contain one of {@code want}, the items that mention one. */
    private void ensure(Set<String> want) {
        Set<String> fresh = new TreeSet<>();
        for (String w : want) if (w != null && !w.isEmpty() && words.add(w)) fresh.add(w);
        read(fresh, Reading.MENTIONS);
    }

    /** Functions whose definitions have been read ({@link #ensureDefinition}). */
    private final Set<String> defined = new HashSet<>();

    /** Parses the bodies that define {@code name}, not every body that calls it. */
    private void ensureDefinition(String name) {
        if (words.contains(name) || !defined.add(name)) return;
        read(Set.of(name), Reading.DEFINITIONS);
    }

    /** Functions whose definitions that name a waking call have been read ({@link #ensureWakingDefinitions}). */
    private final Set<String> wakingDefined = new HashSet<>();

    /** Parses the bodies that define one of {@code names} and name a waking call (wake_up, a modelled waker). */
    private void ensureWakingDefinitions(Set<String> names) {
        Set<String> fresh = new TreeSet<>();
        for (String k : names) {
            if (k != null && !k.isEmpty() && !words.contains(k) && !defined.contains(k) && wakingDefined.add(k)) fresh.add(k);
        }
        read(fresh, Reading.WAKING_DEFINITIONS);
    }

    /** Functions whose callers and registrations have been read ({@link #ensureCallers}). */
    private final Set<String> callerWords = new HashSet<>();

    /**
     * Reads who calls {@code names} and where they are registered: a body that only calls one is a
     * caller by its text alone; a body or declaration that names one otherwise (a registration, an
     * ops table) is parsed. Roles need no more, and most callers are never parsed.
     */
    private void ensureCallers(Set<String> names) {
        Set<String> fresh = new TreeSet<>();
        for (String k : names) if (k != null && !k.isEmpty() && !words.contains(k) && callerWords.add(k)) fresh.add(k);
        read(fresh, Reading.CALLERS);
    }

    /** Keys whose writes have been read ({@link #ensureWrites}); a key of {@link #words} needs no more. */
    private final Set<String> writeWords = new HashSet<>();

    /**
     * Parses what may write one of {@code keys}: the bodies that assign it, step it or pass it to a
     * write API ({@link Words#writesAny}), not every body that reads it; and the declarations that
     * name it (struct definitions, ops tables).
     */
    private void ensureWrites(Set<String> keys) {
        Set<String> fresh = new TreeSet<>();
        for (String k : keys) if (k != null && !k.isEmpty() && !words.contains(k) && writeWords.add(k)) fresh.add(k);
        read(fresh, Reading.WRITES);
    }

    /** Which items of a file that names a word are parsed for it. */
    private enum Reading {
        /** Bodies and declarations that name it. */
        MENTIONS,
        /** Bodies that may write it ({@link Words#writesAny}), declarations that name it. */
        WRITES,
        /** The bodies that define it, nothing else. */
        DEFINITIONS,
        /** Bodies that name it other than in a call (the callers are noted from their text), declarations that name it. */
        CALLERS,
        /** The bodies that define it and name a waking call. */
        WAKING_DEFINITIONS
    }

    /** Parses, in the driver's files that name one of {@code fresh}, the items {@code how} asks for, each body once. */
    private void read(Set<String> fresh, Reading how) {
        if (fresh.isEmpty()) return;
        // Keys a write API writes without naming them (dev_set_drvdata: drvdata) are read by mention.
        Set<String> byMention = new TreeSet<>();
        if (how == Reading.WRITES) {
            for (String k : fresh) if (knowledge.keyedWrites().containsKey(k)) byMention.add(k);
        }
        Set<String> calls = how == Reading.WRITES ? knowledge.stateCallNames() : Set.of();
        for (String file : files) {
            // Only the words this file names are looked for in its items.
            Set<String> present = new HashSet<>();
            for (String w : fresh) if (sources.mentions(file, w)) present.add(w);
            if (present.isEmpty()) continue;
            // A body taken by an earlier round is indexed already, for all it holds: parsing it again
            // was 40% of the model's parses on the kernel tree. Declarations are indexed for the
            // words of their round only, so they are read again.
            Set<Integer> seen = taken.computeIfAbsent(file, f -> new HashSet<>());
            java.util.function.Predicate<Outline.Item> mentions = it -> it.mentionsAny(present);
            java.util.function.Predicate<Outline.Item> wanted = switch (how) {
                case MENTIONS -> mentions;
                case WRITES -> it -> mentions.test(it)
                        && (it.mentionsAny(byMention) || Words.writesAny(it.text(), present, calls));
                case DEFINITIONS -> it -> mentions.test(it) && Words.definesAny(it.text(), present);
                case CALLERS -> it -> mentions.test(it) && !callsOnly(it.text(), present);
                case WAKING_DEFINITIONS -> it -> mentions.test(it) && it.mentionsAny(knowledge.wakerNames())
                        && Words.definesAny(it.text(), present);
            };
            java.util.function.Predicate<Outline.Item> body = it -> !seen.contains(it.start()) && wanted.test(it)
                    && seen.add(it.start());
            boolean definitionsOnly = how == Reading.DEFINITIONS || how == Reading.WAKING_DEFINITIONS;
            TranslationUnit tu = sources.parse(file, body, definitionsOnly ? it -> false : mentions);
            if (tu == null) continue;
            filesRead.add(file);
            index(tu, fresh);
        }
    }

    /**
     * Whether a function definition only calls those of {@code names} it uses: then it is noted as
     * their caller, as indexing its body would note it, without parsing it.
     */
    private boolean callsOnly(String item, Set<String> names) {
        Words.Uses u = Words.uses(item, names);
        if (u.defines() == null || !u.values().isEmpty()) return false;
        for (String callee : u.calls()) {
            if (!callee.equals(u.defines())) callersOf.computeIfAbsent(callee, k -> new TreeSet<>()).add(u.defines());
        }
        return true;
    }

    private void index(TranslationUnit tu, Set<String> fresh) {
        for (TopLevel item : tu.items()) {
            if (item instanceof TopLevel.Function f) {
                if (f.status() == ParseStatus.SKIPPED || f.body() == null) continue;
                String id = f.span().file() + ":" + f.span().line() + ":" + f.name();
                if (!indexed.add(id)) continue;
                Fn fn = new Fn(f);
                scanBody(fn);
                byName.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(fn);
                for (String c : fn.callees) {
                    if (!c.equals(f.name())) callersOf.computeIfAbsent(c, k -> new TreeSet<>()).add(f.name());
                }
            } else if (item instanceof TopLevel.Declaration d) {
                if (d.definesTag() != null) homes.computeIfAbsent(d.definesTag(), k -> new TreeSet<>()).add(d.span().file());
                for (VarDecl v : d.declarators()) {
                    if (v.init() != null) registrationsIn(v.init(), d.span(), d.span().file() + ":" + v.name());
                }
            } else if (item instanceof TopLevel.MacroInvocation m) {
                callRegistration(m.name(), m.args(), m.span());
            }
        }
    }

    /** The ops tables (file:variable) whose initializers name each function. */
    private final Map<String, Set<String>> tables = new HashMap<>();

    /**
     * The ops tables {@code function} runs for: those naming it, else those of its callers, a few
     * levels up; empty when none is found.
     */
    private Set<String> tablesOf(String function, int depth, Set<String> seen) {
        Set<String> own = tables.get(function);
        if (own != null) return own;
        Set<String> out = new TreeSet<>();
        if (depth >= ROLE_DEPTH || !seen.add(function)) return out;
        for (String c : callers(function)) out.addAll(tablesOf(c, depth + 1, seen));
        return out;
    }

    /**
     * Whether a write of {@code file->private_data} in {@code writer} can be one of the file that
     * {@code method} polls: both run for a common ops table, or either's tables are unknown. The
     * private data of a directory's other file types (another fops) is another object.
     */
    private boolean sameFileType(String writer, String method) {
        Set<String> mine = tablesOf(method, 0, new HashSet<>());
        if (mine.isEmpty()) return true;
        Set<String> theirs = tablesOf(writer, 0, new HashSet<>());
        if (theirs.isEmpty()) return true;
        for (String t : theirs) if (mine.contains(t)) return true;
        return false;
    }

    /** Initializer items naming a function: {@code .open = foo_open}, nested lists too. */
    private void registrationsIn(Expr init, Span site, String table) {
        Ast.walk(init, n -> {
            if (n instanceof Expr.InitList l) {
                for (Expr.InitItem it : l.items()) {
                    String fn = functionName(it.value());
                    if (fn == null || it.designators().isEmpty()) continue;
                    if (it.designators().get(it.designators().size() - 1) instanceof Expr.FieldDesignator fd) {
                        memberRegistration(fd.name(), fn, it.value().span());
                        tables.computeIfAbsent(fn, k -> new TreeSet<>()).add(table);
                    }
                }
            }
        });
    }

    private void memberRegistration(String member, String fn, Span at) {
        if (!registrationSites.add(at + ":" + fn + ":" + member)) return;
        byMember.computeIfAbsent(member, k -> new TreeSet<>()).add(fn);
        Role r = knowledge.memberRole(member);
        Origin o = r != null ? new Origin(r, member) : new Origin(Role.RUNTIME, "callback ." + member);
        registered.computeIfAbsent(fn, k -> new ArrayList<>()).add(o);
    }

    private void callRegistration(String name, List<Expr> args, Span at) {
        if (name == null) return;
        for (DriverKnowledge.CallRole cr : knowledge.callRoles(name)) {
            if (cr.arg() >= args.size()) continue;
            String fn = functionName(args.get(cr.arg()));
            if (fn == null || !registrationSites.add(at + ":" + fn + ":" + name + ":" + cr.arg())) continue;
            registered.computeIfAbsent(fn, k -> new ArrayList<>()).add(new Origin(cr.role(), name + " handler"));
        }
    }

    /** {@code foo} or {@code &foo}, as a function value. */
    private static String functionName(Expr e) {
        Expr x = CText.strip(e);
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS) x = CText.strip(u.operand());
        if (x instanceof Expr.Name n && !n.id().equals("NULL") && !n.id().equals(n.id().toUpperCase(java.util.Locale.ROOT))) {
            return n.id();
        }
        return null;
    }

    /** One pass over a body: its writes, wakes, calls and the registrations it makes. */
    private void scanBody(Fn fn) {
        Map<String, String> types = fn.types;
        Set<String> locals = new HashSet<>();
        for (Param p : fn.def.params()) {
            if (p.name() != null) {
                locals.add(p.name());
                if (p.type().tag() != null) types.put(p.name(), p.type().tag());
            }
        }
        Span whole = fn.def.body().span();
        // Locals holding an entry of a list, with the list's head: what list_del(&entry->node) empties.
        Map<String, Expr> heads = new HashMap<>();
        Ast.walk(fn.def.body(), n -> {
            if (n instanceof Stmt.If i) guardOfIf(fn, i, locals);
            if (n instanceof Stmt.Switch sw) guardsOfSwitch(fn, sw, locals);
            if (n instanceof Stmt.If i) {
                if (i.otherwise() != null) fn.exclusive.add(new Span[] {i.then().span(), i.otherwise().span()});
                Span rest = new Span(whole.file(), i.span().endLine(), i.span().endColumn() + 1, whole.endLine(), whole.endColumn());
                if (leaves(i.then())) fn.exclusive.add(new Span[] {i.then().span(), rest});
                if (i.otherwise() != null && leaves(i.otherwise())) fn.exclusive.add(new Span[] {i.otherwise().span(), rest});
            }
            if (n instanceof Stmt.Decl d) {
                for (VarDecl v : d.decls()) {
                    locals.add(v.name());
                    // A struct of the function's own frame: writing its members changes no device state.
                    if (!d.isStatic() && v.type() != null && v.type().tag() != null && !v.type().text().contains("*")) {
                        fn.frameObjects.add(v.name());
                    }
                    if (v.type() != null && v.type().tag() != null) types.put(v.name(), v.type().tag());
                    if (v.init() != null) entryOf(v.name(), v.init(), heads);
                }
            } else if (n instanceof Expr.Assign a && a.op() == null && CText.strip(a.target()) instanceof Expr.Name nm) {
                entryOf(nm.id(), a.value(), heads);
            } else if (n instanceof Expr.Call c && c.name() != null && c.args().size() >= 2 && knowledge.writeApi(c.name()) != null
                    && knowledge.writeApi(c.name()).arg() == 1 && "nonempty".equals(knowledge.writeApi(c.name()).value())
                    && addedEntry(c.args().get(0)) != null) {
                // list_add_tail(&entry.list, &head): the entry is on head's list, so list_del(&entry.list) empties it.
                heads.put(addedEntry(c.args().get(0)), c.args().get(1));
            } else if (n instanceof Stmt.MacroStmt m && knowledge.entryHead(m.macro()) > 0 && !m.args().isEmpty()
                    && knowledge.entryHead(m.macro()) < m.args().size() && CText.strip(m.args().get(0)) instanceof Expr.Name cur) {
                heads.put(cur.id(), m.args().get(knowledge.entryHead(m.macro())));
            }
        });
        freshObjects(fn);
        Ast.walk(fn.def.body(), n -> {
            if (n instanceof Expr.Assign a) {
                assignment(fn, a, types, locals);
            } else if (n instanceof Expr.Unary u && (u.op() == Expr.UnaryOp.PRE_INC || u.op() == Expr.UnaryOp.POST_INC
                    || u.op() == Expr.UnaryOp.PRE_DEC || u.op() == Expr.UnaryOp.POST_DEC)) {
                boolean inc = u.op() == Expr.UnaryOp.PRE_INC || u.op() == Expr.UnaryOp.POST_INC;
                addWrite(fn, u.operand(), inc ? "++" : "--", inc ? "+" : "-", u.span(), types, locals);
            } else if (n instanceof Expr.Call c) {
                call(fn, c, types, locals);
                unlink(fn, c, heads, types, locals);
            }
        });
    }

    /**
     * Fills {@code fn.fresh}: locals whose every store is a call that may return a new object (or
     * NULL, or the address of a member of such a local), with the calls' names, sorted and joined
     * by commas. Whether each call does return a new object is decided when a write is read
     * ({@link #newObject}): a kernel allocator, or a driver function that returns one.
     */
    private void freshObjects(Fn fn) {
        Map<String, List<Expr>> stores = new HashMap<>();
        Ast.walk(fn.def.body(), n -> {
            if (n instanceof Stmt.Decl d) {
                for (VarDecl v : d.decls()) {
                    if (!d.isStatic() && v.init() != null) stores.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v.init());
                }
            } else if (n instanceof Expr.Assign a && CText.strip(a.target()) instanceof Expr.Name nm) {
                stores.computeIfAbsent(nm.id(), k -> new ArrayList<>()).add(a.op() == null ? a.value() : a.target());
            }
        });
        for (Param p : fn.def.params()) if (p.name() != null) stores.remove(p.name());
        // Two rounds: counter = &ch->counter is fresh once ch is.
        for (int round = 0; round < 2; round++) {
            for (Map.Entry<String, List<Expr>> e : new java.util.TreeMap<>(stores).entrySet()) {
                Set<String> from = new TreeSet<>();
                boolean all = true;
                for (Expr v : e.getValue()) {
                    Expr x = CText.strip(v);
                    while (x instanceof Expr.Cast c) x = CText.strip(c.operand());
                    if (x instanceof Expr.Call c && c.name() != null && !errorPointer(c)) {
                        from.add(c.name());
                    } else if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS
                            && CText.strip(u.operand()) instanceof Expr.Member m && fn.fresh.containsKey(objectPointer(m))) {
                        from.addAll(List.of(fn.fresh.get(objectPointer(m)).split(",")));
                    } else if (!"0".equals(constant(x)) && !(x instanceof Expr.Call c && errorPointer(c))) {
                        all = false;
                    }
                }
                if (all && !from.isEmpty()) fn.fresh.put(e.getKey(), String.join(",", from));
            }
        }
    }

    private static boolean errorPointer(Expr.Call c) {
        return "ERR_PTR".equals(c.name()) || "ERR_CAST".equals(c.name());
    }

    /** How deep driver functions returning a new object are followed. */
    private static final int NEW_OBJECT_DEPTH = 3;
    private final Map<String, Boolean> returnsNew = new HashMap<>();

    /** Whether each call of {@code calls} (comma-joined) returns a new object: an allocator, or a driver function that returns one. */
    private boolean newObject(String calls, String fromFile, int depth) {
        for (String c : calls.split(",")) {
            if (!knowledge.allocator(c) && !returnsNew(c, fromFile, depth)) return false;
        }
        return true;
    }

    /**
     * Whether every {@code return} of driver function {@code name} returns NULL, an error pointer or
     * a new object (a local that only holds one), and one does: a constructor ({@code counter_alloc}).
     */
    private boolean returnsNew(String name, String fromFile, int depth) {
        if (depth >= NEW_OBJECT_DEPTH) return false;
        // The depth is in the key: an answer cut short by the bound is not the answer from the top.
        String key = name + "\0" + fromFile + "\0" + depth;
        Boolean known = returnsNew.get(key);
        if (known != null) return known;
        returnsNew.put(key, false); // a recursive constructor is not followed
        TopLevel.Function def = function(name, fromFile);
        boolean ok = false;
        if (def != null && def.body() != null) {
            Fn g = null;
            for (Fn f : byName.getOrDefault(name, List.of())) if (f.def == def) g = f;
            if (g != null) {
                Fn gf = g;
                boolean[] any = {false};
                boolean[] other = {false};
                Ast.walk(def.body(), n -> {
                    if (!(n instanceof Stmt.Return r) || r.value() == null) return;
                    Expr x = CText.strip(r.value());
                    while (x instanceof Expr.Cast c) x = CText.strip(c.operand());
                    if ("0".equals(constant(x)) || x instanceof Expr.Call c && errorPointer(c)) return;
                    String via = x instanceof Expr.Name nm ? gf.fresh.get(nm.id())
                            : x instanceof Expr.Call c && c.name() != null ? c.name() : null;
                    if (via == null) other[0] = true;
                    else if (newObject(via, gf.file, depth + 1)) any[0] = true;
                    else other[0] = true;
                });
                ok = any[0] && !other[0];
            }
        }
        returnsNew.put(key, ok);
        return ok;
    }

    /** {@code entry} of {@code &entry.list} or {@code &entry->list}: the object a list link belongs to, or null. */
    private static String addedEntry(Expr link) {
        Expr x = CText.strip(link);
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS) x = CText.strip(u.operand());
        return x instanceof Expr.Member m && CText.strip(m.base()) instanceof Expr.Name b ? b.id() : null;
    }

    private void entryOf(String local, Expr value, Map<String, Expr> heads) {
        if (CText.strip(value) instanceof Expr.Call c && c.name() != null) {
            int h = knowledge.entryHead(c.name());
            if (h >= 0 && h < c.args().size()) heads.put(local, c.args().get(h));
        }
    }

    /** {@code list_del(&buf->node)} with {@code buf} taken from {@code &dev->done}: a write of {@code dev->done}. */
    private void unlink(Fn fn, Expr.Call c, Map<String, Expr> heads, Map<String, String> types, Set<String> locals) {
        int arg = c.name() == null ? -1 : knowledge.unlinkArg(c.name());
        if (arg < 0 || arg >= c.args().size()) return;
        Expr x = CText.strip(c.args().get(arg));
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS) x = CText.strip(u.operand());
        if (x instanceof Expr.Member m && CText.strip(m.base()) instanceof Expr.Name b && heads.containsKey(b.id())) {
            addWrite(fn, heads.get(b.id()), c.name(), null, c.span(), types, locals);
        }
    }

    private void assignment(Fn fn, Expr.Assign a, Map<String, String> types, Set<String> locals) {
        String fnValue = functionName(a.value());
        Expr t = CText.strip(a.target());
        if (fnValue != null && t instanceof Expr.Member m && !byNameHasLocal(locals, fnValue)) {
            memberRegistration(m.member(), fnValue, a.span()); // dev->ops.open = foo_open;
        }
        if (a.op() == null) {
            addWrite(fn, a.target(), "=", constant(a.value()), named(a.value(), locals), a.span(), types, locals);
        } else if (a.op() == Expr.BinaryOp.BIT_OR || a.op() == Expr.BinaryOp.BIT_AND || a.op() == Expr.BinaryOp.BIT_XOR) {
            // |= sets bits and clears none: a nonzero member stays nonzero.
            boolean sets = a.op() == Expr.BinaryOp.BIT_OR && !"0".equals(constant(a.value()));
            boolean named = a.op() != Expr.BinaryOp.BIT_XOR && onlyNamedBits(a.value());
            addWrite(fn, a.target(), a.op().symbol + "=" + (named ? Write.NAMED_BITS : ""), sets ? "nonzero" : null, a.span(), types, locals);
            // dev->flags |= FOO_READY sets the bit FOO_READY; &= ~FOO_READY clears it.
            Expr v = CText.strip(a.value());
            boolean clear = a.op() == Expr.BinaryOp.BIT_AND;
            if (clear && v instanceof Expr.Unary u && u.op() == Expr.UnaryOp.BIT_NOT) v = CText.strip(u.operand());
            // Bits or-ed into a local (mode |= FOO_READ, returned to a caller) are no device state.
            boolean local = t instanceof Expr.Name nm && locals.contains(nm.id());
            for (String bit : local ? List.<String>of() : bitNames(v)) {
                fn.writes.add(new RawWrite(bit, null, bit, a.op().symbol + "=", clear ? "0" : a.op() == Expr.BinaryOp.BIT_OR ? "1" : null, a.span()));
            }
        } else {
            addWrite(fn, a.target(), a.op().symbol + "=", a.op() == Expr.BinaryOp.ADD ? "+" : a.op() == Expr.BinaryOp.SUB ? "-" : null,
                    a.span(), types, locals);
        }
    }

    private static boolean byNameHasLocal(Set<String> locals, String name) {
        return locals.contains(name);
    }

    private void call(Fn fn, Expr.Call c, Map<String, String> types, Set<String> locals) {
        String name = c.name();
        if (name != null) {
            fn.callees.add(name);
            callRegistration(name, c.args(), c.span());
            DriverKnowledge.WriteApi w = knowledge.writeApi(name);
            if (w != null) {
                String value = w.value().startsWith("=") ? argConstant(c, w.value()) : w.value().equals("?") ? null : w.value();
                String named = w.value().startsWith("=") ? argNamed(c, w.value(), locals) : null;
                if (w.key() != null) {
                    fn.writes.add(new RawWrite(w.key(), null, name + "()", name, value, c.span()));
                } else if (w.arg() < c.args().size()) {
                    // set_bit(FOO_BIT, &dev->flags) writes one named bit of the word, as |= FOO does; the
                    // judge counts it as the word's whole write where a tested mask's number is unknown.
                    boolean numbered = w.flagArg() >= 0 && w.flagArg() < c.args().size() && bitName(c.args().get(w.flagArg()));
                    addWrite(fn, c.args().get(w.arg()), numbered ? name + Write.BIT_NUMBERS : name, value, named, c.span(), types, locals);
                }
                if (w.flagArg() >= 0 && w.flagArg() < c.args().size()) {
                    for (String bit : bitNames(CText.strip(c.args().get(w.flagArg())))) {
                        fn.writes.add(new RawWrite(bit, null, bit, name, value, c.span()));
                    }
                }
            }
            DriverKnowledge.WakerApi k = knowledge.waker(name);
            if (k != null && k.arg() < c.args().size()) addWake(fn, c.args().get(k.arg()), k.suffix(), name, c, types);
        } else if (CText.strip(c.callee()) instanceof Expr.Member m) {
            DriverKnowledge.WakerApi k = knowledge.memberWaker(m.member());
            if (k != null && k.arg() < c.args().size()) addWake(fn, c.args().get(k.arg()), k.suffix(), "->" + m.member(), c, types);
        }
    }

    private static String argConstant(Expr.Call c, String spec) {
        int i = Integer.parseInt(spec.substring(1));
        return i < c.args().size() ? constant(c.args().get(i)) : null;
    }

    private static String argNamed(Expr.Call c, String spec, Set<String> locals) {
        int i = Integer.parseInt(spec.substring(1));
        return i < c.args().size() ? named(c.args().get(i), locals) : null;
    }

    /** A name written that may be an enumerator: not a constant by its spelling, nor a local or parameter. */
    private static String named(Expr v, Set<String> locals) {
        Expr x = CText.strip(v);
        return constant(x) == null && x instanceof Expr.Name n && !locals.contains(n.id()) ? n.id() : null;
    }

    private void addWake(Fn fn, Expr arg, String suffix, String call, Expr.Call site, Map<String, String> types) {
        String queue = CText.of(CText.strip(arg)) + suffix;
        String key = suffix.isEmpty() ? lastMember(arg) : lastIdent(suffix);
        String type = suffix.isEmpty() && memberOf(arg) instanceof Expr.Member m ? baseTag(m.base(), types) : null;
        if (key != null) fn.wakes.add(new RawWake(queue, key, type, call, site.span(), arg, site));
    }

    /** The member access {@code &dev->wq}, {@code dev->wq[i]} name, or null. */
    private static Expr memberOf(Expr e) {
        Expr x = CText.strip(e);
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS) x = CText.strip(u.operand());
        while (x instanceof Expr.Index ix) x = CText.strip(ix.base());
        return x instanceof Expr.Member ? x : null;
    }

    private static final java.util.regex.Pattern SIMPLE_QUEUE =
            java.util.regex.Pattern.compile("&?\\(?([A-Za-z_][A-Za-z_0-9]*)\\)?(?:->|\\.)[A-Za-z_][A-Za-z_0-9]*(?:\\[[^\\]]*\\])?");

    /**
     * The struct tag of a queue spelt {@code &dev->wq} in {@code owner}'s terms, from the declared type
     * of {@code dev} (a parameter or local); null for longer chains or unknown types.
     */
    public static String queueTag(String queue, TopLevel.Function owner) {
        if (queue == null || owner == null) return null;
        java.util.regex.Matcher m = SIMPLE_QUEUE.matcher(queue.replace(" ", ""));
        if (!m.matches()) return null;
        String base = m.group(1);
        for (Param p : owner.params()) if (base.equals(p.name())) return p.type().tag();
        String[] tag = {null};
        if (owner.body() != null) {
            Ast.walk(owner.body(), n -> {
                if (n instanceof Stmt.Decl d) {
                    for (VarDecl v : d.decls()) if (base.equals(v.name()) && v.type() != null) tag[0] = v.type().tag();
                }
            });
        }
        return tag[0];
    }

    private void addWrite(Fn fn, Expr target, String how, String value, Span at, Map<String, String> types, Set<String> locals) {
        addWrite(fn, target, how, value, null, at, types, locals);
    }

    private void addWrite(Fn fn, Expr target, String how, String value, String named, Span at, Map<String, String> types,
                          Set<String> locals) {
        Expr t = CText.strip(target);
        if (t instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS) t = CText.strip(u.operand());
        while (t instanceof Expr.Index ix) t = CText.strip(ix.base());
        if (t instanceof Expr.Member m) {
            Expr root = CText.strip(m.base());
            while (!m.arrow() && root instanceof Expr.Member inner && !inner.arrow()) root = CText.strip(inner.base());
            if (!m.arrow() && root instanceof Expr.Name r && fn.frameObjects.contains(r.id())) return;
            String fresh = fn.fresh.isEmpty() ? null : fn.fresh.get(objectPointer(m));
            String tag = baseTag(m.base(), types);
            if (tag == null) tag = globalBase(fn, m.base(), locals);
            fn.writes.add(new RawWrite(m.member(), tag, CText.of(m), how, value, at, fresh,
                    guardAt(fn, CText.of(m), at), named, objectPointer(m)));
        } else if (t instanceof Expr.Name nm && !locals.contains(nm.id())) {
            // a file-scope variable
            fn.writes.add(new RawWrite(nm.id(), null, nm.id(), how, value, at, null, guardAt(fn, nm.id(), at), named, null));
        }
    }

    /**
     * {@code if (x == A) ...}: the then-arm runs only while x is A. {@code if ((x != A && x != B) || ...)
     * goto out;}: what follows the if runs only while x is A or B (smc_listen()).
     */
    private static void guardOfIf(Fn fn, Stmt.If i, Set<String> locals) {
        if (i.otherwise() == null && leaves(i.then())) {
            Span whole = fn.def.body().span();
            Span rest = new Span(whole.file(), i.span().endLine(), i.span().endColumn() + 1, whole.endLine(), whole.endColumn());
            for (Expr disjunct : split(CText.strip(i.cond()), Expr.BinaryOp.OR)) {
                String state = null;
                Set<String> values = new TreeSet<>();
                for (Expr c : split(disjunct, Expr.BinaryOp.AND)) {
                    if (!(c instanceof Expr.Binary b) || b.op() != Expr.BinaryOp.NE) {
                        state = null;
                        break;
                    }
                    String st = stateText(CText.strip(b.left()));
                    String v = constantText(CText.strip(b.right()), locals);
                    if (st == null || v == null || state != null && !state.equals(st)) {
                        state = null;
                        break;
                    }
                    state = st;
                    values.add(v);
                }
                if (state != null) fn.guards.add(new Guard(rest, state, Set.copyOf(values)));
            }
        }
        if (!(CText.strip(i.cond()) instanceof Expr.Binary b) || b.op() != Expr.BinaryOp.EQ) return;
        Expr l = CText.strip(b.left());
        Expr r = CText.strip(b.right());
        String state = stateText(l) != null && constantText(r, locals) != null ? stateText(l) : stateText(r);
        String value = stateText(l) != null && constantText(r, locals) != null ? constantText(r, locals) : constantText(l, locals);
        if (state == null || value == null) return;
        fn.guards.add(new Guard(i.then().span(), state, Set.of(value)));
    }

    /**
     * {@code switch (x) { case A: case B: ... }}: each group of labels runs only while x has one of
     * them, and one a group before falls into also counts; a {@code default:} group has no guard.
     */
    private static void guardsOfSwitch(Fn fn, Stmt.Switch sw, Set<String> locals) {
        String state = stateText(CText.strip(sw.selector()));
        if (state == null || !(sw.body() instanceof Stmt.Block block)) return;
        List<Stmt> items = block.items();
        Set<String> carried = new TreeSet<>();
        for (int k = 0; k < items.size(); k++) {
            if (!(items.get(k) instanceof Stmt.Case first)) continue;
            Set<String> values = new TreeSet<>(carried);
            boolean known = true;
            Stmt body = first;
            while (body instanceof Stmt.Case c) {
                String v = c.value() == null || c.high() != null ? null : constantText(CText.strip(c.value()), locals);
                if (v == null) known = false;
                else values.add(v);
                body = c.body();
            }
            int end = k + 1;
            while (end < items.size() && !(items.get(end) instanceof Stmt.Case)) end++;
            Span from = first.span();
            Span to = end < items.size() ? items.get(end).span() : block.span();
            Span region = new Span(from.file(), from.line(), from.column(),
                    end < items.size() ? to.line() : to.endLine(), end < items.size() ? to.column() - 1 : to.endColumn());
            if (known) fn.guards.add(new Guard(region, state, Set.copyOf(values)));
            // The group falls into the next unless its last statement leaves the switch.
            Stmt last = end - 1 > k ? items.get(end - 1) : body;
            boolean leaves = last instanceof Stmt.Break || leaves(last);
            carried = leaves || !known ? new TreeSet<>() : values;
        }
    }

    /** The operands of a chain of {@code op} ({@code a || b || c}), parentheses stripped. */
    private static List<Expr> split(Expr e, Expr.BinaryOp op) {
        Expr x = CText.strip(e);
        if (x instanceof Expr.Binary b && b.op() == op) {
            List<Expr> out = new ArrayList<>(split(b.left(), op));
            out.addAll(split(b.right(), op));
            return out;
        }
        return List.of(x);
    }

    /** The text of a state a guard can test: a member or a file-scope name, as written. */
    private static String stateText(Expr e) {
        return e instanceof Expr.Member || e instanceof Expr.Name ? CText.of(e).replace(" ", "") : null;
    }

    /**
     * An enumerator a guard compares with: a name that is no local or parameter (a lower-case one
     * counts only once it proves an {@link #enumerator}, see {@link #fromOf}).
     */
    private static String constantText(Expr e, Set<String> locals) {
        if (e instanceof Expr.Name n && Character.isJavaIdentifierStart(n.id().charAt(0)) && !locals.contains(n.id())
                && !"true".equals(n.id()) && !"false".equals(n.id())) {
            return n.id();
        }
        return null;
    }

    /** The values the state spelt {@code text} has wherever {@code at} runs, or null when unguarded. */
    private static Set<String> guardAt(Fn fn, String text, Span at) {
        String want = text.replace(" ", "");
        Guard best = null;
        for (Guard g : fn.guards) {
            if (!g.text().equals(want) || !within(g.region(), at)) continue;
            if (best == null || within(best.region(), g.region())) best = g; // the innermost
        }
        return best == null ? null : best.values();
    }

    /** {@code p} of {@code p->x} and {@code p->a.b}: the pointer to the object a member is in, or null. */
    private static String objectPointer(Expr.Member m) {
        Expr x = m;
        while (x instanceof Expr.Member d && !d.arrow()) x = CText.strip(d.base());
        if (!(x instanceof Expr.Member a)) return null;
        return CText.strip(a.base()) instanceof Expr.Name n ? n.id() : null;
    }

    /** The struct tag of a member's base when it is a parameter or local of known type. */
    static String baseTag(Expr base, Map<String, String> types) {
        // A cast or a container_of names the type itself: ((struct foo *)p)->x, container_of(p, struct foo, m)->x.
        for (Expr e = base; e instanceof Expr.Cast c; e = c.operand()) {
            String tag = c.type().tag();
            if (tag != null) return tag;
        }
        Expr b = CText.strip(base);
        if (b instanceof Expr.Call c && "container_of".equals(c.name()) && c.args().size() == 3
                && c.args().get(1) instanceof Expr.TypeArg t) {
            return t.type().tag();
        }
        while (b instanceof Expr.Index ix) b = CText.strip(ix.base());
        if (b instanceof Expr.Member m) {
            // lr->gdev: the type of member gdev of lr's struct, found when asked (see resolve).
            String outer = baseTag(m.base(), types);
            return outer == null ? null : outer + TYPE_STEP + m.member();
        }
        return b instanceof Expr.Name n ? types.get(n.id()) : null;
    }

    /** Separates the steps of a type path: {@code linereq>gdev} is the type of member gdev of struct linereq. */
    static final String TYPE_STEP = ">";

    /**
     * Opens and separates the first step of a type path rooted at a file-scope variable:
     * {@code \0trace.c\0global_trace>sub} is the type of member sub of the variable global_trace
     * of trace.c, read from its declaration when asked ({@link #resolve}).
     */
    private static final String GLOBAL = "\0";

    /**
     * The type path of {@code base} (a member's base, whose type {@link #baseTag} does not know) when
     * it is reached from a file-scope variable of {@code fn}'s file ({@code global_trace.flags},
     * {@code devs[i].ctl->state}): no local or parameter of that name, no macro's spelling. Null
     * otherwise. The variable's declared type is read only when a write through it is matched.
     */
    private static String globalBase(Fn fn, Expr base, Set<String> locals) {
        List<String> steps = new ArrayList<>();
        Expr b = CText.strip(base);
        while (true) {
            while (b instanceof Expr.Index ix) b = CText.strip(ix.base());
            if (!(b instanceof Expr.Member m)) break;
            steps.add(0, m.member());
            b = CText.strip(m.base());
        }
        if (!(b instanceof Expr.Name n) || locals.contains(n.id()) || upperCase(n.id())
                || fn.file.contains(GLOBAL) || fn.file.contains(TYPE_STEP)) {
            return null;
        }
        StringBuilder path = new StringBuilder(GLOBAL).append(fn.file).append(GLOBAL).append(n.id());
        for (String st : steps) path.append(TYPE_STEP).append(st);
        return path.toString();
    }

    /** Per file and name, the struct tag of the file-scope variable's declared type ("" for none found). */
    private final Map<String, String> globals = new HashMap<>();

    /**
     * The struct tag of the file-scope variable {@code name} of {@code file}, from its declarations
     * there (only those naming it are parsed, no body); null when none declares it with one tag.
     */
    private String globalTag(String file, String name) {
        String tag = globals.computeIfAbsent(file + GLOBAL + name, k -> {
            TranslationUnit tu = sources.parse(file, it -> false, it -> it.mentionsAny(Set.of(name)));
            if (tu == null) return "";
            String found = null;
            for (TopLevel item : tu.items()) {
                if (!(item instanceof TopLevel.Declaration d) || d.typedef()) continue;
                for (VarDecl v : d.declarators()) {
                    if (!name.equals(v.name())) continue;
                    String t = v.type() == null ? null : v.type().tag();
                    if (t == null || found != null && !found.equals(t)) return "";
                    found = t;
                }
            }
            return found == null ? "" : found;
        });
        return tag.isEmpty() ? null : tag;
    }

    /** Member types per struct tag, from the definitions read; "" where two definitions disagree. */
    private final Map<String, Map<String, String>> memberTypes = new HashMap<>();
    /** Tags whose definitions were looked for. */
    private final Set<String> structsRead = new HashSet<>();
    private final Map<String, String> resolved = new HashMap<>();

    /**
     * The struct tag a type path names ({@code linereq>gdev} to {@code gpio_device}), reading the
     * struct definitions of the driver's files as needed; the tag itself for a plain tag; null
     * when a step's definition is not in the driver's files (the atom is then matched by member name).
     */
    public synchronized String resolve(String path) {
        if (path == null) return null;
        boolean global = path.startsWith(GLOBAL);
        if (!global && !path.contains(TYPE_STEP)) return path;
        if (resolved.containsKey(path)) return resolved.get(path);
        String[] steps = path.split(TYPE_STEP);
        String tag = steps[0];
        if (global) {
            int sep = tag.indexOf(GLOBAL, GLOBAL.length());
            tag = sep < 0 ? null : globalTag(tag.substring(GLOBAL.length(), sep), tag.substring(sep + GLOBAL.length()));
        }
        for (int i = 1; i < steps.length && tag != null; i++) {
            readStruct(tag);
            String t = memberTypes.getOrDefault(tag, Map.of()).get(steps[i]);
            tag = t == null || t.isEmpty() ? null : t;
        }
        resolved.put(path, tag);
        return tag;
    }

    /**
     * Reads the definitions of {@code struct tag} in the driver's files (declarations only, no
     * bodies); when none has it, in the kernel headers they include: a subsystem's structs
     * ({@code struct snd_compr_stream} of {@code <sound/compress_driver.h>}) are defined there, and
     * without them a compress runtime's {@code state} and a PCM runtime's are one member.
     */
    private void readStruct(String tag) {
        // An anonymous member's type (TAG.member) has no definition of its own to look for.
        if (!Words.isIdentifier(tag) || !structsRead.add(tag)) return;
        Set<String> want = Set.of(tag);
        for (String file : files) {
            if (!sources.mentions(file, tag)) continue;
            TranslationUnit tu = sources.parse(file, it -> false, it -> it.mentionsAny(want) && it.text().indexOf('{') >= 0);
            if (tu == null) continue;
            for (TopLevel item : tu.items()) {
                if (item instanceof TopLevel.Declaration d && d.definesTag() != null) {
                    homes.computeIfAbsent(d.definesTag(), k -> new TreeSet<>()).add(d.span().file());
                    addMembers(d);
                }
            }
        }
        if (memberTypes.containsKey(tag)) return;
        Set<String> headers = new TreeSet<>();
        for (String file : files) headers.addAll(sources.systemHeaders(file));
        for (String h : headers) {
            if (!sources.definesStruct(h, tag)) continue;
            TranslationUnit tu = sources.parse(h, it -> false, it -> it.mentionsAny(want) && it.text().indexOf('{') >= 0);
            if (tu == null) continue;
            filesRead.add(h);
            for (TopLevel item : tu.items()) {
                if (item instanceof TopLevel.Declaration d && tag.equals(d.definesTag())) addMembers(d);
            }
        }
    }

    private void addMembers(TopLevel.Declaration d) {
        Map<String, String> m = memberTypes.computeIfAbsent(d.definesTag(), k -> new TreeMap<>());
        for (Map.Entry<String, String> e : d.memberTags().entrySet()) {
            String had = m.putIfAbsent(e.getKey(), e.getValue());
            if (had != null && !had.equals(e.getValue())) m.put(e.getKey(), "");
        }
    }

    /** The last member of {@code &dev->read_wait} ({@code read_wait}); a plain name for itself. */
    static String lastMember(Expr e) {
        Expr x = CText.strip(e);
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS) x = CText.strip(u.operand());
        while (x instanceof Expr.Index ix) x = CText.strip(ix.base());
        if (x instanceof Expr.Member m) return m.member();
        if (x instanceof Expr.Name n) return n.id();
        return null;
    }

    /** The last identifier of a queue's spelling: {@code done_wq} of {@code &q->done_wq}, {@code wait} of {@code ->fh.wait}. */
    public static String lastIdent(String text) {
        int end = text.length();
        while (end > 0 && !Character.isJavaIdentifierPart(text.charAt(end - 1))) end--;
        int start = end;
        while (start > 0 && Character.isJavaIdentifierPart(text.charAt(start - 1))) start--;
        return text.substring(start, end);
    }

    /** Whether {@code v} is made of bit names only: {@code FOO_A | FOO_B}, {@code ~BIT(FOO_A)}, no variable or other call. */
    private static boolean onlyNamedBits(Expr v) {
        boolean[] ok = {true};
        Ast.walk(v, n -> {
            if (n instanceof Expr.Name nm && !nm.id().equals(nm.id().toUpperCase(java.util.Locale.ROOT))) ok[0] = false;
            if (n instanceof Expr.Call c && !"BIT".equals(c.name()) && !"BIT_ULL".equals(c.name())) ok[0] = false;
            if (n instanceof Expr.Member || n instanceof Expr.Index || n instanceof Expr.Assign) ok[0] = false;
        });
        return ok[0] && !bitNames(v).isEmpty();
    }

    /** Whether a write API's flag argument is one bit's name ({@code FOO_BIT}): a constant's spelling, no number or variable. */
    private static boolean bitName(Expr arg) {
        return CText.strip(arg) instanceof Expr.Name n && bitNames(n).size() == 1;
    }

    /** Bit names in {@code FOO_A | FOO_B}, {@code BIT(FOO_A)}, {@code 1 << FOO_A}. */
    private static List<String> bitNames(Expr v) {
        List<String> out = new ArrayList<>();
        Ast.walk(v, n -> {
            if (n instanceof Expr.Name nm && nm.id().equals(nm.id().toUpperCase(java.util.Locale.ROOT))
                    && Character.isLetter(nm.id().charAt(0)) && !nm.id().equals("BIT") && !nm.id().equals("NULL")) {
                out.add(nm.id());
            }
        });
        return out;
    }

    /**
     * The value written when it is a constant: {@code 0} for 0, NULL and false, the number, or an
     * upper-case name (an enumerator or macro); null otherwise.
     */
    public static String constant(Expr e) {
        Expr x = CText.strip(e);
        if (x instanceof Expr.IntConst k) return Long.toString(k.value());
        if (x instanceof Expr.CharConst k) return Long.toString(k.value());
        if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG && CText.strip(u.operand()) instanceof Expr.IntConst k) {
            return Long.toString(-k.value());
        }
        if (x instanceof Expr.Name n) {
            String id = n.id();
            if (id.equals("NULL") || id.equals("false")) return "0";
            if (id.equals("true")) return "1";
            if (id.equals(id.toUpperCase(java.util.Locale.ROOT)) && Character.isLetter(id.charAt(0))) return id;
        }
        return null;
    }
}
