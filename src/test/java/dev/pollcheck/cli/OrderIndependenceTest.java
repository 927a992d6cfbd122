package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output does not depend on the order of the input nor on the thread count. The fixture drivers
 * (every file of testdata/ outside the bad-input and fuzz corpora, the cross-file groups among them)
 * are rewritten with their functions and initializers in a shuffled order and given as PATHs in a
 * shuffled order; each rewrite is checked with {@code --jobs 1}, {@code 2} and {@code 8}, which must
 * give byte-identical JSON, and every rewrite must give the findings of the original once line
 * numbers are mapped back. Sorting the findings cannot make this pass: a finding that moves to another
 * function, loses its witness or changes its level when a helper is defined later, or when another
 * thread finishes first, changes the JSON.
 */
class OrderIndependenceTest {

    @TempDir
    Path dir;

    private static final List<String> GROUPS = List.of("clean", "multi", "pw001", "pw002", "pw003");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One rewritten file: its new text and, for each new line (1-based), the original line. */
    record Rewrite(String text, int[] origin) {
    }

    @Test
    void permutedDefinitionsAndFilesGiveTheSameFindingsForEveryJobCount() throws Exception {
        Path testdata = Path.of("testdata");
        List<Path> sources = new ArrayList<>();
        for (String g : GROUPS) {
            try (Stream<Path> s = Files.walk(testdata.resolve(g))) {
                s.filter(p -> p.toString().endsWith(".c")).sorted().forEach(sources::add);
            }
        }
        JsonNode reference = null;
        int moved = 0;
        for (int s = 0; s < 3; s++) {
            int seed = s;
            Random random = new Random(seed);
            Path tree = dir.resolve("perm" + seed);
            Map<String, int[]> origins = new HashMap<>();
            List<String> args = new ArrayList<>(List.of("check", "--format", "json", "--exit-zero"));
            List<String> paths = new ArrayList<>();
            for (Path src : sources) {
                String rel = testdata.relativize(src).toString();
                Rewrite r = permute(Files.readString(src), seed == 0 ? null : random);
                if (!r.text().equals(Files.readString(src))) moved++;
                Path out = tree.resolve(rel);
                Files.createDirectories(out.getParent());
                Files.writeString(out, r.text());
                origins.put(rel, r.origin());
                paths.add(out.toString());
            }
            if (seed == 1) Collections.reverse(paths);
            if (seed == 2) Collections.shuffle(paths, random);
            args.addAll(paths);

            String first = null;
            for (String jobs : List.of("1", "2", "8")) {
                List<String> a = new ArrayList<>(args);
                a.addAll(List.of("--jobs", jobs));
                String out = withoutTime(scan(a));
                if (first == null) {
                    first = out;
                } else {
                    assertEquals(first, out, "seed " + seed + ": --jobs " + jobs + " differs from --jobs 1");
                }
            }
            // Findings name files as given (absolute here): compare them by their path inside the tree.
            JsonNode normal = normalise(JSON.readTree(first.replace(tree + "/", "")), origins);
            if (reference == null) {
                reference = normal;
                assertTrue(reference.path("findings").size() > 40, "findings: " + reference.path("findings").size());
            } else {
                JsonNode ref = reference;
                assertEquals(ref.toPrettyString(), normal.toPrettyString(), () -> "seed " + seed + ": only in the original:\n"
                        + onlyIn(ref, normal) + "\nonly in the rewrite:\n" + onlyIn(normal, ref));
            }
        }
        assertTrue(moved > 40, "files whose definitions were moved: " + moved);
    }

    /** The findings of {@code a} that {@code b} lacks, one a line, for a failure message. */
    private static String onlyIn(JsonNode a, JsonNode b) {
        List<String> theirs = new ArrayList<>();
        b.path("findings").forEach(f -> theirs.add(f.toString()));
        StringBuilder out = new StringBuilder();
        a.path("findings").forEach(f -> {
            if (!theirs.contains(f.toString())) out.append(f).append('\n');
        });
        return out.toString();
    }

    private static String scan(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String withoutTime(String json) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) root.path("stats")).remove("seconds");
        return root.toPrettyString();
    }

    // --- the rewrite ------------------------------------------------------------------------------

    /**
     * The file cut into top-level paragraphs (runs of lines between blank lines outside braces and
     * outside #if blocks). Preprocessor lines, type definitions and comment-only paragraphs stay first,
     * in their order, as a compiler needs them; functions, prototypes and initializers follow, shuffled.
     */
    static Rewrite permute(String text, Random random) {
        String[] lines = text.split("\n", -1);
        List<int[]> paragraphs = new ArrayList<>();   // [first, last] 0-based line indexes
        int braces = 0;
        int ifs = 0;
        boolean inComment = false;
        int start = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String t = line.strip();
            if (t.isEmpty() && braces == 0 && ifs == 0 && !inComment) {
                if (start >= 0) paragraphs.add(new int[] {start, i - 1});
                start = -1;
                continue;
            }
            if (start < 0) start = i;
            if (!inComment && t.startsWith("#")) {
                String d = t.substring(1).strip();
                if (d.startsWith("if")) ifs++;
                if (d.startsWith("endif")) ifs--;
            }
            for (int k = 0; k < line.length(); k++) {
                char c = line.charAt(k);
                char n = k + 1 < line.length() ? line.charAt(k + 1) : 0;
                if (inComment) {
                    if (c == '*' && n == '/') {
                        inComment = false;
                        k++;
                    }
                } else if (c == '/' && n == '*') {
                    inComment = true;
                    k++;
                } else if (c == '/' && n == '/') {
                    break;
                } else if (c == '"' || c == '\'') {
                    for (k++; k < line.length() && line.charAt(k) != c; k++) {
                        if (line.charAt(k) == '\\') k++;
                    }
                } else if (c == '{') {
                    braces++;
                } else if (c == '}') {
                    braces--;
                }
            }
        }
        if (start >= 0) paragraphs.add(new int[] {start, lines.length - 1});
        List<int[]> fixed = new ArrayList<>();
        List<int[]> movable = new ArrayList<>();
        for (int[] p : paragraphs) (movable(lines, p) ? movable : fixed).add(p);
        if (random != null) Collections.shuffle(movable, random);
        List<int[]> order = new ArrayList<>(fixed);
        order.addAll(movable);
        StringBuilder b = new StringBuilder();
        List<Integer> origin = new ArrayList<>();
        for (int[] p : order) {
            if (!origin.isEmpty()) {
                b.append('\n');
                origin.add(0);
            }
            for (int i = p[0]; i <= p[1]; i++) {
                b.append(lines[i]).append('\n');
                origin.add(i + 1);
            }
        }
        int[] o = new int[origin.size() + 2];
        for (int i = 0; i < origin.size(); i++) o[i + 1] = origin.get(i);
        return new Rewrite(b.toString(), o);
    }

    private static final Pattern TYPE_DEFINITION = Pattern.compile("(typedef|struct|union|enum)\\b[^=(]*\\{?\\s*$");

    /** A paragraph whose first code line starts a function, a prototype or an initializer. */
    private static boolean movable(String[] lines, int[] p) {
        for (int i = p[0]; i <= p[1]; i++) {
            String t = lines[i].strip();
            if (t.startsWith("/*") || t.startsWith("*") || t.startsWith("//")) continue;
            return !t.startsWith("#") && !TYPE_DEFINITION.matcher(t).lookingAt();
        }
        return false;
    }

    // --- mapping a report back to the original lines ------------------------------------------------

    private static final Pattern LINE_WORD = Pattern.compile("\\bline (\\d+)");
    private static final Pattern FILE_LINE = Pattern.compile("([\\w./-]+\\.c):(\\d+)");

    /** Every line number of the report as the original files number it; findings and problems sorted. */
    static JsonNode normalise(JsonNode report, Map<String, int[]> origins) {
        ObjectNode root = report.deepCopy();
        List<JsonNode> findings = new ArrayList<>();
        for (JsonNode f : root.path("findings")) {
            // A fix's offsets and diff follow the file's layout; what it registers does not.
            if (f instanceof ObjectNode o && o.path("fix").isObject()) o.set("fix", o.path("fix").path("queues"));
            findings.add(mapLines(f, f.path("file").asText(), origins));
        }
        sortInto((ArrayNode) root.path("findings"), findings);
        ArrayNode problems = (ArrayNode) root.path("stats").path("parse_errors");
        List<JsonNode> ps = new ArrayList<>();
        for (JsonNode p : problems) ps.add(mapLines(p, p.path("file").asText(), origins));
        sortInto(problems, ps);
        return root;
    }

    private static void sortInto(ArrayNode array, List<JsonNode> items) {
        items.sort(java.util.Comparator.comparing(JsonNode::toString));
        array.removeAll();
        items.forEach(array::add);
    }

    private static JsonNode mapLines(JsonNode node, String file, Map<String, int[]> origins) {
        if (node instanceof ObjectNode o) {
            String here = o.hasNonNull("file") ? o.get("file").asText() : file;
            ObjectNode out = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (e.getKey().endsWith("line") && v.isInt()) {
                    out.set(e.getKey(), IntNode.valueOf(origin(origins, here, v.asInt())));
                } else {
                    out.set(e.getKey(), mapLines(v, here, origins));
                }
            }
            return out;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode out = JSON.createArrayNode();
            a.forEach(v -> out.add(mapLines(v, file, origins)));
            return out;
        }
        if (node.isTextual()) {
            String s = replace(FILE_LINE, node.asText(), m -> m.group(1) + ":" + origin(origins, m.group(1),
                    Integer.parseInt(m.group(2))));
            return TextNode.valueOf(replace(LINE_WORD, s, m -> "line " + origin(origins, file, Integer.parseInt(m.group(1)))));
        }
        return node;
    }

    private static int origin(Map<String, int[]> origins, String file, int line) {
        int[] o = origins.get(file);
        if (o == null) return line;
        return line >= 0 && line < o.length ? o[line] : line;
    }

    private static String replace(Pattern p, String s, java.util.function.Function<Matcher, String> f) {
        Matcher m = p.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) m.appendReplacement(b, Matcher.quoteReplacement(f.apply(m)));
        m.appendTail(b);
        return b.toString();
    }
}
