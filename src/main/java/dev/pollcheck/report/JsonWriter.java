package dev.pollcheck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pollcheck.model.ParseProblem;
import dev.pollcheck.model.Span;
import dev.pollcheck.fix.Edit;
import dev.pollcheck.fix.Fix;
import dev.pollcheck.fix.FixOutcome;
import dev.pollcheck.rules.Api;
import dev.pollcheck.rules.Finding;
import dev.pollcheck.sim.Verdict;
import dev.pollcheck.sim.Witness;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code --format json}: one object with {@code findings}, {@code summary}, {@code stats},
 * {@code notices}, and {@code methods} for the {@code methods} command. Keys are snake_case and always
 * present (null where a value does not apply), so scripts need no existence checks. Findings already
 * in the baseline are left out (they are counted in {@code summary.unchanged}); suppressed findings
 * stay in, marked, so that a reviewer can audit them.
 */
public final class JsonWriter {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ReportContext ctx;

    public JsonWriter(ReportContext ctx) {
        this.ctx = ctx;
    }

    public void write(ScanResult result, boolean withMethods, PrintWriter out) {
        try {
            out.println(MAPPER.writeValueAsString(build(result, withMethods)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
        out.flush();
    }

    public ObjectNode build(ScanResult result, boolean withMethods) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tool", "pollcheck");
        root.put("version", ctx.toolVersion());
        ArrayNode findings = root.putArray("findings");
        for (ReportedFinding rf : result.findings()) {
            if (rf.baselineState() != BaselineState.UNCHANGED) findings.add(finding(rf));
        }
        Summary s = Summary.of(result.findings());
        ObjectNode sum = root.putObject("summary");
        sum.put("findings", s.active());
        sum.put("errors", s.errors());
        sum.put("warnings", s.warnings());
        sum.put("notes", s.notes());
        sum.put("confirmed", s.confirmed());
        sum.put("suppressed", s.suppressed());
        sum.put("unchanged", s.unchanged());
        root.set("stats", stats(result.stats()));
        ArrayNode notices = root.putArray("notices");
        result.notices().forEach(notices::add);
        if (withMethods) {
            ArrayNode methods = root.putArray("methods");
            for (ReportedMethod m : result.methods()) {
                ObjectNode o = methods.addObject();
                o.put("file", m.location().file());
                o.put("line", m.location().line());
                o.put("column", m.location().column());
                o.put("function", m.function());
                o.put("ops", m.ops());
            }
        }
        return root;
    }

    ObjectNode finding(ReportedFinding rf) {
        Finding f = rf.finding();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("rule", f.ruleId());
        o.put("level", f.level().id());
        Span at = f.location();
        o.put("file", at.file());
        o.put("line", at.line());
        o.put("column", at.column());
        o.put("end_line", at.endLine());
        o.put("end_column", at.endColumn());
        o.put("function", f.function());
        o.put("message", f.message());
        o.put("queue", f.queue());
        o.put("condition", f.conditionText());
        if (f.condition() != null) {
            o.put("condition_line", f.condition().line());
            o.put("condition_column", f.condition().column());
        } else {
            o.putNull("condition_line");
            o.putNull("condition_column");
        }
        // The functions from the poll method to the registration, each in its own file: what the
        // patch gate compares with a patch's changed lines.
        ArrayNode path = o.putArray("path");
        for (Finding.Frame fr : f.path()) {
            ObjectNode step = path.addObject();
            step.put("function", fr.function());
            step.put("file", fr.span().file());
            step.put("line", fr.span().line());
            step.put("end_line", fr.span().endLine());
        }
        ArrayNode apis = o.putArray("apis");
        if (f.apis() != null) f.apis().stream().sorted().map(Api::id).forEach(apis::add);
        Verdict v = rf.verdict();
        o.put("simulated", v != null);
        o.put("confirmed", v != null && v.confirmed());
        if (v != null && !v.confirmed()) o.put("not_confirmed_reason", v.reason());
        else o.putNull("not_confirmed_reason");
        if (v != null && v.witness() != null) o.set("witness", witness(v.witness()));
        else o.putNull("witness");
        o.put("fingerprint", rf.fingerprint());
        o.put("suppressed", rf.suppressed());
        if (rf.suppression() != null) {
            ObjectNode s = o.putObject("suppression");
            s.put("justification", rf.suppression().justification());
            s.put("line", rf.suppression().comment().line());
            s.put("scope", rf.suppression().wholeFunction() ? "function" : "line");
        } else {
            o.putNull("suppression");
        }
        if (rf.baselineState() != null) o.put("baseline_state", rf.baselineState().id());
        else o.putNull("baseline_state");
        FixOutcome fo = rf.fix();
        if (fo != null && fo.fixed()) o.set("fix", fix(fo.fix()));
        else o.putNull("fix");
        if (fo != null && !fo.fixed()) o.put("no_fix_reason", fo.reason());
        else o.putNull("no_fix_reason");
        return o;
    }

    /** A fix: the queues it registers first, its edits on the original text, the diff, what was verified. */
    public static ObjectNode fix(Fix fix) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("function", fix.function());
        ArrayNode qs = o.putArray("queues");
        fix.queues().forEach(qs::add);
        ArrayNode edits = o.putArray("edits");
        for (Edit e : fix.edits()) {
            ObjectNode x = edits.addObject();
            x.put("file", fix.file());
            x.put("start", e.start());
            x.put("end", e.end());
            x.put("line", e.line());
            x.put("column", e.column());
            x.put("end_line", e.endLine());
            x.put("end_column", e.endColumn());
            x.put("replacement", e.replacement());
        }
        o.put("diff", fix.diff());
        o.put("verified", fix.verified());
        return o;
    }

    public static ObjectNode witness(Witness w) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("api", w.api());
        ArrayNode steps = o.putArray("steps");
        for (Witness.Step s : w.steps()) {
            ObjectNode st = steps.addObject();
            st.put("kind", s.kind().id());
            st.put("description", s.description());
            if (s.key() != null) {
                st.put("key", s.key());
                st.put("key_names", dev.pollcheck.sim.PollBits.describe(s.key()));
            } else {
                st.putNull("key");
                st.putNull("key_names");
            }
            if (s.qprocSet() != null) st.put("qproc_set", s.qprocSet());
            else st.putNull("qproc_set");
            strings(st.putArray("choices"), s.choices());
            strings(st.putArray("registered"), s.registered());
            if (s.mask() != null) {
                st.put("mask", s.mask());
                st.put("mask_names", dev.pollcheck.sim.PollBits.describe(s.mask()));
            } else {
                st.putNull("mask");
                st.putNull("mask_names");
            }
            Witness.Waker wk = s.waker();
            if (wk != null) {
                // The driver code that changes the state and wakes: named only on waker steps.
                st.put("function", wk.function());
                st.put("role", wk.role());
                st.put("file", wk.file());
                if (wk.file() != null) st.put("line", wk.line());
                else st.putNull("line");
                strings(st.putArray("wakes"), wk.wakes());
            }
        }
        return o;
    }

    static ObjectNode stats(Stats s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("files_scanned", s.filesScanned());
        o.put("files_skipped", s.filesSkipped());
        o.put("functions_total", s.functionsTotal());
        o.put("functions_parsed", s.functionsParsed());
        o.put("functions_recovered", s.functionsRecovered());
        o.put("functions_failed", s.functionsFailed());
        o.put("functions_skipped", s.functionsSkipped());
        ArrayNode errs = o.putArray("parse_errors");
        for (ParseProblem p : s.parseErrors()) {
            ObjectNode e = errs.addObject();
            e.put("file", p.file());
            e.put("line", p.line());
            e.put("column", p.column());
            e.put("message", p.message());
        }
        o.put("parse_errors_total", s.parseErrorsTotal());
        o.put("parse_errors_truncated", s.parseErrorsTotal() > s.parseErrors().size());
        o.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
        return o;
    }

    private static void strings(ArrayNode into, List<String> values) {
        if (values != null) values.forEach(into::add);
    }
}
