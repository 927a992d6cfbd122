package dev.pollcheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Today's findings recorded by fingerprint, so that a later run reports only new ones. The file is
 * JSON, sorted, one entry per finding; file, function and line are there for the human reading a
 * diff of the baseline, only the fingerprint is matched. Matching counts: a fingerprint recorded once
 * covers one finding, so a second identical registration added later is still new.
 */
public final class Baseline {

    public static final int FORMAT = 1;

    private final Map<String, Integer> counts;

    private Baseline(Map<String, Integer> counts) {
        this.counts = counts;
    }

    /** Thrown for a file that is not a pollcheck baseline. */
    public static final class BaselineException extends Exception {
        public BaselineException(String message) {
            super(message);
        }
    }

    public static Baseline read(Path file) throws BaselineException {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new BaselineException("cannot read baseline " + file + ": " + e.getMessage());
        }
    }

    /** A baseline from its text; {@code file} names it in messages. */
    public static Baseline parse(String text, String file) throws BaselineException {
        JsonNode root;
        try {
            root = JsonWriter.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new BaselineException(file + " is not a pollcheck baseline: " + e.getMessage().lines().findFirst()
                    .orElse("not JSON"));
        }
        if (root == null || !root.isObject() || root.path("pollcheck_baseline").asInt(-1) != FORMAT
                || !root.path("findings").isArray()) {
            throw new BaselineException(file + " is not a pollcheck baseline (format " + FORMAT + ")");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode f : root.get("findings")) {
            String fp = f.path("fingerprint").asText("");
            if (fp.isEmpty()) throw new BaselineException(file + ": an entry without a fingerprint");
            counts.merge(fp, 1, Integer::sum);
        }
        return new Baseline(counts);
    }

    /** The baseline text for these findings: every finding that is not suppressed. */
    public static String render(List<ReportedFinding> findings) {
        return render(findings, file -> file);
    }

    /**
     * As above, files named by {@code key} ({@link Fingerprints#pathKeys}), so that the file is the same
     * whatever PATH was given.
     */
    public static String render(List<ReportedFinding> findings, java.util.function.Function<String, String> key) {
        List<ReportedFinding> kept = new ArrayList<>();
        for (ReportedFinding rf : findings) {
            if (!rf.suppressed()) kept.add(rf);
        }
        kept.sort(Comparator.comparing((ReportedFinding rf) -> key.apply(rf.finding().location().file()))
                .thenComparingInt(rf -> rf.finding().location().line())
                .thenComparing(rf -> rf.finding().ruleId())
                .thenComparing(ReportedFinding::fingerprint));
        ObjectNode root = JsonWriter.MAPPER.createObjectNode();
        root.put("pollcheck_baseline", FORMAT);
        ArrayNode arr = root.putArray("findings");
        for (ReportedFinding rf : kept) {
            ObjectNode o = arr.addObject();
            o.put("fingerprint", rf.fingerprint());
            o.put("rule", rf.finding().ruleId());
            o.put("file", key.apply(rf.finding().location().file()));
            o.put("function", rf.finding().function());
            o.put("line", rf.finding().location().line());
        }
        return root.toPrettyString() + "\n";
    }

    /**
     * Marks each finding {@code NEW} or {@code UNCHANGED}, keeping the order given. Unsuppressed findings
     * are matched first, so that a suppressed twin never uses up the entry of a live finding.
     */
    public List<ReportedFinding> apply(List<ReportedFinding> findings) {
        Map<String, Integer> left = new HashMap<>(counts);
        ReportedFinding[] out = new ReportedFinding[findings.size()];
        for (boolean suppressedPass : new boolean[] {false, true}) {
            for (int i = 0; i < findings.size(); i++) {
                ReportedFinding rf = findings.get(i);
                if (rf.suppressed() != suppressedPass) continue;
                Integer n = left.get(rf.fingerprint());
                boolean known = n != null && n > 0;
                if (known) left.put(rf.fingerprint(), n - 1);
                out[i] = rf.withBaselineState(known ? BaselineState.UNCHANGED : BaselineState.NEW);
            }
        }
        return List.of(out);
    }

    public int size() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
