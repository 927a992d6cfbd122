package dev.pollcheck.rules;

import dev.pollcheck.flow.OpsTypes;
import dev.pollcheck.flow.PollMethod;
import dev.pollcheck.flow.PollMethods;
import dev.pollcheck.flow.Program;
import dev.pollcheck.flow.TestPipeline;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Test-scope main: runs source, parse, flow and rules over files or directories and prints the
 * poll methods found and the findings. {@code RunFindings [--methods] [--list FILE] ROOT [PATH...]}.
 * With {@code --list}, FILE holds one path (relative to ROOT) per line.
 */
public final class RunFindings {
    public static void main(String[] args) throws Exception {
        boolean methods = false;
        boolean unknown = false;
        Path list = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--methods")) methods = true;
            else if (args[i].equals("--unknown")) unknown = true;
            else if (args[i].equals("--list")) list = Path.of(args[++i]);
            else rest.add(args[i]);
        }
        Path root = Path.of(rest.get(0));
        List<Path> files = new ArrayList<>();
        if (list != null) {
            for (String l : Files.readAllLines(list)) if (!l.isBlank()) files.add(root.resolve(l.strip()));
        }
        for (String p : rest.subList(1, rest.size()).isEmpty() && list == null ? List.of(".") : rest.subList(1, rest.size())) {
            Path q = root.resolve(p);
            if (Files.isDirectory(q)) {
                try (Stream<Path> s = Files.walk(q)) {
                    s.filter(x -> x.toString().endsWith(".c") || x.toString().endsWith(".h")).sorted().forEach(files::add);
                }
            } else {
                files.add(q);
            }
        }
        long t0 = System.nanoTime();
        ExecutorService ex = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
                r -> {
                    Thread t = new Thread(null, r, "parse", 512L << 20);
                    t.setDaemon(true);
                    return t;
                });
        List<Future<TranslationUnit>> fs = new ArrayList<>();
        for (Path p : files) {
            fs.add(ex.submit(() -> {
                String display = root.relativize(p).normalize().toString();
                String text = new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
                return TestPipeline.parse(display, text);
            }));
        }
        List<TranslationUnit> units = new ArrayList<>();
        for (Future<TranslationUnit> f : fs) units.add(f.get());
        ex.shutdown();
        long t1 = System.nanoTime();
        Program program = Program.of(units);
        List<PollMethod> pms = PollMethods.find(program, OpsTypes.builtin());
        Map<ParseStatus, Integer> st = new TreeMap<>();
        for (PollMethod m : pms) {
            if (m.function() != null) st.merge(m.function().status(), 1, Integer::sum);
        }
        if (methods) {
            for (PollMethod m : pms) {
                System.out.println("M " + m.reference() + " " + m.name() + " " + m.opsType() + " " + m.how().id()
                        + (m.function() == null ? " (external)" : " " + m.function().status()));
            }
        }
        long tf = System.nanoTime();
        System.err.printf("discovery %.1fs%n", (tf - t1) / 1e9);
        List<Finding> out = Analyzer.analyze(program, AnalysisConfig.defaults(), pms);
        long t2 = System.nanoTime();
        if (unknown) {
            // Which callees receive a poll_table without a definition or a model: candidates for models.
            dev.pollcheck.flow.PollFlow pf = new dev.pollcheck.flow.PollFlow(program, dev.pollcheck.flow.HelperModels.builtin());
            Map<String, Integer> names = new TreeMap<>();
            for (TopLevel.Function f : PollMethods.definitions(pms)) {
                int pt = dev.pollcheck.flow.Shapes.pollTableParam(f.params());
                if (pt < 0 || !dev.pollcheck.flow.PollFlow.readable(f)) continue;
                java.util.ArrayDeque<dev.pollcheck.flow.Summary> work = new java.util.ArrayDeque<>();
                work.add(pf.summary(f, pt));
                java.util.Set<dev.pollcheck.flow.Summary> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                while (!work.isEmpty()) {
                    var s = work.poll();
                    if (!seen.add(s)) continue;
                    for (var r : s.registrations()) {
                        if (r.helper() != null) work.add(r.helper());
                        if (r.via() == dev.pollcheck.flow.Registration.Via.UNKNOWN) names.merge(r.callee(), 1, Integer::sum);
                    }
                }
            }
            names.forEach((k, v) -> System.out.println("U " + v + " " + k));
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (Finding f : out) {
            counts.merge(f.ruleId() + " " + f.level().id(), 1, Integer::sum);
            System.out.println(f.location() + ": " + f.level().id() + ": " + f.message() + " [" + f.ruleId() + "]");
        }
        System.out.printf("files=%d methods=%d statuses=%s parse=%.1fs analyze=%.1fs counts=%s%n", files.size(),
                pms.size(), st, (t1 - t0) / 1e9, (t2 - t1) / 1e9, counts);
    }
}
