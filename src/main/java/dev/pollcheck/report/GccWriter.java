package dev.pollcheck.report;

import dev.pollcheck.model.Span;
import dev.pollcheck.rules.Finding;
import java.io.PrintWriter;

/**
 * {@code --format gcc}: one line per shown finding, {@code file:line:col: level: message [RULE]}, and
 * nothing else on the stream, for editors' compile mode and tools that read compiler output. No
 * source excerpt, no condition note, no witness: those are in {@code text}, JSON and SARIF.
 */
public final class GccWriter {

    public void write(ScanResult result, PrintWriter out) {
        for (ReportedFinding rf : result.findings()) {
            if (rf.active()) out.println(line(rf.finding()));
        }
        out.flush();
    }

    static String line(Finding f) {
        Span at = f.location();
        // Terminal-safe as the text format is: a file name or quoted source cannot drive the terminal.
        return TextSafe.escape(at.file()) + ":" + at.line() + ":" + at.column() + ": " + f.level().id() + ": "
                + TextSafe.escape(oneLine(f.message())) + " [" + f.ruleId() + "]";
    }

    /** A message never breaks the one-line format, whatever text of the source it quotes. */
    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
