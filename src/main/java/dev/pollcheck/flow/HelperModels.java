package dev.pollcheck.flow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The helper models: the shipped {@code helper-models.txt} plus any files the user adds, all read
 * by {@link #parse}. A later line for the same name replaces an earlier one, so a user's file can
 * correct a shipped model. See the resource file's header for the format.
 */
public final class HelperModels {
    public static final String RESOURCE = "/dev/pollcheck/flow/helper-models.txt";

    private final Map<String, HelperModel> models;

    private HelperModels(Map<String, HelperModel> models) {
        this.models = Collections.unmodifiableMap(models);
    }

    /** The shipped models only. */
    public static HelperModels builtin() {
        return load(List.of());
    }

    /** The shipped models, then each extra file in order. Throws on an unreadable or malformed file. */
    public static HelperModels load(List<Path> extraFiles) {
        Map<String, HelperModel> m = new LinkedHashMap<>();
        try (InputStream in = HelperModels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE, m);
            for (Path p : extraFiles) {
                parse(Files.readString(p, StandardCharsets.UTF_8), p.toString(), m);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read helper models: " + e.getMessage(), e);
        }
        return new HelperModels(m);
    }

    /** Reads model lines into {@code into}; a malformed line throws with its file and line number. */
    public static void parse(String text, String origin, Map<String, HelperModel> into) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                HelperModel h = parseLine(line);
                into.put(h.name(), h);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
    }

    static HelperModel parseLine(String line) {
        String[] f = line.split("\\s+");
        String name = f[0];
        if (!name.matches("[A-Za-z_][A-Za-z_0-9]*")) {
            throw new IllegalArgumentException("not a function name: " + name);
        }
        int pt = -1;
        HelperModel.Registers reg = null;
        HelperModel.Returns ret = HelperModel.Returns.NONE;
        List<String> queues = List.of();
        boolean primitive = false;
        for (int i = 1; i < f.length; i++) {
            String w = f[i];
            if (w.equals("primitive")) {
                primitive = true;
                continue;
            }
            int eq = w.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value, got " + w);
            }
            String k = w.substring(0, eq);
            String v = w.substring(eq + 1);
            switch (k) {
                case "pt" -> {
                    try {
                        pt = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("pt= wants a number: " + v);
                    }
                }
                case "registers" -> reg = enumOf(HelperModel.Registers.class, v, k);
                case "returns" -> ret = enumOf(HelperModel.Returns.class, v, k);
                case "queue" -> queues = List.copyOf(Arrays.asList(v.split(";")));
                default -> throw new IllegalArgumentException("unknown key " + k);
            }
        }
        if (pt < 0) {
            throw new IllegalArgumentException("missing pt=");
        }
        if (reg == null) {
            throw new IllegalArgumentException("missing registers=");
        }
        if (reg != HelperModel.Registers.NEVER && queues.isEmpty()) {
            queues = List.of("unknown");
        }
        return new HelperModel(name, pt, reg, queues, ret, primitive);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String v, String key) {
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad " + key + "=" + v);
        }
    }

    /** The model of {@code name}, or null. */
    public HelperModel get(String name) {
        return models.get(name);
    }

    /** All models, in file order. */
    public List<HelperModel> all() {
        return new ArrayList<>(models.values());
    }
}
