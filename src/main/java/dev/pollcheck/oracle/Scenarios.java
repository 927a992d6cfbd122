package dev.pollcheck.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the real-kernel oracle's scenario file from pollcheck's own JSON output.
 *
 * <pre>java -cp pollcheck.jar dev.pollcheck.oracle.Scenarios -o FILE (TABLE VARIANT CHECK.json SIMULATE.json)...</pre>
 *
 * For each target (a driver table, the module variant loaded in the guest, and the output of
 * {@code check --format json} and {@code simulate --format json} on its source): every witness of
 * the table's function, from check first and then simulate's other interfaces, becomes a case
 * predicted lost. A target on which pollcheck reports nothing and the simulator's search was
 * exhaustive replays the witnesses of the same table's other targets and the table's probes,
 * predicted woke. Witness steps map onto runner operations: call steps to epoll_ctl/epoll_wait or
 * the poll/select call, the state atoms of the first call to the table's setups, those of the waker
 * step to its triggers. A witness whose atoms the table does not know is reported and left out.
 */
public final class Scenarios {

    private static final Pattern EVENTS = Pattern.compile("events=([A-Z|]+)");
    private static final Set<String> SELECT_READ = Set.of("IN", "RDNORM", "RDBAND", "HUP", "ERR");
    private static final Set<String> SELECT_WRITE = Set.of("OUT", "WRNORM", "WRBAND", "ERR");
    private static final Set<String> SELECT_EXCEPT = Set.of("PRI");

    /** One case of the scenario file. */
    record Case(String driver, String function, String scenario, String api, String predicted,
                String variant, List<String> ops, List<String> bg, String fin) {}

    /** A witness taken from pollcheck's output. */
    record Witness(String source, String queue, JsonNode witness) {}

    record Target(DriverTable table, String variant, JsonNode check, JsonNode simulate) {}

    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        if (args.length < 6 || !args[0].equals("-o") || (args.length - 2) % 4 != 0) {
            System.err.println("usage: Scenarios -o FILE (TABLE VARIANT CHECK.json SIMULATE.json)...");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper();
        List<Target> targets = new ArrayList<>();
        for (int i = 2; i < args.length; i += 4) {
            targets.add(new Target(DriverTable.read(Path.of(args[i])), args[i + 1],
                    readJson(json, Path.of(args[i + 2])), readJson(json, Path.of(args[i + 3]))));
        }
        Scenarios s = new Scenarios();
        List<Case> cases = s.generate(targets);
        Files.writeString(Path.of(args[1]), format(cases), StandardCharsets.UTF_8);
        for (String n : s.notes) {
            System.err.println("scenarios: " + n);
        }
        System.err.println("scenarios: " + cases.size() + " cases written to " + args[1]);
    }

    private static JsonNode readJson(ObjectMapper json, Path p) throws IOException {
        try {
            return json.readTree(p.toFile());
        } catch (IOException e) {
            throw new IOException(p + ": not pollcheck JSON: " + e.getMessage(), e);
        }
    }

    List<String> notes() {
        return notes;
    }

    List<Case> generate(List<Target> targets) {
        List<Case> out = new ArrayList<>();
        for (Target t : targets) {
            List<Witness> own = witnesses(t);
            if (!own.isEmpty()) {
                for (Witness w : own) {
                    add(out, replay(t, w, "lost", w.source() + " witness, " + w.queue()));
                }
                for (DriverTable.Probe p : t.table().probes) {
                    String predicted = probePrediction(t, p, own);
                    if (predicted == null) {
                        notes.add(t.table().file + ": probe '" + p.name() + "' skipped on " + t.variant()
                                + ": pollcheck has a finding but none on the queue its trigger wakes");
                    } else {
                        add(out, probe(t, p, predicted));
                    }
                }
            } else if (noHang(t)) {
                for (Target other : targets) {
                    if (other != t && other.table().file.equals(t.table().file)) {
                        for (Witness w : witnesses(other)) {
                            add(out, replay(t, w, "woke", other.variant() + " " + w.source() + " witness, " + w.queue()));
                        }
                    }
                }
                for (DriverTable.Probe p : t.table().probes) {
                    add(out, probe(t, p, "woke"));
                }
            } else {
                notes.add(t.table().file.getFileName() + " (" + t.variant() + "): no prediction for "
                        + t.table().function + ": " + (hasFinding(t)
                                ? "pollcheck reports an unconfirmed finding on it"
                                : "the simulator's search was not exhaustive"));
            }
        }
        return out;
    }

    private static void add(List<Case> out, Case c) {
        if (c != null) {
            out.add(c);
        }
    }

    /** The check witnesses of the table's function, then simulate's for the other (queue, api) pairs. */
    static List<Witness> witnesses(Target t) {
        Map<String, Witness> byKey = new LinkedHashMap<>();
        for (JsonNode f : t.check().path("findings")) {
            if (f.path("function").asText().equals(t.table().function) && f.path("confirmed").asBoolean()
                    && !f.path("suppressed").asBoolean() && f.hasNonNull("witness")) {
                JsonNode w = f.get("witness");
                byKey.putIfAbsent(f.path("queue").asText() + "/" + w.path("api").asText(),
                        new Witness("check", f.path("queue").asText(), w));
            }
        }
        for (JsonNode m : t.simulate()) {
            if (!m.path("function").asText().equals(t.table().function)) {
                continue;
            }
            for (JsonNode w : m.path("witnesses")) {
                byKey.putIfAbsent(w.path("queue").asText() + "/" + w.path("api").asText(),
                        new Witness("simulate", w.path("queue").asText(), w.path("witness")));
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static boolean hasFinding(Target t) {
        for (JsonNode f : t.check().path("findings")) {
            if (f.path("function").asText().equals(t.table().function)) {
                return true;
            }
        }
        return false;
    }

    /** pollcheck reports nothing on the function and the simulator searched every path. */
    private static boolean noHang(Target t) {
        if (hasFinding(t)) {
            return false;
        }
        boolean seen = false;
        for (JsonNode m : t.simulate()) {
            if (m.path("function").asText().equals(t.table().function)) {
                seen = true;
                if (m.path("hang_found").asBoolean() || !m.path("exhaustive").asBoolean()) {
                    return false;
                }
            }
        }
        return seen;
    }

    /** A probe on a function with findings is predicted lost when a witness loses on its trigger's queue. */
    private static String probePrediction(Target t, DriverTable.Probe p, List<Witness> own) {
        for (String step : p.steps()) {
            if (step.startsWith("trigger ")) {
                DriverTable.Trigger tr = t.table().trigger(step.substring(8));
                for (Witness w : own) {
                    if (tr != null && w.queue().equals(tr.queue())) {
                        return "lost";
                    }
                }
            }
        }
        return null;
    }

    private Case replay(Target t, Witness w, String predicted, String scenario) {
        DriverTable table = t.table();
        String api = w.witness().path("api").asText();
        List<String> ops = new ArrayList<>(table.prelude);
        List<String> bg = new ArrayList<>();
        JsonNode steps = w.witness().path("steps");
        String current = null;
        String fin = null;
        boolean first = true;
        for (JsonNode s : steps) {
            String kind = s.path("kind").asText();
            String desc = s.path("description").asText();
            if (kind.equals("call") && first) {
                first = false;
                String why = setup(table, s.path("choices"), ops);
                if (why != null) {
                    return skip(table, w, why);
                }
            }
            switch (kind) {
                case "call" -> {
                    Matcher m = EVENTS.matcher(desc);
                    if (api.equals("epoll") && desc.contains("EPOLL_CTL_ADD") && m.find()) {
                        current = m.group(1);
                        ops.add("epoll_add p " + current);
                    } else if (api.equals("epoll") && desc.contains("EPOLL_CTL_MOD") && m.find()) {
                        current = m.group(1);
                        ops.add("epoll_mod p " + current);
                    } else if (api.equals("epoll") && desc.startsWith("epoll_wait() re-polls and returns")) {
                        Set<String> got = intersect(names(s.path("mask_names").asText()), names(current));
                        if (got.isEmpty()) {
                            return skip(table, w, "an epoll_wait step returns nothing requested");
                        }
                        ops.add("epoll_wait p " + String.join("|", got));
                        for (String e : got) {
                            List<String> h = table.handles.get(e);
                            if (h == null) {
                                return skip(table, w, "no 'handle | " + e + "' line");
                            }
                            ops.addAll(h);
                        }
                    } else if (api.equals("epoll") && desc.startsWith("epoll_wait() re-polls, nothing")) {
                        // the final epoll_wait does this re-poll itself
                    } else if (api.equals("poll") && desc.startsWith("poll(") && m.find()) {
                        current = m.group(1);
                    } else if (api.equals("select") && desc.startsWith("select(")) {
                        current = (desc.contains("read set") ? "r" : "") + (desc.contains("write set") ? "w" : "")
                                + (desc.contains("except") ? "e" : "");
                    } else {
                        return skip(table, w, "call step not understood: " + desc);
                    }
                }
                case "sleep" -> { }
                case "waker" -> {
                    for (JsonNode c : s.path("choices")) {
                        String atom = atom(c.asText());
                        DriverTable.Trigger tr = table.triggerFor(atom);
                        if (tr != null) {
                            bg.addAll(tr.ops());
                        } else if (!table.holds.contains(atom)) {
                            return skip(table, w, "no trigger for the state change '" + atom + "'");
                        }
                    }
                    if (bg.isEmpty()) {
                        return skip(table, w, "the waker step names no state change");
                    }
                }
                case "final" -> {
                    if (current == null) {
                        return skip(table, w, "no call before the final step");
                    }
                    Set<String> want = intersect(names(s.path("mask_names").asText()), requested(api, current));
                    if (want.isEmpty()) {
                        return skip(table, w, "the final mask has nothing the caller waits for");
                    }
                    fin = String.join("\t", api, "p", current, Integer.toString(table.timeoutMs), String.join("|", want));
                }
                default -> {
                    return skip(table, w, "unknown step kind " + kind);
                }
            }
        }
        if (fin == null || bg.isEmpty()) {
            return skip(table, w, "no waker or final step");
        }
        return new Case(table.driver, table.function, scenario, api, predicted, t.variant(), ops, bg, fin);
    }

    private Case probe(Target t, DriverTable.Probe p, String predicted) {
        DriverTable table = t.table();
        List<String> ops = new ArrayList<>(table.prelude);
        List<String> bg = new ArrayList<>();
        List<String> state = new ArrayList<>();
        String current = null;
        String fin = null;
        for (String step : p.steps()) {
            int sp = step.indexOf(' ');
            String verb = sp < 0 ? step : step.substring(0, sp);
            String rest = sp < 0 ? "" : step.substring(sp + 1);
            switch (verb) {
                case "state" -> state.add(rest);
                case "add", "mod", "call", "wait" -> {
                    if (!state.isEmpty()) {
                        String why = setupAtoms(table, state, ops);
                        if (why != null) {
                            throw new IllegalArgumentException(table.file + ": probe '" + p.name() + "': " + why);
                        }
                        state.clear();
                    }
                    if (verb.equals("add") || verb.equals("mod")) {
                        current = rest;
                        ops.add("epoll_" + verb + " p " + rest);
                    } else if (verb.equals("call")) {
                        current = rest;
                    } else {
                        ops.add("epoll_wait p " + rest);
                        for (String e : names(rest)) {
                            ops.addAll(table.handles.getOrDefault(e, List.of()));
                        }
                    }
                }
                case "trigger" -> {
                    DriverTable.Trigger tr = table.trigger(rest);
                    if (tr == null) {
                        throw new IllegalArgumentException(table.file + ": probe '" + p.name() + "': no trigger '" + rest + "'");
                    }
                    bg.addAll(tr.ops());
                }
                case "final" -> fin = String.join("\t", p.api(), "p", current, Integer.toString(table.timeoutMs), rest);
                default -> throw new IllegalArgumentException(table.file + ": probe '" + p.name() + "': unknown step " + verb);
            }
        }
        if (fin == null || current == null || bg.isEmpty()) {
            throw new IllegalArgumentException(table.file + ": probe '" + p.name() + "' needs a call, a trigger and a final");
        }
        return new Case(table.driver, table.function, "probe: " + p.name(), p.api(), predicted, t.variant(), ops, bg, fin);
    }

    /** Setups for the first call's atoms, in table order; the reason when an atom is unknown. */
    private static String setup(DriverTable table, JsonNode choices, List<String> ops) {
        List<String> atoms = new ArrayList<>();
        for (JsonNode c : choices) {
            atoms.add(atom(c.asText()));
        }
        return setupAtoms(table, atoms, ops);
    }

    private static String setupAtoms(DriverTable table, List<String> atoms, List<String> ops) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String a : atoms) {
            if (table.setups.containsKey(a)) {
                wanted.add(a);
            } else if (!table.holds.contains(a)) {
                return "no setup for the state '" + a + "'";
            }
        }
        for (Map.Entry<String, List<String>> e : table.setups.entrySet()) {
            if (wanted.contains(e.getKey())) {
                ops.addAll(e.getValue());
            }
        }
        return null;
    }

    private Case skip(DriverTable table, Witness w, String why) {
        notes.add(table.file.getFileName() + ": " + w.source() + " witness on " + w.queue() + " ("
                + w.witness().path("api").asText() + ") not replayed: " + why);
        return null;
    }

    /** A witness choice without the simulator's "(free: ...)" remark. */
    static String atom(String choice) {
        int i = choice.indexOf(" (free:");
        return (i < 0 ? choice : choice.substring(0, i)).strip();
    }

    private static Set<String> names(String mask) {
        Set<String> out = new LinkedHashSet<>();
        if (mask != null) {
            for (String n : mask.split("\\|")) {
                if (!n.isBlank() && !n.equals("0")) {
                    out.add(n.strip().toUpperCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static Set<String> requested(String api, String current) {
        if (!api.equals("select")) {
            return names(current);
        }
        Set<String> s = new LinkedHashSet<>();
        if (current.contains("r")) {
            s.addAll(SELECT_READ);
        }
        if (current.contains("w")) {
            s.addAll(SELECT_WRITE);
        }
        if (current.contains("e")) {
            s.addAll(SELECT_EXCEPT);
        }
        return s;
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.retainAll(b);
        return out;
    }

    static String format(List<Case> cases) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (Case c : cases) {
            n++;
            String id = String.format(Locale.ROOT, "c%02d", n);
            sb.append(String.join("\t", "case", id, c.driver(), c.function(), c.scenario(), c.api(),
                    c.predicted(), c.variant())).append('\n');
            for (String op : c.ops()) {
                sb.append("op\t").append(op).append('\n');
            }
            for (String op : c.bg()) {
                sb.append("bg\t").append(op).append('\n');
            }
            sb.append("final\t").append(c.fin()).append('\n').append("end\n");
        }
        return sb.toString();
    }
}
