package dev.pollcheck.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.pollcheck.model.Ast;
import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.ParseProblem;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.source.Defines;
import dev.pollcheck.source.Preprocessed;
import dev.pollcheck.source.Preprocessor;
import dev.pollcheck.source.SourceFile;

/**
 * Measures the parser on real files (a tool, not a test): parses raw files, counts function
 * definitions by status, and reports the time of the last of {@code --repeat} rounds.
 *
 * <pre>java -cp ... dev.pollcheck.parse.ParseBench [--repeat N] [--clang-format F] [--show N] [--function NAME] [--slow MS] [--preprocess] [--stream] @list | FILE...</pre>
 *
 * <p>The issue's file set and the measured command (numbers in the parse report):
 * <pre>
 * K=~/.cache/pollcheck-corpus/linux-source-6.12
 * (cd $K &amp;&amp; grep -rlE 'poll_wait|poll_table|\.poll *=|proc_poll' --include='*.c' . | sed "s|^\./|$K/|") &gt; /tmp/poll-files.txt
 * mvn -o -q compile
 * java -cp target/classes:$HOME/.m2/repository/org/antlr/antlr4-runtime/4.13.2/antlr4-runtime-4.13.2.jar \
 *     dev.pollcheck.parse.ParseBench --repeat 3 --clang-format $K/.clang-format @/tmp/poll-files.txt
 * </pre>
 */
public final class ParseBench {
    private ParseBench() {
    }

    public static void main(String[] argv) throws Exception {
        int repeat = 1;
        int show = 0;
        String watch = null;
        long slowMs = Long.MAX_VALUE;
        boolean preprocess = false;
        boolean stream = false;
        ParseConfig config = ParseConfig.defaults();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            switch (a) {
                case "--repeat" -> repeat = Integer.parseInt(argv[++i]);
                case "--show" -> show = Integer.parseInt(argv[++i]);
                case "--function" -> watch = argv[++i];
                case "--slow" -> slowMs = Long.parseLong(argv[++i]);
                case "--preprocess" -> preprocess = true;
                case "--stream" -> stream = true; // read each file when its turn comes (whole trees); timing includes reading
                case "--clang-format" -> config = config.withIteratorMacros(ForEachMacros.fromClangFormat(Path.of(argv[++i])));
                default -> {
                    if (a.startsWith("@")) {
                        for (String line : Files.readAllLines(Path.of(a.substring(1)))) {
                            if (!line.isBlank()) {
                                files.add(Path.of(line.strip()));
                            }
                        }
                    } else {
                        files.add(Path.of(a));
                    }
                }
            }
        }
        List<Input> inputs = new ArrayList<>();
        if (!stream) {
            for (Path f : files) {
                inputs.add(load(f, preprocess));
            }
        }
        final ParseConfig cfg = config;
        final int rounds = stream ? 1 : repeat;
        final int showN = show;
        final String watched = watch;
        final long slow = slowMs;
        final boolean pre = preprocess;
        final boolean lazy = stream;
        // Per-file work runs on a 512 MB stack, as in the pipeline.
        Thread t = new Thread(null, () -> run(files, i -> lazy ? load(files.get(i), pre) : inputs.get(i), cfg, rounds,
                showN, watched, slow), "bench", 512L << 20);
        t.start();
        t.join();
    }

    /** A file's text and macros as the parser gets them. */
    private record Input(String text, List<MacroDef> macros) {
    }

    private static Input load(Path f, boolean preprocess) {
        String text;
        try {
            text = read(f);
        } catch (IOException e) {
            return new Input("", List.of());
        }
        if (!preprocess) {
            return new Input(text, List.of());
        }
        // What the pipeline parses: the source stage's text (default conditional choices) and macros.
        Preprocessed pp = Preprocessor.run(SourceFile.of(f.toString(), text), Defines.defaults());
        return new Input(pp.text(), pp.macros());
    }

    static String read(Path f) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static void run(List<Path> files, java.util.function.IntFunction<Input> input, ParseConfig config, int repeat, int show, String watch,
                            long slowMs) {
        CParser parser = new CParser(config);
        long nanos = 0;
        long cpu = 0;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Stats st = new Stats(show, watch);
        for (int r = 0; r < repeat; r++) {
            boolean last = r == repeat - 1;
            long t0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < files.size(); i++) {
                long f0 = System.nanoTime();
                Input in = input.apply(i);
                TranslationUnit u = parser.parse(files.get(i).toString(), in.text(), in.macros(), s -> true);
                long ms = (System.nanoTime() - f0) / 1_000_000;
                if (last) {
                    if (ms >= slowMs) {
                        System.out.println("SLOW " + ms + " ms " + files.get(i));
                    }
                    st.add(u);
                }
            }
            nanos = System.nanoTime() - t0;
            cpu = mx.getCurrentThreadCpuTime() - c0;
        }
        Map<ParseStatus, Integer> counts = st.counts;
        int pollTotal = st.pollTotal;
        int pollBad = st.pollBad;
        int opaqueTop = st.opaqueTop;
        int files0 = files.size();
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int parsed = counts.getOrDefault(ParseStatus.PARSED, 0);
        System.out.printf("files=%d functions=%d parsed=%d (%.2f%%) recovered=%d failed=%d%n", files0, total, parsed,
                total == 0 ? 0.0 : 100.0 * parsed / total, counts.getOrDefault(ParseStatus.RECOVERED, 0),
                counts.getOrDefault(ParseStatus.FAILED, 0));
        System.out.printf("functions calling poll_wait=%d (failed: %d); opaque file-scope chunks=%d%n", pollTotal, pollBad, opaqueTop);
        // CPU time of the parsing thread as well: the wall time suffers when the machine is shared.
        System.out.printf("time (round %d of %d): %.2f s wall, %.2f s cpu%n", repeat, repeat, nanos / 1e9, cpu / 1e9);
    }

    /** Counts over the units of the measured round, printed as they come. */
    private static final class Stats {
        final Map<ParseStatus, Integer> counts = new TreeMap<>();
        final int show;
        final String watch;
        int pollTotal;
        int pollBad;
        int opaqueTop;
        int shown;

        Stats(int show, String watch) {
            this.show = show;
            this.watch = watch;
        }

        void add(TranslationUnit u) {
            for (ParseProblem p : u.problems()) {
                if (p.message().startsWith("internal") || p.message().contains("not recovered")) {
                    System.out.println("INTERNAL " + p);
                }
            }
            for (TopLevel item : u.items()) {
                if (item instanceof TopLevel.Opaque o) {
                    opaqueTop++;
                    if (shown < show) {
                        shown++;
                        System.out.println("OPAQUE " + problemIn(u, o.span().line(), o.span().endLine(), o.span().toString()));
                    }
                }
            }
            for (TopLevel.Function f : u.functions()) {
                counts.merge(f.status(), 1, Integer::sum);
                if (f.name().equals(watch)) {
                    System.out.println("function " + f.name() + " at " + f.nameSpan() + ": " + f.status());
                }
                boolean poll = Ast.calls(f.body()).stream().anyMatch(c -> "poll_wait".equals(c.name()));
                if (poll) {
                    pollTotal++;
                    if (f.status() == ParseStatus.FAILED) {
                        pollBad++;
                    }
                    if (f.status() != ParseStatus.PARSED) {
                        System.out.println("POLL_WAIT " + f.status() + " " + f.name() + " " + f.nameSpan());
                    }
                }
                if (f.status() != ParseStatus.PARSED && shown < show) {
                    shown++;
                    System.out.println(f.status() + " " + f.name() + " "
                            + problemIn(u, f.span().line(), f.span().endLine(), f.span().toString()));
                }
            }
        }

        private static String problemIn(TranslationUnit u, int from, int to, String fallback) {
            for (ParseProblem p : u.problems()) {
                if (p.line() >= from && p.line() <= to) {
                    return p.toString();
                }
            }
            return fallback;
        }
    }
}
