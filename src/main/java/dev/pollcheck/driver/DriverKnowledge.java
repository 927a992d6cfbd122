package dev.pollcheck.driver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernel knowledge the driver model reads: where functions are registered ({@code roles.txt}),
 * which calls write state ({@code write-apis.txt}) and which wake a queue ({@code wakers.txt}), all
 * under {@code src/main/resources/dev/pollcheck/driver/}, plus user files given with
 * {@code --driver-model FILE} holding lines of any kind ({@code member}, {@code call},
 * {@code write}, {@code read}, {@code wake}, {@code owned}, ...).
 */
public final class DriverKnowledge {
    static final List<String> RESOURCES = List.of("/dev/pollcheck/driver/roles.txt",
            "/dev/pollcheck/driver/write-apis.txt", "/dev/pollcheck/driver/wakers.txt",
            "/dev/pollcheck/driver/allocators.txt");

    /** A function passed as argument {@code arg} of a registration call gets {@code role}. */
    public record CallRole(int arg, Role role) {
    }

    /**
     * A call writing state: the object is argument {@code arg} (or the fixed {@code key} when not
     * null); {@code value} as in the file ({@code 1}, {@code =1}, {@code nonempty}, {@code ?});
     * {@code flagArg} the argument naming a bit, or -1.
     */
    public record WriteApi(int arg, String key, String value, int flagArg) {
    }

    /** A call waking a queue named by argument {@code arg} plus {@code suffix}. */
    public record WakerApi(int arg, String suffix) {
    }

    /**
     * A member of a kernel struct that the kernel core writes, not the driver ({@code owned} line):
     * {@code struct tag}'s {@code member}, written in each of {@code writes}' roles.
     *
     * @param place the data line, {@code write-apis.txt:172} (a user's file by its path)
     */
    public record Owned(String tag, String member, List<OwnedWrite> writes, String place) {
    }

    /** One role an {@link Owned} member is written in, with the value written there ({@code 0}), or null when unknown. */
    public record OwnedWrite(Role role, String value) {
    }

    private final Map<String, Role> members = new HashMap<>();
    private final List<Map.Entry<String, Role>> memberPrefixes = new ArrayList<>();
    private final Map<String, List<CallRole>> calls = new HashMap<>();
    private final Map<String, WriteApi> writes = new HashMap<>();
    private final Map<String, String> reads = new HashMap<>();
    private final Map<String, WakerApi> wakers = new HashMap<>();
    private final Map<String, WakerApi> memberWakers = new HashMap<>();
    /** Ops members whose function the subsystem calls and then does what a waking call does (s_ctrl). */
    private final Map<String, String> callbacks = new java.util.TreeMap<>();
    private final Map<String, Integer> entries = new HashMap<>();
    private final Map<String, Integer> unlinks = new HashMap<>();
    private final Map<String, Integer> lookups = new HashMap<>();
    /** Kernel-owned members by member name, in the order read. */
    private final Map<String, List<Owned>> owned = new HashMap<>();

    private DriverKnowledge() {
    }

    private static volatile DriverKnowledge builtin;

    public static DriverKnowledge builtin() {
        DriverKnowledge b = builtin;
        if (b == null) {
            b = load(List.of());
            builtin = b;
        }
        return b;
    }

    /** The built-in files and then {@code userFiles}; a malformed line throws naming file and line. */
    public static DriverKnowledge load(List<Path> userFiles) {
        DriverKnowledge k = new DriverKnowledge();
        for (String r : RESOURCES) {
            try (InputStream in = DriverKnowledge.class.getResourceAsStream(r)) {
                if (in == null) throw new IllegalStateException("missing resource " + r);
                k.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), r);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + r, e);
            }
        }
        for (Path p : userFiles) {
            try {
                k.parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read driver model " + p + ": " + e.getMessage(), e);
            }
        }
        return k;
    }

    /** Per subsystem helper, the waking calls that change its result. */
    private final Map<String, Set<String>> signals = new HashMap<>();

    /** Calls whose result is a newly allocated object. */
    private final Set<String> allocators = new java.util.HashSet<>();

    void parse(String text, String origin) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String where = origin + ":" + (i + 1);
            String[] w = line.split("\\s+");
            try {
                switch (w[0]) {
                    case "member" -> {
                        need(w, 3, 3, where);
                        Role r = Role.parse(w[2], where);
                        if (w[1].endsWith("*")) memberPrefixes.add(Map.entry(w[1].substring(0, w[1].length() - 1), r));
                        else members.put(w[1], r);
                    }
                    case "call" -> {
                        need(w, 4, 4, where);
                        calls.computeIfAbsent(w[1], x -> new ArrayList<>())
                                .add(new CallRole(Integer.parseInt(w[2]), Role.parse(w[3], where)));
                    }
                    case "write" -> {
                        need(w, 4, 5, where);
                        boolean fixed = w[2].startsWith("@");
                        writes.put(w[1], new WriteApi(fixed ? -1 : Integer.parseInt(w[2]), fixed ? w[2].substring(1) : null,
                                w[3], w.length > 4 ? Integer.parseInt(w[4]) : -1));
                    }
                    case "read" -> {
                        need(w, 3, 3, where);
                        reads.put(w[1], w[2]);
                    }
                    case "wake" -> {
                        need(w, 3, 4, where);
                        WakerApi api = new WakerApi(Integer.parseInt(w[2]), w.length > 3 ? w[3] : "");
                        if (w[1].startsWith(".")) memberWakers.put(w[1].substring(1), api);
                        else wakers.put(w[1], api);
                    }
                    case "entry" -> {
                        need(w, 3, 3, where);
                        entries.put(w[1], Integer.parseInt(w[2]));
                    }
                    case "unlink" -> {
                        need(w, 3, 3, where);
                        unlinks.put(w[1], Integer.parseInt(w[2]));
                    }
                    case "lookup" -> {
                        need(w, 3, 3, where);
                        lookups.put(w[1], Integer.parseInt(w[2]));
                    }
                    case "signals" -> {
                        need(w, 3, 3, where);
                        signals.computeIfAbsent(w[1], x -> new java.util.TreeSet<>()).add(w[2]);
                    }
                    case "callback" -> {
                        need(w, 3, 3, where);
                        callbacks.put(w[1], w[2]);
                    }
                    case "alloc" -> {
                        need(w, 2, 2, where);
                        allocators.add(w[1]);
                    }
                    case "owned" -> {
                        need(w, 4, 7, where); // at most the four roles
                        if (!Words.isIdentifier(w[1]) || !Words.isIdentifier(w[2])) {
                            throw new IllegalArgumentException(where + ": expected a struct tag and a member name in: " + line);
                        }
                        List<OwnedWrite> roles = new ArrayList<>();
                        for (int k = 3; k < w.length; k++) {
                            int eq = w[k].indexOf('=');
                            Role r = Role.parse(eq < 0 ? w[k] : w[k].substring(0, eq), where);
                            String v = eq < 0 ? null : w[k].substring(eq + 1);
                            if (v != null && (v.isEmpty() || v.equals("?"))) v = null;
                            if (v != null && v.equals("NULL")) v = "0";
                            for (OwnedWrite o : roles) {
                                if (o.role() == r) throw new IllegalArgumentException(where + ": role " + r.id() + " twice in: " + line);
                            }
                            roles.add(new OwnedWrite(r, v));
                        }
                        String shown = origin.startsWith(BUILTIN) ? origin.substring(BUILTIN.length()) : origin;
                        owned.computeIfAbsent(w[2], x -> new ArrayList<>()).add(new Owned(w[1], w[2], List.copyOf(roles),
                                shown + ":" + (i + 1)));
                    }
                    default -> throw new IllegalArgumentException(where
                            + ": expected member, call, write, read, wake, signals, callback, entry, unlink, lookup, alloc or owned, got "
                            + w[0]);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": expected an argument number in: " + line, e);
            }
        }
    }

    /** Where the built-in data files are, left out of the places their lines are named by. */
    private static final String BUILTIN = "/dev/pollcheck/driver/";

    /**
     * The kernel-owned members named {@code member} ({@code owned} lines): the kernel core writes
     * them at well-known times ({@code struct inode}'s {@code i_private}, set when the filesystem
     * makes the inode); empty when none is listed.
     */
    public List<Owned> owned(String member) {
        return owned.getOrDefault(member, List.of());
    }

    private static void need(String[] w, int min, int max, String where) {
        if (w.length < min || w.length > max) {
            throw new IllegalArgumentException(where + ": wrong number of fields for a " + w[0] + " line");
        }
    }

    /** The role a function stored in member {@code name} gets, or null when the member is not listed. */
    public Role memberRole(String name) {
        Role r = members.get(name);
        if (r != null) return r;
        for (Map.Entry<String, Role> e : memberPrefixes) {
            if (name.startsWith(e.getKey())) return e.getValue();
        }
        return null;
    }

    public List<CallRole> callRoles(String name) {
        return calls.getOrDefault(name, List.of());
    }

    public WriteApi writeApi(String name) {
        return writes.get(name);
    }

    /** The state key a call's result reads ({@code drvdata} for {@code video_drvdata}), or null. */
    public String readKey(String name) {
        return reads.get(name);
    }

    public WakerApi waker(String name) {
        return wakers.get(name);
    }

    /**
     * The argument naming the list head whose entry a call returns ({@code list_first_entry}) or a
     * loop macro walks ({@code list_for_each_entry}), or -1.
     */
    public int entryHead(String name) {
        return entries.getOrDefault(name, -1);
    }

    /** The argument of a call that takes an entry off its list ({@code list_del}), or -1. */
    public int unlinkArg(String name) {
        return unlinks.getOrDefault(name, -1);
    }

    /**
     * The argument naming the container whose element a call looks up ({@code xa_load}: argument 0,
     * the xarray), or -1: the result is NULL when the container holds no element for the key, so a
     * NULL test of it tests the container's contents, as {@code list_empty()} tests a list's.
     */
    public int lookupArg(String name) {
        return lookups.getOrDefault(name, -1);
    }

    /** Whether a call returns a new object that no one else can see yet ({@code kzalloc}). */
    public boolean allocator(String name) {
        return allocators.contains(name);
    }

    /** A waker called through a member ({@code sk->sk_data_ready(sk)}), or null. */
    public WakerApi memberWaker(String member) {
        return memberWakers.get(member);
    }

    /**
     * Whether a waking call ({@code v4l2_event_queue_fh}, {@code ->sk_data_ready}) is a subsystem's
     * own, which changes the subsystem's state as it wakes: those name the queue they wake by a
     * suffix of their argument. A bare {@code wake_up(q)} changes nothing by itself.
     */
    public boolean signalsState(String call) {
        WakerApi w = call == null ? null : call.startsWith("->") ? memberWakers.get(call.substring(2)) : wakers.get(call);
        return w != null && !w.suffix().isEmpty();
    }

    /** Whether the waking {@code call} changes what subsystem {@code helper} returns (a {@code signals} line). */
    public boolean signals(String helper, String call) {
        return call != null && signals.getOrDefault(helper, Set.of()).contains(call.startsWith("->") ? "." + call.substring(2) : call);
    }

    /** Names of every waker call and waker member, for the text search that picks the files to read. */
    /**
     * The callback members ({@code s_ctrl}) whose function the subsystem runs inside a call that then
     * acts as the waking call named ({@code v4l2_event_queue_fh}: a control event to every handle
     * subscribed), by member.
     */
    public Map<String, String> callbacks() {
        return java.util.Collections.unmodifiableMap(callbacks);
    }

    /**
     * The calls whose arguments a write can hide in: write APIs, calls returning or walking a list
     * entry, calls unlinking one (what {@link Words#writesAny} looks inside).
     */
    public Set<String> stateCallNames() {
        Set<String> out = new java.util.TreeSet<>(writes.keySet());
        out.addAll(entries.keySet());
        out.addAll(unlinks.keySet());
        return out;
    }

    /** The keys that write APIs write without naming them in an argument ({@code drvdata}), with the APIs. */
    public Map<String, Set<String>> keyedWrites() {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        for (Map.Entry<String, WriteApi> e : writes.entrySet()) {
            if (e.getValue().key() != null) out.computeIfAbsent(e.getValue().key(), k -> new java.util.TreeSet<>()).add(e.getKey());
        }
        return out;
    }

    public Set<String> wakerNames() {
        Set<String> out = new java.util.TreeSet<>(wakers.keySet());
        out.addAll(memberWakers.keySet());
        return out;
    }
}
