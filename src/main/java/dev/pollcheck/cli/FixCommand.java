package dev.pollcheck.cli;

import dev.pollcheck.fix.Edit;
import dev.pollcheck.fix.Fix;
import dev.pollcheck.fix.Fixer;
import dev.pollcheck.fix.TextEdits;
import dev.pollcheck.fix.UnifiedDiff;
import dev.pollcheck.report.ReportedFinding;
import dev.pollcheck.report.SarifWriter;
import dev.pollcheck.report.ScanResult;
import dev.pollcheck.source.SourceLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pollcheck fix PATH...}: the verified fixes of a scan as one unified diff, paths relative to
 * the top of the git work tree holding PATH (or to PATH), so that {@code git apply} and
 * {@code patch -p1} take it there. Findings without a fix are listed on stderr with the reason.
 */
@Command(name = "fix", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Print a unified diff that registers every skipped wait queue on the first call,"
                + " for each poll method whose fix pollcheck verified.",
        footer = ExitCodes.HELP)
final class FixCommand implements Callable<Integer> {

    @Mixin
    ScanArgs scan = new ScanArgs();

    @Mixin
    OutputArgs output = new OutputArgs();

    static final class Mode {
        @Option(names = "--write", description = "Apply the fixes to the files in place (refuses a file that"
                + " changed since it was read).")
        boolean write;

        @Option(names = "--format-patch", paramLabel = "DIR", description = "Write one git format-patch mail"
                + " per poll method into DIR (no Signed-off-by: add your own).")
        Path formatPatch;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Mode mode;

    private final Env env;

    FixCommand(Env env) {
        this.env = env;
    }

    /** One file's fixes: its original text as read now and the text with every fix applied. */
    record FileFix(String file, Path path, String diffPath, String before, String after, List<Fix> fixes) {
    }

    @Override
    public Integer call() throws Exception {
        ScanOptions options = scan.toOptions(true, false, null, ScanProgress.NONE);
        ScanResult result = env.pipeline().scan(options);
        List<FileFix> files = fileFixes(result);
        if (mode != null && mode.write) {
            for (FileFix f : files) write(f);
        } else if (mode != null && mode.formatPatch != null) {
            List<Path> written = PatchMails.write(mode.formatPatch, result, files, Env.version());
            for (Path p : written) env.out().println(p);
        } else {
            try (PrintWriter out = output.open(env)) {
                for (FileFix f : files) out.print(gitDiff(f.diffPath(), f.before(), f.after()));
            }
        }
        if (!output.quiet) report(result, files);
        return ExitCodes.OK;
    }

    /** Every distinct fix of the result, grouped by file in the findings' order, applied to the file as it is now. */
    List<FileFix> fileFixes(ScanResult result) throws UsageException {
        Map<String, List<Fix>> byFile = new LinkedHashMap<>();
        Set<Fix> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ReportedFinding rf : result.findings()) {
            if (rf.fix() == null || !rf.fix().fixed() || !seen.add(rf.fix().fix())) continue;
            byFile.computeIfAbsent(rf.fix().fix().file(), k -> new ArrayList<>()).add(rf.fix().fix());
        }
        Path top = SarifWriter.sourceRoot(result.root());
        List<FileFix> out = new ArrayList<>();
        for (Map.Entry<String, List<Fix>> e : byFile.entrySet()) {
            Path path = Fixer.locate(result.root(), e.getKey()).toAbsolutePath().normalize();
            SourceLoader.Loaded loaded = new SourceLoader().load(path, e.getKey());
            if (!loaded.parseable()) throw new UsageException("cannot read " + e.getKey());
            TextEdits text = new TextEdits(loaded.file().text());
            for (Fix f : e.getValue()) {
                if (!Fix.digest(text.text()).equals(f.digest())) {
                    throw new UsageException(e.getKey() + " changed since pollcheck read it; nothing written, run again");
                }
            }
            List<Edit> edits = new ArrayList<>();
            for (Fix f : e.getValue()) edits.addAll(f.edits());
            String diffPath = path.startsWith(top) ? top.relativize(path).toString().replace('\\', '/') : e.getKey();
            out.add(new FileFix(e.getKey(), path, diffPath, text.text(), text.apply(text.normalize(edits)),
                    List.copyOf(e.getValue())));
        }
        return out;
    }

    /** A unified diff with git's {@code diff --git} line, which git apply, git am and patch -p1 all take. */
    static String gitDiff(String path, String before, String after) {
        String d = UnifiedDiff.of(path, before, after);
        return d.isEmpty() ? d : "diff --git a/" + path + " b/" + path + "\n" + d;
    }

    /**
     * Writes one file's fixes in place: the file must still hold the text the fixes were made on (else
     * nothing is written), and the new text replaces it through a temporary file in the same directory.
     */
    private void write(FileFix f) throws UsageException {
        try {
            String now = new SourceLoader().load(f.path(), f.file()).file().text();
            if (!now.equals(f.before())) {
                throw new UsageException(f.file() + " changed since pollcheck read it; not written");
            }
            Path tmp = java.nio.file.Files.createTempFile(f.path().getParent(), ".pollcheck-", ".tmp");
            try {
                java.nio.file.Files.writeString(tmp, f.after(), java.nio.charset.StandardCharsets.UTF_8);
                try {
                    java.nio.file.Files.setPosixFilePermissions(tmp, java.nio.file.Files.getPosixFilePermissions(f.path()));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the default permissions stay
                }
                java.nio.file.Files.move(tmp, f.path(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                java.nio.file.Files.deleteIfExists(tmp);
            }
            env.err().println("pollcheck: fixed " + dev.pollcheck.report.TextSafe.escape(f.file()) + " (" + f.fixes().size() + " poll method"
                    + (f.fixes().size() == 1 ? "" : "s") + ")");
        } catch (java.io.IOException e) {
            throw new UsageException("cannot write " + f.file() + ": " + e.getMessage());
        }
    }

    /** On stderr: what was fixed, and each finding left without a fix and why. */
    private void report(ScanResult result, List<FileFix> files) {
        int fixes = 0;
        for (FileFix f : files) fixes += f.fixes().size();
        int without = 0;
        for (ReportedFinding rf : result.findings()) {
            if (rf.fix() == null || rf.fix().fixed()) continue;
            without++;
            var at = rf.finding().location();
            env.err().println(dev.pollcheck.report.TextSafe.escape(at.file() + ":" + at.line() + ": "
                    + rf.finding().ruleId() + " in " + rf.finding().function() + ": " + rf.fix().reason()));
        }
        env.err().println("pollcheck: " + fixes + " verified fix" + (fixes == 1 ? "" : "es") + " in " + files.size()
                + " file" + (files.size() == 1 ? "" : "s") + "; " + without + " finding" + (without == 1 ? "" : "s")
                + " without a fix");
    }
}
