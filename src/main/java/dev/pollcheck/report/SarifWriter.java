package dev.pollcheck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pollcheck.fix.Edit;
import dev.pollcheck.fix.Fix;
import dev.pollcheck.fix.FixOutcome;
import dev.pollcheck.model.ParseProblem;
import dev.pollcheck.model.Span;
import dev.pollcheck.rules.Api;
import dev.pollcheck.rules.Finding;
import dev.pollcheck.rules.RuleInfo;
import dev.pollcheck.sim.Verdict;
import dev.pollcheck.sim.Witness;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --format sarif}: a SARIF 2.1.0 log with exactly one run, as GitHub code scanning and other
 * review tools expect. Paths are relative to {@code %SRCROOT%}, which {@code originalUriBaseIds} binds
 * to the scan root. Every result carries two partial fingerprints: GitHub's
 * {@code primaryLocationLineHash} (see {@link LineHash}) and pollcheck's own {@link Fingerprints#KEY},
 * which ignores line numbers. Suppressed and baseline-unchanged results stay in the log, marked, so
 * that a viewer shows them as such instead of as fixed.
 */
public final class SarifWriter {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final String SRCROOT = "%SRCROOT%";

    private final ReportContext ctx;
    private final SourceLines sources;
    private final Map<String, List<String>> lineHashes = new ConcurrentHashMap<>();
    /** The files by reported path, with their names' bytes (a name need not be UTF-8). */
    private Map<String, Path> files = Map.of();
    /** {@code %SRCROOT%} as a path, or null when the result has no root. */
    private Path top;

    public SarifWriter(ReportContext ctx, SourceLines sources) {
        this.ctx = ctx;
        this.sources = sources;
    }

    public void write(ScanResult result, boolean executionSuccessful, PrintWriter out) {
        try {
            out.println(JsonWriter.MAPPER.writeValueAsString(build(result, executionSuccessful)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
        out.flush();
    }

    public ObjectNode build(ScanResult result, boolean executionSuccessful) {
        ObjectNode log = JsonWriter.MAPPER.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        run.set("tool", tool());
        files = result.files();
        if (result.root() != null) {
            top = sourceRoot(result.root());
            run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", directoryUri(top));
        }
        run.set("invocations", invocations(result, executionSuccessful));
        ArrayNode results = run.putArray("results");
        for (ReportedFinding rf : result.findings()) results.add(result(rf));
        run.put("columnKind", "utf16CodeUnits");
        // The counters only: the parse problems themselves are the notifications above.
        ObjectNode stats = JsonWriter.stats(result.stats());
        stats.remove("parse_errors");
        run.putObject("properties").set("stats", stats);
        return log;
    }

    private ObjectNode tool() {
        ObjectNode driver = JsonWriter.MAPPER.createObjectNode();
        driver.put("name", "pollcheck");
        driver.put("version", ctx.toolVersion());
        driver.put("semanticVersion", ctx.toolVersion());
        driver.put("informationUri", ctx.informationUri());
        ArrayNode rules = driver.putArray("rules");
        for (RuleInfo r : ctx.rules()) {
            ObjectNode o = rules.addObject();
            o.put("id", r.id());
            o.put("name", r.name());
            o.putObject("shortDescription").put("text", r.title());
            o.putObject("fullDescription").put("text", RuleDocs.summary(r));
            ObjectNode help = o.putObject("help");
            help.put("text", RuleDocs.text(r));
            help.put("markdown", RuleDocs.markdown(r, 0));
            o.putObject("defaultConfiguration").put("level", r.level().id());
            o.put("helpUri", ctx.helpUri(r.id()));
            ArrayNode tags = o.putObject("properties").putArray("tags");
            tags.add("correctness");
            tags.add("linux-driver");
        }
        ObjectNode tool = JsonWriter.MAPPER.createObjectNode();
        tool.set("driver", driver);
        return tool;
    }

    private ArrayNode invocations(ScanResult result, boolean executionSuccessful) {
        ArrayNode arr = JsonWriter.MAPPER.createArrayNode();
        ObjectNode inv = arr.addObject();
        inv.put("executionSuccessful", executionSuccessful);
        if (!ctx.commandLine().isEmpty()) {
            ArrayNode args = inv.putArray("arguments");
            ctx.commandLine().forEach(args::add);
        }
        ArrayNode notes = inv.putArray("toolExecutionNotifications");
        Stats st = result.stats();
        for (ParseProblem p : st.parseErrors()) {
            ObjectNode n = notes.addObject();
            n.putObject("descriptor").put("id", "parse-problem");
            n.put("level", "warning");
            n.putObject("message").put("text", p.message());
            if (p.file() != null && !p.file().isEmpty()) {
                ObjectNode phys = n.putArray("locations").addObject().putObject("physicalLocation");
                phys.set("artifactLocation", artifact(p.file()));
                if (p.line() >= 1) {
                    ObjectNode region = phys.putObject("region");
                    region.put("startLine", p.line());
                    if (p.column() >= 1) region.put("startColumn", p.column());
                }
            }
        }
        if (st.parseErrorsTotal() > st.parseErrors().size()) {
            ObjectNode n = notes.addObject();
            n.putObject("descriptor").put("id", "parse-problems-truncated");
            n.put("level", "note");
            n.putObject("message").put("text", (st.parseErrorsTotal() - st.parseErrors().size())
                    + " more parse problems were not listed (" + st.parseErrorsTotal() + " in all).");
        }
        for (String notice : result.notices()) {
            ObjectNode n = notes.addObject();
            n.putObject("descriptor").put("id", executionSuccessful ? "notice" : "failure");
            // In a failed run the notices say why it failed.
            n.put("level", executionSuccessful ? "note" : "error");
            n.putObject("message").put("text", notice);
        }
        return arr;
    }

    ObjectNode result(ReportedFinding rf) {
        Finding f = rf.finding();
        ObjectNode r = JsonWriter.MAPPER.createObjectNode();
        r.put("ruleId", f.ruleId());
        int index = ctx.ruleIndex(f.ruleId());
        if (index >= 0) r.put("ruleIndex", index);
        r.put("level", f.level().id());
        boolean linkCondition = f.condition() != null;
        String text = f.message() + (linkCondition ? " It is skipped by [this condition](1)." : "");
        r.putObject("message").put("text", text);
        ObjectNode loc = r.putArray("locations").addObject();
        loc.set("physicalLocation", physical(f.location(), true));
        if (f.function() != null) {
            ObjectNode logical = loc.putArray("logicalLocations").addObject();
            logical.put("name", f.function());
            logical.put("kind", "function");
        }
        ObjectNode fp = r.putObject("partialFingerprints");
        String lineHash = lineHash(f.location());
        if (lineHash != null) fp.put("primaryLocationLineHash", lineHash);
        fp.put(Fingerprints.KEY, rf.fingerprint());
        if (linkCondition) {
            ObjectNode rel = r.putArray("relatedLocations").addObject();
            rel.put("id", 1);
            rel.set("physicalLocation", physical(f.condition(), true));
            rel.putObject("message").put("text", f.conditionText() == null
                    ? "the condition that skips the registration"
                    : "skips the registration: " + oneLine(f.conditionText()));
        }
        Verdict v = rf.verdict();
        if (v != null && v.confirmed() && v.witness() != null && !v.witness().steps().isEmpty()) {
            r.set("codeFlows", codeFlows(f, v.witness()));
        }
        FixOutcome fo = rf.fix();
        if (fo != null && fo.fixed()) r.set("fixes", fixes(fo.fix()));
        ObjectNode props = r.putObject("properties");
        if (fo != null && !fo.fixed()) props.put("noFixReason", fo.reason());
        props.put("confirmed", v != null && v.confirmed());
        props.put("simulated", v != null);
        if (v != null && !v.confirmed() && v.reason() != null) props.put("notConfirmedReason", v.reason());
        ArrayNode apis = props.putArray("apis");
        if (f.apis() != null) f.apis().stream().sorted().map(Api::id).forEach(apis::add);
        if (f.queue() != null) props.put("queue", f.queue());
        if (rf.suppression() != null) {
            ObjectNode s = r.putArray("suppressions").addObject();
            s.put("kind", "inSource");
            s.put("status", "accepted");
            s.put("justification", rf.suppression().justification());
            s.putObject("location").set("physicalLocation", physical(rf.suppression().comment(), false));
        }
        if (rf.baselineState() != null) r.put("baselineState", rf.baselineState().id());
        return r;
    }

    /** A verified fix as SARIF {@code fixes}: one artifact change, each edit a replacement of a (possibly empty) region. */
    private ArrayNode fixes(Fix fix) {
        ArrayNode arr = JsonWriter.MAPPER.createArrayNode();
        ObjectNode o = arr.addObject();
        o.putObject("description").put("text", "Register " + String.join(", ", fix.queues()) + " in "
                + fix.function() + "() on every first call, before any condition can skip it (" + fix.verified() + ").");
        ObjectNode change = o.putArray("artifactChanges").addObject();
        change.set("artifactLocation", artifact(fix.file()));
        ArrayNode reps = change.putArray("replacements");
        for (Edit e : fix.edits()) {
            ObjectNode rep = reps.addObject();
            ObjectNode del = rep.putObject("deletedRegion");
            del.put("startLine", e.line());
            del.put("startColumn", e.column());
            del.put("endLine", e.endLine());
            del.put("endColumn", e.endColumn());
            if (!e.replacement().isEmpty()) rep.putObject("insertedContent").put("text", e.replacement());
        }
        return arr;
    }

    /** One thread flow: the witness's steps in order, poll-method calls at the function, the rest at the registration. */
    private ArrayNode codeFlows(Finding f, Witness w) {
        ArrayNode flows = JsonWriter.MAPPER.createArrayNode();
        ObjectNode flow = flows.addObject();
        flow.putObject("message").put("text", "A waiter that is never woken, via " + w.api());
        ArrayNode locs = flow.putArray("threadFlows").addObject().putArray("locations");
        Span entry = f.method() != null && f.method().nameSpan() != null ? f.method().nameSpan() : f.location();
        int n = 1;
        for (Witness.Step s : w.steps()) {
            ObjectNode tfl = locs.addObject();
            ObjectNode l = tfl.putObject("location");
            Span at = s.mask() != null || s.key() != null ? entry : f.location();
            Witness.Waker wk = s.waker();
            if (wk != null && wk.file() != null && wk.line() > 0) {
                // The waker is shown where it wakes (or writes the state), in its own file.
                at = Span.point(wk.file(), wk.line(), 1);
            }
            l.set("physicalLocation", physical(at, false));
            if (wk != null && wk.function() != null) {
                l.putArray("logicalLocations").addObject().put("name", wk.function()).put("kind", "function");
            }
            l.putObject("message").put("text", n + ". " + TextWriter.describe(s));
            tfl.put("executionOrder", n++);
            tfl.putArray("kinds").add(s.kind().id());
        }
        return flows;
    }

    private ObjectNode physical(Span span, boolean withSnippet) {
        ObjectNode phys = JsonWriter.MAPPER.createObjectNode();
        phys.set("artifactLocation", artifact(span.file()));
        ObjectNode region = phys.putObject("region");
        region.put("startLine", Math.max(1, span.line()));
        region.put("startColumn", Math.max(1, span.column()));
        boolean hasExtent = span.endLine() > span.line()
                || (span.endLine() == span.line() && span.endColumn() > span.column());
        if (hasExtent) {
            region.put("endLine", span.endLine());
            region.put("endColumn", span.endColumn());
        }
        if (withSnippet) {
            String snippet = regionText(span, hasExtent);
            if (snippet != null) region.putObject("snippet").put("text", snippet);
            ObjectNode context = contextRegion(span);
            if (context != null) phys.set("contextRegion", context);
        }
        return phys;
    }

    /**
     * The region's lines and one line either side: what a viewer shows around a finding. SARIF wants it
     * to be a proper superset of the region, so it is left out when it could not be one.
     */
    private ObjectNode contextRegion(Span span) {
        SourceLines.Text t = sources.text(span.file());
        if (t == null || span.line() < 1) return null;
        int last = Math.min(Math.max(span.endLine(), span.line()), t.lineCount());
        int from = Math.max(1, span.line() - 1);
        int to = Math.min(t.lineCount(), last + 1);
        if (from == span.line() && to == last && span.column() <= 1) return null;
        StringBuilder text = new StringBuilder();
        for (int l = from; l <= to; l++) text.append(t.line(l)).append('\n');
        ObjectNode context = JsonWriter.MAPPER.createObjectNode();
        context.put("startLine", from);
        context.put("endLine", to);
        context.putObject("snippet").put("text", text.toString());
        return context;
    }

    /** The source text the region covers (to the end of its first line when it spans several). */
    private String regionText(Span span, boolean hasExtent) {
        String line = sources.line(span.file(), span.line());
        if (line == null) return null;
        int from = Math.min(Math.max(0, span.column() - 1), line.length());
        int to = hasExtent && span.endLine() == span.line() ? Math.min(line.length(), span.endColumn() - 1) : line.length();
        return to > from ? line.substring(from, to) : null;
    }

    private String lineHash(Span at) {
        List<String> hashes = lineHashes.computeIfAbsent(at.file(), file -> {
            String text = sources.utf8(file);
            return text == null ? List.of() : LineHash.compute(text);
        });
        return at.line() >= 1 && at.line() <= hashes.size() ? hashes.get(at.line() - 1) : null;
    }

    /**
     * A reported path as an artifact location: relative to {@code %SRCROOT%} when the file lies under
     * it, else an absolute {@code file:} URI, so that a URI never climbs out of {@code %SRCROOT%}. URIs
     * are percent-encoded from the file name's bytes, so a name that is not UTF-8 keeps its bytes and a
     * backslash stays a character of the name ({@code %5C}), never a separator.
     */
    private ObjectNode artifact(String file) {
        ObjectNode a = JsonWriter.MAPPER.createObjectNode();
        Path abs;
        try {
            Path raw = files.get(file);
            abs = (raw != null ? raw : sources.path(file)).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            a.put("uri", relativeUri(file));
            return a;
        }
        if (top == null || !abs.startsWith(top) || abs.equals(top)) {
            a.put("uri", abs.toUri().toString());
            return a;
        }
        a.put("uri", uriBelow(top, abs));
        a.put("uriBaseId", SRCROOT);
        return a;
    }

    /** {@code file} (under {@code dir}) as a relative URI reference from {@code dir}, from the names' bytes. */
    static String uriBelow(Path dir, Path file) {
        String d = dir.toUri().getRawPath();
        if (!d.endsWith("/")) d += "/";
        String f = file.toUri().getRawPath();
        if (!f.startsWith(d)) throw new IllegalArgumentException(file + " is not under " + dir);
        // A colon in a relative reference's first segment would read as a scheme.
        return f.substring(d.length()).replace(":", "%3A");
    }

    /** A relative URI reference for a path given as text: each segment percent-encoded. */
    static String relativeUri(String file) {
        try {
            String path = file;
            while (path.startsWith("./")) path = path.substring(2);
            return new URI(null, null, path, null).getRawPath().replace("\\", "%5C").replace(":", "%3A");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + file, e);
        }
    }

    /**
     * {@code %SRCROOT%}: the top of the git work tree that holds the scan root, or the scan root itself
     * outside one. Code-scanning services resolve result paths against the repository's top, so a scan
     * of {@code drivers/media} must still say {@code drivers/media/...}.
     */
    public static Path sourceRoot(Path scanRoot) {
        Path root = scanRoot.toAbsolutePath().normalize();
        for (Path p = root; p != null; p = p.getParent()) {
            if (java.nio.file.Files.exists(p.resolve(".git"))) return p;
        }
        return root;
    }

    static String directoryUri(Path dir) {
        String uri = dir.toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
