package dev.pollcheck.cli;

import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TypeRef;
import dev.pollcheck.report.ReportRules;
import dev.pollcheck.report.ReportedFinding;
import dev.pollcheck.report.ReportedMethod;
import dev.pollcheck.report.ScanResult;
import dev.pollcheck.report.Stats;
import dev.pollcheck.report.TestFindings;
import dev.pollcheck.rules.Api;
import dev.pollcheck.rules.Finding;
import dev.pollcheck.rules.Level;
import dev.pollcheck.rules.RuleInfo;
import dev.pollcheck.sim.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stand-in for the analysis, so that the command line is tested on its own: it reports PW001 on
 * every {@code poll_wait} whose line follows {@code if (req & EPOLLIN)}, and PW002 on one that follows
 * {@code if (dev->ready)}, in the function around it (a function runs from a line starting with
 * {@code static} to the next line that is just a closing brace). Positions follow the file's text, so
 * edits move findings as they would move real ones.
 */
final class FakePipeline implements Pipeline {

    ScanOptions lastOptions;
    RuntimeException failWith;

    @Override
    public ScanResult scan(ScanOptions options) throws Exception {
        lastOptions = options;
        if (failWith != null) throw failWith;
        Path root = Scan.rootOf(options.roots());
        List<ReportedFinding> findings = new ArrayList<>();
        List<ReportedMethod> methods = new ArrayList<>();
        // Spelt as the real pipeline reports them: below each PATH as given.
        List<Path> files = new ArrayList<>();
        for (Path given : options.roots()) {
            try (Stream<Path> s = Files.walk(given)) {
                s.filter(p -> p.toString().endsWith(".c")).sorted().forEach(files::add);
            }
        }
        for (Path p : files) {
            String display = p.normalize().toString();
            List<String> lines = Files.readAllLines(p);
            int fnStart = -1;
            String fnName = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher m = Pattern.compile("^static \\S+ (\\w+)\\(").matcher(line);
                if (m.find()) {
                    fnStart = i + 1;
                    fnName = m.group(1);
                    methods.add(new ReportedMethod(Span.point(display, fnStart, line.indexOf(fnName) + 1), fnName,
                            "file_operations.poll"));
                }
                int call = line.indexOf("poll_wait(");
                if (call < 0 || i == 0 || fnName == null) continue;
                String prev = lines.get(i - 1);
                String rule = prev.contains("if (req & EPOLLIN)") ? "PW001" : prev.contains("if (dev->ready)") ? "PW002" : null;
                if (rule == null) continue;
                int end = i;
                while (end < lines.size() && !lines.get(end).equals("}")) end++;
                TopLevel.Function fn = new TopLevel.Function(new Span(display, fnStart, 1, end + 1, 2),
                        Span.point(display, fnStart, 1), fnName, TypeRef.UNKNOWN, List.of(), true, null,
                        ParseStatus.PARSED);
                int cond = prev.indexOf("if (") + 5;
                String condText = prev.substring(cond - 1, prev.lastIndexOf(')'));
                Finding f = new Finding(rule, rule.equals("PW001") ? Level.ERROR : Level.WARNING,
                        new Span(display, i + 1, call + 1, i + 1, line.lastIndexOf(')') + 2), fnName,
                        "poll_wait is skipped when " + condText + " is false", "&dev->read_wq",
                        new Span(display, i, cond, i, cond + condText.length()), condText, Set.of(Api.EPOLL),
                        fn, null);
                findings.add(ReportedFinding.of(f, options.simulate() ? Verdict.confirmed(TestFindings.witness()) : null));
            }
        }
        return new ScanResult(root, findings, new Stats(files.size(), 0, methods.size(), methods.size(), 0, 0, 0,
                List.of(), 0, 0.01), methods, List.of());
    }

    @Override
    public List<RuleInfo> rules() {
        List<RuleInfo> all = new ArrayList<>(List.of(TestFindings.PW001, TestFindings.PW002));
        all.addAll(ReportRules.all());
        return all;
    }
}
