package dev.pollcheck.parse;

import java.util.List;

import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;

/**
 * A token stream over a slice of a file's tokens, fully buffered so that the predicates can read
 * any token by index in O(1), and bounded in time: ANTLR reads every token through {@link #LA},
 * so checking the clock there (every few thousand calls) stops a runaway full-LL prediction.
 */
final class TokStream extends CommonTokenStream {
    /** Thrown when the time bound of the current function is over. */
    static final class Timeout extends RuntimeException {
        Timeout() {
            super("parse time bound exceeded", null, false, false);
        }
    }

    final int[] types;
    private final long deadline;
    private int calls;

    TokStream(List<Token> tokens, long deadlineNanos) {
        super(new ListTokenSource(tokens));
        fill();
        types = new int[size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = get(i).getType();
        }
        this.deadline = deadlineNanos;
    }

    @Override
    public int LA(int i) {
        if ((++calls & 0xFFF) == 0 && System.nanoTime() > deadline) {
            throw new Timeout();
        }
        return super.LA(i);
    }

    /** Type of the token at absolute index {@code i}, EOF beyond either end. */
    int type(int i) {
        return i >= 0 && i < types.length ? types[i] : Token.EOF;
    }
}
