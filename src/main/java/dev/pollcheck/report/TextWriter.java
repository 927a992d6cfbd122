package dev.pollcheck.report;

import dev.pollcheck.model.Span;
import dev.pollcheck.fix.Fix;
import dev.pollcheck.fix.FixOutcome;
import dev.pollcheck.rules.Finding;
import dev.pollcheck.rules.Level;
import dev.pollcheck.sim.Verdict;
import dev.pollcheck.sim.Witness;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The terminal format, in the shape compilers use so that editors can jump to each finding:
 * {@code file:line:col: level: message [RULE]}, the source line with a caret under the registration,
 * a note at the skipping condition, and the simulator's witness as a numbered timeline.
 * Suppressed findings and findings already in the baseline are counted in the summary, not shown.
 */
public final class TextWriter {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED = "\u001b[1;31m";
    private static final String MAGENTA = "\u001b[1;35m";
    private static final String CYAN = "\u001b[1;36m";
    private static final String GREEN = "\u001b[1;32m";

    private final ReportContext ctx;
    private final SourceLines sources;

    public TextWriter(ReportContext ctx, SourceLines sources) {
        this.ctx = ctx;
        this.sources = sources;
    }

    public void write(ScanResult result, PrintWriter out) {
        for (ReportedFinding rf : result.findings()) {
            if (rf.active()) writeFinding(rf, out);
        }
        if (!ctx.quiet()) {
            for (String n : result.notices()) out.println("pollcheck: " + TextSafe.escape(n));
            out.println(summaryLine(result));
        }
        out.flush();
    }

    /** How many notices the text report lists on stderr before it only counts the rest. */
    public static final int MAX_NOTICES = 50;

    /**
     * The notices of a scan (every file or function it could not read fully) on {@code err}, one
     * {@code path:line: notice: message} line each, as compilers print diagnostics; the first
     * {@link #MAX_NOTICES}, then how many more there are. Quiet: only the count.
     */
    public void writeNotices(ScanResult result, PrintWriter err) {
        Stats st = result.stats();
        int total = st.parseErrorsTotal();
        if (total == 0) return;
        if (ctx.quiet()) {
            err.println("pollcheck: " + plural(total, "notice") + " (not listed with --quiet)");
            err.flush();
            return;
        }
        int shown = 0;
        for (dev.pollcheck.model.ParseProblem p : st.parseErrors()) {
            if (shown == MAX_NOTICES) break;
            String file = TextSafe.escape(p.file());
            String where = p.line() > 0 ? file + ":" + p.line() + ":" : file + ":";
            err.println(where + " notice: " + TextSafe.escape(p.message()));
            shown++;
        }
        if (total > shown) {
            err.println("pollcheck: " + (total - shown) + " more notice" + (total - shown == 1 ? "" : "s")
                    + " not listed (--format json lists the first " + Stats.MAX_PARSE_ERRORS + ")");
        }
        err.flush();
    }

    void writeFinding(ReportedFinding rf, PrintWriter out) {
        Finding f = rf.finding();
        Span at = f.location();
        out.println(paint(BOLD, TextSafe.escape(at.file()) + ":" + at.line() + ":" + at.column() + ":") + " "
                + paint(levelColour(f.level()), f.level().id() + ":") + " " + TextSafe.escape(shortenQuoted(f.message()))
                + " [" + f.ruleId() + "]");
        excerpt(at, out);
        if (f.condition() != null) {
            Span c = f.condition();
            String text = f.conditionText() == null ? ""
                    : ": " + TextSafe.escape(TextSafe.shorten(oneLine(f.conditionText()), MAX_CONDITION));
            out.println(paint(BOLD, TextSafe.escape(c.file()) + ":" + c.line() + ":" + c.column() + ":") + " "
                    + paint(CYAN, "note:") + " the registration is skipped by this condition" + text);
            excerpt(c, out);
        }
        Verdict v = rf.verdict();
        if (v != null && v.confirmed() && v.witness() != null) {
            out.println("  confirmed by simulation (" + v.witness().api() + "):");
            out.print(TextSafe.escapeLines(v.witness().toTimeline("    ")));
        } else if (v != null) {
            out.println("  (not confirmed: " + (v.reason() == null ? "no witness found" : TextSafe.escape(v.reason())) + ")");
        }
        writeFix(rf.fix(), out);
    }

    /** The fix-it hint: the diff under the first finding it fixes, a pointer to it under the others. */
    private void writeFix(FixOutcome o, PrintWriter out) {
        if (o == null) return;
        if (!o.fixed()) {
            out.println("  " + TextSafe.escape(o.reason()));
            return;
        }
        Fix fix = o.fix();
        Integer first = shownFixes.get(fix);
        if (first != null) {
            out.println("  " + paint(GREEN, "fix:") + " the one shown at line " + first + " (one fix for "
                    + TextSafe.escape(fix.function()) + "())");
            return;
        }
        shownFixes.put(fix, fix.edits().get(0).line());
        out.println("  " + paint(GREEN, "fix:") + " register " + TextSafe.escape(String.join(", ", fix.queues()))
                + " on every first call (" + TextSafe.escape(fix.verified()) + "):");
        for (String raw : fix.diff().split("\n", -1)) {
            if (raw.isEmpty()) continue;
            String line = TextSafe.escape(raw); // the tree's text reaches the terminal only escaped
            String colour = line.startsWith("+") && !line.startsWith("+++") ? GREEN
                    : line.startsWith("-") && !line.startsWith("---") ? RED : null;
            out.println("    " + (colour == null ? line : paint(colour, line)));
        }
    }

    private final java.util.Map<Fix, Integer> shownFixes = new java.util.IdentityHashMap<>();

    /**
     * The line under a message, with a caret and tildes under the span, tabs kept so columns line up;
     * a control character in the line is shown escaped, and the marks under it are as wide.
     */
    private void excerpt(Span at, PrintWriter out) {
        String line = sources.line(at.file(), at.line());
        if (line == null) return;
        String gutter = String.format(Locale.ROOT, "%5d | ", at.line());
        int start = Math.max(1, at.column());
        int end = at.endLine() == at.line() ? at.endColumn() : line.length() + 1;
        StringBuilder shown = new StringBuilder(line.length());
        StringBuilder marks = new StringBuilder();
        int width = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            String e = TextSafe.escape(String.valueOf(c));
            shown.append(e);
            int col = i + 1;
            if (col < start) {
                marks.append(c == '\t' ? "\t" : " ".repeat(e.length()));
            } else if (col < end) {
                width += e.length();
            }
        }
        out.println(gutter + shown);
        String underline = "^" + "~".repeat(Math.max(0, width - 1));
        out.println(" ".repeat(gutter.length() - 2) + "| " + marks + paint(GREEN, underline));
    }

    /** Longest condition a text message shows; JSON and SARIF keep the full text. */
    static final int MAX_CONDITION = 120;

    /** The message with every quoted condition ({@code `...`}) longer than {@link #MAX_CONDITION} cut. */
    static String shortenQuoted(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([^`]{" + (MAX_CONDITION + 1) + ",})`")
                .matcher(message);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(
                    "`" + TextSafe.shorten(m.group(1), MAX_CONDITION) + "`"));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** A witness step as one line (for SARIF thread-flow messages): the timeline's lines joined. */
    static String describe(Witness.Step s) {
        String timeline = new Witness("", List.of(s)).toTimeline();
        String joined = timeline.strip().replaceFirst("^1\\. ", "").replaceAll("\\s*\\n\\s*", " -- ");
        return joined.isEmpty() ? s.kind().id() : joined;
    }

    public String summaryLine(ScanResult result) {
        Summary s = Summary.of(result.findings());
        StringBuilder b = new StringBuilder("pollcheck: ");
        if (s.active() == 0) {
            b.append("no findings");
        } else {
            b.append(plural(s.active(), "finding"));
            List<String> levels = new ArrayList<>();
            if (s.errors() > 0) levels.add(plural(s.errors(), "error"));
            if (s.warnings() > 0) levels.add(plural(s.warnings(), "warning"));
            if (s.notes() > 0) levels.add(plural(s.notes(), "note"));
            b.append(" (").append(String.join(", ", levels)).append(')');
            b.append(", ").append(s.confirmed()).append(" confirmed");
        }
        if (s.suppressed() > 0) b.append(", ").append(s.suppressed()).append(" suppressed");
        if (s.unchanged() > 0) b.append(", ").append(s.unchanged()).append(" unchanged from the baseline");
        Stats st = result.stats();
        b.append("; ").append(plural(st.filesScanned(), "file")).append(", ")
                .append(plural(st.functionsTotal(), "function"));
        if (st.parseErrorsTotal() > 0) b.append(", ").append(plural(st.parseErrorsTotal(), "parse problem"));
        b.append(String.format(Locale.ROOT, " in %.1f s", st.seconds()));
        if (st.anythingSkipped()) {
            List<String> what = new ArrayList<>();
            if (st.unreadPollFiles() > 0) {
                what.add(st.unreadPollFiles() + (st.unreadPollFiles() == 1 ? " file" : " files")
                        + " that may hold poll code could not be read");
            }
            if (st.unanalysedMethods() > 0) {
                what.add(st.unanalysedMethods() + (st.unanalysedMethods() == 1 ? " poll method" : " poll methods")
                        + " could not be analysed");
            }
            b.append("; NOT CHECKED: ").append(String.join(", ", what)).append(" (see the notices)");
        }
        return b.toString();
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private String levelColour(Level l) {
        return switch (l) {
            case ERROR -> RED;
            case WARNING -> MAGENTA;
            case NOTE -> CYAN;
        };
    }

    private String paint(String colour, String s) {
        return ctx.color() ? colour + s + RESET : s;
    }
}
