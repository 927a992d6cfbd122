package dev.pollcheck.report;

import dev.pollcheck.model.ParseProblem;
import java.util.List;

/**
 * What a scan read and how well. Function counts add up:
 * {@code functionsTotal = functionsParsed + functionsRecovered + functionsFailed + functionsSkipped}.
 *
 * @param filesScanned       files read and parsed
 * @param filesSkipped       files left out by the prefilter (or unreadable: those also give a parse error)
 * @param functionsTotal     function definitions seen
 * @param functionsParsed    parsed fully, without recovery
 * @param functionsRecovered parsed with recovery (control structure and calls kept)
 * @param functionsFailed    not even the control structure could be read
 * @param functionsSkipped   bodies not parsed because nothing poll-related was in them
 * @param parseErrors        the first {@link #MAX_PARSE_ERRORS} problems, in a deterministic order
 * @param parseErrorsTotal   how many problems there were in all
 * @param seconds            wall time of the scan
 * @param unreadPollFiles    files that mention poll (or may: they could not be read to tell) and
 *                           were not read: too large, binary, unreadable, vanished, not regular
 * @param unanalysedMethods  poll methods, or functions that may be one, that were not analysed
 *                           fully: not parsed, in an inactive {@code #if} branch, over a time bound
 */
public record Stats(int filesScanned, int filesSkipped, int functionsTotal, int functionsParsed,
                    int functionsRecovered, int functionsFailed, int functionsSkipped,
                    List<ParseProblem> parseErrors, int parseErrorsTotal, double seconds,
                    int unreadPollFiles, int unanalysedMethods) {

    /** Enough to show what goes wrong on a whole tree without a megabyte of JSON. */
    public static final int MAX_PARSE_ERRORS = 200;

    public Stats {
        parseErrors = List.copyOf(parseErrors.size() > MAX_PARSE_ERRORS
                ? parseErrors.subList(0, MAX_PARSE_ERRORS) : parseErrors);
        parseErrorsTotal = Math.max(parseErrorsTotal, parseErrors.size());
    }

    public Stats(int filesScanned, int filesSkipped, int functionsTotal, int functionsParsed,
                 int functionsRecovered, int functionsFailed, int functionsSkipped,
                 List<ParseProblem> parseErrors, int parseErrorsTotal, double seconds) {
        this(filesScanned, filesSkipped, functionsTotal, functionsParsed, functionsRecovered, functionsFailed,
                functionsSkipped, parseErrors, parseErrorsTotal, seconds, 0, 0);
    }

    /** Whether poll code may have gone unseen: what {@code --fail-on-skip} fails on. */
    public boolean anythingSkipped() {
        return unreadPollFiles > 0 || unanalysedMethods > 0;
    }

    public static Stats empty() {
        return new Stats(0, 0, 0, 0, 0, 0, 0, List.of(), 0, 0);
    }
}
