package dev.pollcheck.report;

import dev.pollcheck.rules.Level;
import java.util.List;

/** Counts over a result's findings, for the summary line, the JSON {@code summary} and the exit code. */
public record Summary(int active, int errors, int warnings, int notes, int confirmed, int suppressed,
                      int unchanged) {

    public static Summary of(List<ReportedFinding> findings) {
        int active = 0, errors = 0, warnings = 0, notes = 0, confirmed = 0, suppressed = 0, unchanged = 0;
        for (ReportedFinding f : findings) {
            if (f.suppressed()) suppressed++;
            else if (f.baselineState() == BaselineState.UNCHANGED) unchanged++;
            if (!f.active()) continue;
            active++;
            if (f.confirmed()) confirmed++;
            switch (f.finding().level()) {
                case ERROR -> errors++;
                case WARNING -> warnings++;
                case NOTE -> notes++;
            }
        }
        return new Summary(active, errors, warnings, notes, confirmed, suppressed, unchanged);
    }

    /** Active findings at {@code threshold} or above; a null threshold ({@code --fail-on none}) counts none. */
    public static int atOrAbove(List<ReportedFinding> findings, Level threshold) {
        if (threshold == null) return 0;
        int n = 0;
        for (ReportedFinding f : findings) {
            if (f.active() && f.finding().level().atLeast(threshold)) n++;
        }
        return n;
    }
}
