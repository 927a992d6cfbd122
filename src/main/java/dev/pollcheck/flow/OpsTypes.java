package dev.pollcheck.flow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ops structures whose member is a poll method ({@code ops-types.txt} plus user additions).
 * Types are keyed by their tag ({@code file_operations}), as initializers name them.
 */
public final class OpsTypes {
    public static final String RESOURCE = "/dev/pollcheck/flow/ops-types.txt";

    private final Map<String, Set<String>> members;
    private final Set<String> allMembers;

    private OpsTypes(Map<String, Set<String>> members) {
        this.members = members;
        Set<String> all = new TreeSet<>();
        members.values().forEach(all::addAll);
        this.allMembers = Collections.unmodifiableSet(all);
    }

    public static OpsTypes builtin() {
        return load(FlowConfig.defaults());
    }

    public static OpsTypes load(FlowConfig cfg) {
        Map<String, Set<String>> m = new HashMap<>();
        try (InputStream in = OpsTypes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE, m);
            for (Path p : cfg.opsFiles()) {
                parse(Files.readString(p, StandardCharsets.UTF_8), p.toString(), m);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read ops types: " + e.getMessage(), e);
        }
        for (String s : cfg.extraOps()) {
            int dot = s.lastIndexOf('.');
            if (dot <= 0 || dot == s.length() - 1) {
                throw new IllegalArgumentException("--ops wants TYPE.member, got " + s);
            }
            add(m, s.substring(0, dot), s.substring(dot + 1), s);
        }
        return new OpsTypes(m);
    }

    static void parse(String text, String origin, Map<String, Set<String>> into) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int sp = line.lastIndexOf(' ');
            if (sp <= 0) {
                throw new IllegalArgumentException(origin + ":" + (i + 1) + ": expected TYPE MEMBER");
            }
            add(into, line.substring(0, sp), line.substring(sp + 1), origin + ":" + (i + 1));
        }
    }

    private static void add(Map<String, Set<String>> into, String type, String member, String where) {
        String tag = tagOf(type.strip());
        if (tag == null || !member.matches("[A-Za-z_][A-Za-z_0-9]*")) {
            throw new IllegalArgumentException(where + ": not an ops type and member: " + type + " " + member);
        }
        into.computeIfAbsent(tag, k -> new HashSet<>()).add(member);
    }

    /** {@code file_operations} for {@code struct file_operations} (or a bare typedef name). */
    static String tagOf(String type) {
        String[] w = type.split("\\s+");
        String last = w[w.length - 1];
        return last.matches("[A-Za-z_][A-Za-z_0-9]*") ? last : null;
    }

    /** Whether {@code member} of the struct tagged {@code tag} is a poll method. */
    public boolean isPollMember(String tag, String member) {
        Set<String> s = members.get(tag);
        return s != null && s.contains(member);
    }

    public boolean isOpsType(String tag) {
        return tag != null && members.containsKey(tag);
    }

    /** Every member name listed for some type ({@code poll}, {@code proc_poll}, ...). */
    public Set<String> memberNames() {
        return allMembers;
    }

    /** Type spelling for a tag, as listed: {@code struct file_operations}. */
    public static String spell(String tag) {
        return tag == null ? null : "struct " + tag;
    }

    public List<String> tags() {
        return members.keySet().stream().sorted().toList();
    }
}
