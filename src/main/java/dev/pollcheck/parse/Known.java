package dev.pollcheck.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The built-in name tables of {@code known.txt}, merged with a {@link ParseConfig}. */
final class Known {
    final Set<String> types = new HashSet<>();
    /** Attribute macro name to whether it takes a parenthesised argument list. */
    final Map<String, Boolean> attributes = new HashMap<>();
    final Set<String> iterators = new HashSet<>();

    private static final Known BUILTIN = load();

    private Known() {
    }

    static Known with(ParseConfig config) {
        Known k = new Known();
        k.types.addAll(BUILTIN.types);
        k.attributes.putAll(BUILTIN.attributes);
        k.iterators.addAll(BUILTIN.iterators);
        k.types.addAll(config.typeNames());
        for (String a : config.attributeMacros()) {
            k.addAttribute(a);
        }
        k.iterators.addAll(config.iteratorMacros());
        return k;
    }

    private void addAttribute(String spec) {
        if (spec.endsWith("()")) {
            attributes.put(spec.substring(0, spec.length() - 2), true);
        } else {
            attributes.put(spec, false);
        }
    }

    private static Known load() {
        Known k = new Known();
        try (InputStream in = Known.class.getResourceAsStream("known.txt")) {
            if (in == null) {
                throw new IllegalStateException("known.txt missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String section = "";
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    section = line;
                    continue;
                }
                switch (section) {
                    case "[types]" -> k.types.add(line);
                    case "[attributes]" -> k.addAttribute(line);
                    case "[iterators]" -> k.iterators.add(line);
                    default -> throw new IllegalStateException("known.txt: entry outside a section: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return k;
    }
}
