package dev.pollcheck.cli;

import dev.pollcheck.fix.Edit;
import dev.pollcheck.fix.Fix;
import dev.pollcheck.fix.TextEdits;
import dev.pollcheck.report.ReportedFinding;
import dev.pollcheck.report.ScanResult;
import dev.pollcheck.sim.Witness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code fix --format-patch DIR}: one mail per fixed poll method, in the shape {@code git format-patch}
 * writes, so {@code git am} takes it: a subject in the kernel's {@code subsystem: driver: ...} style
 * derived from the path, a body that explains the lost wake-up with the simulator's witness in prose,
 * the diffstat and the diff. No {@code Signed-off-by}: the developer who sends it adds theirs.
 */
final class PatchMails {
    private static final int WIDTH = 72;

    private PatchMails() {
    }

    static List<Path> write(Path dir, ScanResult result, List<FixCommand.FileFix> files, String version)
            throws UsageException {
        List<Path> out = new ArrayList<>();
        int n = 0;
        int total = 0;
        for (FixCommand.FileFix f : files) total += f.fixes().size();
        try {
            Files.createDirectories(dir);
            for (FixCommand.FileFix f : files) {
                for (Fix fix : f.fixes()) {
                    n++;
                    TextEdits t = new TextEdits(f.before());
                    String after = t.apply(t.normalize(new ArrayList<Edit>(fix.edits())));
                    String diff = FixCommand.gitDiff(f.diffPath(), f.before(), after);
                    String subject = prefix(f.diffPath()) + " register " + fix.function()
                            + "() wait queues on the first call";
                    String mail = mail(n, total, subject, body(fix, result), f.diffPath(), diff, version);
                    Path p = dir.resolve(String.format(Locale.ROOT, "%04d-%s.patch", n, slug(subject)));
                    Files.writeString(p, mail, StandardCharsets.UTF_8);
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new UsageException("cannot write patches into " + dir + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * {@code media: hdpvr:} for {@code drivers/media/usb/hdpvr/hdpvr-video.c}: the subsystem is the
     * directory under {@code drivers/} (or the top directory elsewhere), the driver the file's own
     * directory, or the file's name when it sits directly in the subsystem's tree.
     */
    static String prefix(String path) {
        String[] parts = path.split("/");
        String base = parts[parts.length - 1].replaceFirst("\\.[ch]$", "");
        if (parts.length == 1) return base + ":";
        String subsystem = parts[0].equals("drivers") && parts.length > 2 ? parts[1] : parts[0];
        String dir = parts[parts.length - 2];
        boolean ownDir = parts.length > (parts[0].equals("drivers") ? 3 : 2) && !dir.equals(subsystem);
        String driver = ownDir ? dir : base;
        return subsystem.equals(driver) ? subsystem + ":" : subsystem + ": " + driver + ":";
    }

    private static String body(Fix fix, ScanResult result) {
        StringBuilder sb = new StringBuilder();
        sb.append(wrap(fix.why().replace("\n", " ").strip())).append("\n\n");
        sb.append(wrap("poll_wait() adds a waiter only on the first call of a poll (the first pass of poll() or"
                + " select(), and EPOLL_CTL_ADD); later calls pass a table that registers nothing. A wait queue"
                + " that the first call skips is never waited on, so its wake-up is lost and the caller sleeps"
                + " although the device is ready.")).append("\n\n");
        Witness w = witness(fix, result);
        if (w != null) {
            sb.append("A scenario found by pollcheck's simulator (").append(w.api()).append("):\n\n");
            int i = 0;
            for (String line : w.toTimeline().split("\n")) {
                String s = line.strip();
                if (!s.matches("\\d+\\..*")) continue; // the numbered steps; the state details are for the tool
                i++;
                sb.append(indentWrap(s, "  ", "     ")).append('\n');
            }
            if (i > 0) sb.append('\n');
        }
        sb.append(wrap("Register " + String.join(", ", fix.queues()) + " unconditionally, before the"
                + " requested events or the device state are tested, as vb2_core_poll() and v4l2_m2m_poll()"
                + " do.")).append("\n\n");
        sb.append(wrap("Verified by pollcheck: " + fix.verified() + ".")).append('\n');
        return sb.toString();
    }

    private static Witness witness(Fix fix, ScanResult result) {
        for (ReportedFinding rf : result.findings()) {
            if (rf.fix() != null && rf.fix().fix() == fix && rf.verdict() != null && rf.verdict().witness() != null) {
                return rf.verdict().witness();
            }
        }
        return null;
    }

    private static String mail(int n, int total, String subject, String body, String path, String diff,
                               String version) {
        int plus = 0;
        int minus = 0;
        for (String l : diff.split("\n")) {
            if (l.startsWith("+") && !l.startsWith("+++")) plus++;
            if (l.startsWith("-") && !l.startsWith("---")) minus++;
        }
        String date = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
        String count = total > 1 ? String.format(Locale.ROOT, "[PATCH %d/%d] ", n, total) : "[PATCH] ";
        return "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
                + "From: pollcheck <pollcheck@localhost>\n"
                + "Date: " + date + "\n"
                + "Subject: " + count + subject + "\n"
                + "\n"
                + body
                + "---\n"
                + " " + path + " | " + (plus + minus) + " " + "+".repeat(plus) + "-".repeat(minus) + "\n"
                + " 1 file changed, " + plus + " insertion" + (plus == 1 ? "" : "s") + "(+), " + minus
                + " deletion" + (minus == 1 ? "" : "s") + "(-)\n"
                + "\n"
                + diff
                + "-- \n"
                + "pollcheck " + version + "\n\n";
    }

    private static String slug(String subject) {
        String s = subject.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.length() > 52 ? s.substring(0, 52).replaceAll("-$", "") : s;
    }

    private static String wrap(String text) {
        return indentWrap(text, "", "");
    }

    /** Wraps at {@link #WIDTH} columns (checkpatch wants commit lines of at most 75). */
    private static String indentWrap(String text, String first, String rest) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.split("\\s+")) {
            if (word.isEmpty()) continue;
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder(rest);
                empty = true;
            }
            if (!empty) line.append(' ');
            line.append(word);
            empty = false;
        }
        out.append(line);
        return out.toString();
    }
}
