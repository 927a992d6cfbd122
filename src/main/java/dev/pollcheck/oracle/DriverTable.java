package dev.pollcheck.oracle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One driver's setup and trigger table of the real-kernel oracle (oracle/drivers/*.table): which
 * runner operations establish a state atom of a witness before the first call, which fire a state
 * change during the final wait, and what a caller does when a wait reports an event. Lines are
 * "kind | field | ...", operations are separated by " ; ".
 */
public final class DriverTable {

    /** A state change the runner can cause, with the queue the driver wakes for it. */
    public record Trigger(String name, String queue, String atom, List<String> ops) {}

    /** A scenario the table itself describes, for drivers without a witness to replay. */
    public record Probe(String name, String api, List<String> steps) {}

    final Path file;
    String driver;
    String function;
    int timeoutMs = 1000;
    final List<String> prelude = new ArrayList<>();
    final Set<String> holds = new LinkedHashSet<>();
    final Map<String, List<String>> setups = new LinkedHashMap<>();
    final List<Trigger> triggers = new ArrayList<>();
    final Map<String, List<String>> handles = new LinkedHashMap<>();
    final List<Probe> probes = new ArrayList<>();

    private DriverTable(Path file) {
        this.file = file;
    }

    public static DriverTable read(Path file) throws IOException {
        DriverTable t = new DriverTable(file);
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" \\| ", -1);
            for (int k = 0; k < f.length; k++) {
                f[k] = f[k].strip();
            }
            try {
                t.add(f);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (t.driver == null || t.function == null) {
            throw new IOException(file + ": needs a 'driver |' and a 'function |' line");
        }
        return t;
    }

    private void add(String[] f) {
        String kind = f[0];
        switch (kind) {
            case "driver" -> driver = arg(f, 1, 2);
            case "function" -> function = arg(f, 1, 2);
            case "timeout" -> timeoutMs = Integer.parseInt(arg(f, 1, 2));
            case "prelude" -> prelude.addAll(ops(arg(f, 1, 2)));
            case "holds" -> holds.add(arg(f, 1, 2));
            case "setup" -> setups.put(arg(f, 1, 3), ops(arg(f, 2, 3)));
            case "trigger" -> triggers.add(new Trigger(arg(f, 1, 5), arg(f, 2, 5), arg(f, 3, 5), ops(arg(f, 4, 5))));
            case "handle" -> handles.put(arg(f, 1, 3), ops(arg(f, 2, 3)));
            case "probe" -> probes.add(new Probe(arg(f, 1, 4), arg(f, 2, 4), ops(arg(f, 3, 4))));
            default -> throw new IllegalArgumentException("unknown line kind '" + kind + "'");
        }
    }

    private static String arg(String[] f, int i, int count) {
        if (f.length != count) {
            throw new IllegalArgumentException("'" + f[0] + "' takes " + (count - 1) + " fields, not " + (f.length - 1));
        }
        return f[i];
    }

    static List<String> ops(String text) {
        List<String> out = new ArrayList<>();
        for (String op : text.split(" ; ")) {
            if (!op.isBlank()) {
                out.add(op.strip());
            }
        }
        return out;
    }

    Trigger trigger(String name) {
        for (Trigger t : triggers) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    Trigger triggerFor(String atom) {
        for (Trigger t : triggers) {
            if (t.atom().equals(atom)) {
                return t;
            }
        }
        return null;
    }
}
