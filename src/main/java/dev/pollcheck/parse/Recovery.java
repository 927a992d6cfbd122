package dev.pollcheck.parse;

import static dev.pollcheck.parse.gen.KcParser.*;

import java.util.ArrayList;
import java.util.List;

import org.antlr.v4.runtime.Token;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.parse.gen.KcParser;

/**
 * The skeleton parse of a function body the grammar could not read as a whole. Written by hand
 * over the tokens: it keeps blocks, if/else, switch/case/default, loops, iterator macros, goto and
 * labels, return, break and continue, and hands every simple statement to the grammar on its own.
 * A statement the grammar still refuses becomes {@link Stmt.Opaque} with the calls found in its
 * tokens, so that later stages still see every call.
 */
final class Recovery {
    /** Deeper statement nesting than this is kept as opaque text (bounded recursion). */
    private static final int MAX_NESTING = 400;

    private final CParser cp;
    private final List<Token> toks;
    private final long deadline;
    private boolean timedOut;

    Recovery(CParser cp, List<Token> toks, long deadline) {
        this.cp = cp;
        this.toks = toks;
        this.deadline = deadline;
    }

    // ------------------------------------------------------------------ token helpers

    private int type(int i) {
        return i < toks.size() ? toks.get(i).getType() : Token.EOF;
    }

    /** Span of tokens [lo, hi), clamped to the tokens there are (a body may end early). */
    private Span span(int lo, int hi) {
        int last = toks.size() - 1;
        int from = Math.min(lo, last);
        return cp.b.span(toks.get(from), toks.get(Math.min(Math.max(from, hi - 1), last)));
    }

    /** Index of the bracket closing the one at {@code open}, or -1 before {@code limit}. */
    private static int match(List<Token> toks, int open, int limit, int openType, int closeType) {
        int depth = 0;
        for (int i = open; i < limit; i++) {
            int t = toks.get(i).getType();
            if (t == openType) {
                depth++;
            } else if (t == closeType && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    static int matchParen(List<Token> toks, int open, int limit) {
        return match(toks, open, limit, LeftParen, RightParen);
    }

    /** Argument ranges [lo, hi) of the parenthesised list opened at {@code open}, split at top-level commas. */
    static List<int[]> splitArgs(List<Token> toks, int open, int close) {
        List<int[]> out = new ArrayList<>();
        int depth = 0;
        int from = open + 1;
        for (int i = open + 1; i < close; i++) {
            int t = toks.get(i).getType();
            if (t == LeftParen || t == LeftBrace || t == LeftBracket) {
                depth++;
            } else if (t == RightParen || t == RightBrace || t == RightBracket) {
                depth--;
            } else if (t == Comma && depth == 0) {
                out.add(new int[] {from, i});
                from = i + 1;
            }
        }
        if (close > open + 1) {
            out.add(new int[] {from, close});
        }
        out.removeIf(r -> r[1] <= r[0]);
        return out;
    }

    /** The function name when the header does not parse: the identifier before the first '('. */
    static Token guessName(List<Token> toks, int lo, int hi) {
        for (int i = lo; i + 1 < hi; i++) {
            if (toks.get(i).getType() == Identifier && toks.get(i + 1).getType() == LeftParen) {
                return toks.get(i);
            }
        }
        return null;
    }

    static boolean hasStatic(List<Token> toks, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            if (toks.get(i).getType() == Static) {
                return true;
            }
        }
        return false;
    }

    /** End (exclusive) of the simple statement starting at {@code i}: after its ';' at depth 0. */
    private int statementEnd(int i, int limit) {
        int depth = 0;
        for (int j = i; j < limit; j++) {
            int t = type(j);
            if (t == LeftParen || t == LeftBrace || t == LeftBracket) {
                depth++;
            } else if (t == RightParen || t == RightBrace || t == RightBracket) {
                if (--depth < 0) {
                    return j; // the enclosing block ends first
                }
            } else if (t == Semi && depth == 0) {
                return j + 1;
            }
        }
        return limit;
    }

    // ------------------------------------------------------------------ grammar on pieces

    private boolean antlrAllowed(int lo, int hi) {
        return !timedOut && hi > lo && CParser.maxDepth(toks, lo, hi) <= CParser.MAX_ANTLR_DEPTH;
    }

    private Stmt tryBlockItem(int lo, int hi) {
        if (!antlrAllowed(lo, hi)) {
            return null;
        }
        try {
            CParser.Attempt<KcParser.BlockItemEofContext> a = cp.attempt(toks.subList(lo, hi), KcParser::blockItemEof, deadline);
            return a.ok() ? cp.b.blockItem(a.tree().blockItem()) : null;
        } catch (TokStream.Timeout e) {
            timedOut = true;
            cp.problem(toks.get(lo), "parse time bound exceeded during recovery; rest kept as text");
            return null;
        }
    }

    /** The expression in tokens [lo, hi), or an opaque one. */
    private Expr expr(int lo, int hi) {
        if (hi <= lo) {
            return new Expr.Opaque(lo < toks.size() ? span(lo, lo + 1) : span(toks.size() - 1, toks.size()), "");
        }
        if (antlrAllowed(lo, hi)) {
            try {
                CParser.Attempt<KcParser.ExpressionEofContext> a = cp.attempt(toks.subList(lo, hi), KcParser::expressionEof, deadline);
                if (a.ok()) {
                    return cp.b.expr(a.tree().expression());
                }
            } catch (TokStream.Timeout e) {
                timedOut = true;
            }
        }
        return new Expr.Opaque(span(lo, hi), CParser.joinText(toks, lo, hi));
    }

    private Expr argument(int lo, int hi) {
        if (antlrAllowed(lo, hi)) {
            try {
                CParser.Attempt<KcParser.ArgumentEofContext> a = cp.attempt(toks.subList(lo, hi), KcParser::argumentEof, deadline);
                if (a.ok()) {
                    return cp.b.argument(a.tree().argument());
                }
            } catch (TokStream.Timeout e) {
                timedOut = true;
            }
        }
        return null;
    }

    /** Opaque statement over [lo, hi) with the calls found in it. */
    static Stmt.Opaque opaqueStmt(CParser cp, List<Token> toks, int lo, int hi, Span whole) {
        Recovery r = new Recovery(cp, toks, System.nanoTime());
        r.timedOut = true; // no grammar: this is the last resort
        return new Stmt.Opaque(hi > lo ? r.span(lo, hi) : whole, CParser.joinText(toks, lo, hi), r.calls(lo, hi));
    }

    private Stmt.Opaque opaque(int lo, int hi) {
        return new Stmt.Opaque(span(lo, hi), CParser.joinText(toks, lo, hi), calls(lo, hi));
    }

    /**
     * Every {@code name(args)} in [lo, hi). Arguments are parsed where possible; when one is not,
     * the scan goes on inside the call so that nested calls are found too.
     */
    List<Expr.Call> calls(int lo, int hi) {
        List<Expr.Call> out = new ArrayList<>();
        int i = lo;
        while (i < hi) {
            if (type(i) == Identifier && i + 1 < hi && type(i + 1) == LeftParen) {
                int close = matchParen(toks, i + 1, hi);
                if (close < 0) {
                    i++;
                    continue;
                }
                List<Expr> args = new ArrayList<>();
                boolean all = true;
                for (int[] r : splitArgs(toks, i + 1, close)) {
                    Expr a = argument(r[0], r[1]);
                    if (a == null) {
                        all = false;
                        a = new Expr.Opaque(span(r[0], r[1]), CParser.joinText(toks, r[0], r[1]));
                    }
                    args.add(a);
                }
                Token name = toks.get(i);
                out.add(new Expr.Call(span(i, close + 1), new Expr.Name(cp.b.span(name), name.getText()), List.copyOf(args)));
                i = all ? close + 1 : i + 2;
            } else {
                i++;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ skeleton

    /** The body whose '{' is at {@code open}; {@code end} is just after its '}' (or the chunk end). */
    Stmt.Block body(int open, int end) {
        int close = end - 1;
        if (close <= open || type(close) != RightBrace) {
            close = end;
        }
        return block(open, close, 0);
    }

    private Stmt.Block block(int open, int close, int depth) {
        List<Stmt> items = new ArrayList<>();
        int i = open + 1;
        while (i < close) {
            if (type(i) == RightBrace) {
                i++; // stray '}' (unbalanced conditional branches)
                continue;
            }
            int[] next = new int[1];
            items.add(statement(i, close, depth + 1, next));
            i = Math.max(next[0], i + 1);
        }
        return new Stmt.Block(span(open, Math.min(close + 1, toks.size())), List.copyOf(items));
    }

    /** Reads one statement at {@code i} (before {@code limit}); stores the index after it in {@code next[0]}. */
    private Stmt statement(int i, int limit, int depth, int[] next) {
        if (i >= limit || i >= toks.size()) {
            // The body ended where a statement was due (do, if without a body at the end of the chunk).
            next[0] = limit;
            Token prev = toks.get(Math.min(i, toks.size()) - 1);
            int col = prev.getCharPositionInLine() + 1 + prev.getText().length();
            return new Stmt.Empty(new Span(cp.file, prev.getLine(), col, prev.getLine(), col));
        }
        int t = type(i);
        if (depth > MAX_NESTING) {
            int e = limit;
            next[0] = e;
            return opaque(i, e);
        }
        switch (t) {
            case LeftBrace -> {
                int close = match(toks, i, limit, LeftBrace, RightBrace);
                if (close < 0) {
                    close = limit;
                }
                next[0] = close + 1;
                return block(i, close, depth);
            }
            case If -> {
                int close = type(i + 1) == LeftParen ? matchParen(toks, i + 1, limit) : -1;
                if (close < 0) {
                    break;
                }
                Expr cond = expr(i + 2, close);
                Stmt then = statement(close + 1, limit, depth + 1, next);
                Stmt otherwise = null;
                if (type(next[0]) == Else && next[0] < limit) {
                    otherwise = statement(next[0] + 1, limit, depth + 1, next);
                }
                return new Stmt.If(span(i, next[0]), cond, then, otherwise);
            }
            case Switch, While -> {
                int close = type(i + 1) == LeftParen ? matchParen(toks, i + 1, limit) : -1;
                if (close < 0) {
                    break;
                }
                Expr cond = expr(i + 2, close);
                Stmt body = statement(close + 1, limit, depth + 1, next);
                return t == Switch ? new Stmt.Switch(span(i, next[0]), cond, body)
                        : new Stmt.While(span(i, next[0]), cond, body);
            }
            case Do -> {
                Stmt body = statement(i + 1, limit, depth + 1, next);
                int w = next[0];
                if (type(w) == While && type(w + 1) == LeftParen) {
                    int close = matchParen(toks, w + 1, limit);
                    if (close > 0) {
                        Expr cond = expr(w + 2, close);
                        next[0] = type(close + 1) == Semi ? close + 2 : close + 1;
                        return new Stmt.DoWhile(span(i, next[0]), body, cond);
                    }
                }
                return new Stmt.DoWhile(span(i, next[0]), body, new Expr.Opaque(span(i, i + 1), ""));
            }
            case For -> {
                int close = type(i + 1) == LeftParen ? matchParen(toks, i + 1, limit) : -1;
                if (close < 0) {
                    break;
                }
                return forStmt(i, close, limit, depth, next);
            }
            case Case, Default -> {
                int colon = caseColon(i + 1, limit);
                if (colon < 0) {
                    break;
                }
                Stmt body = labelled(colon + 1, limit, depth, next);
                if (t == Default) {
                    return new Stmt.Default(span(i, next[0]), body);
                }
                int dots = -1;
                for (int k = i + 1; k < colon; k++) {
                    if (type(k) == Ellipsis) {
                        dots = k;
                        break;
                    }
                }
                Expr value = dots < 0 ? expr(i + 1, colon) : expr(i + 1, dots);
                Expr high = dots < 0 ? null : expr(dots + 1, colon);
                return new Stmt.Case(span(i, next[0]), value, high, body);
            }
            case Goto -> {
                int e = statementEnd(i, limit);
                next[0] = e;
                if (type(i + 1) == Identifier && type(i + 2) == Semi) {
                    return new Stmt.Goto(span(i, e), toks.get(i + 1).getText());
                }
                if (type(i + 1) == Star) {
                    return new Stmt.ComputedGoto(span(i, e), expr(i + 2, semiEnd(e)));
                }
                return opaque(i, e);
            }
            case Return -> {
                int e = statementEnd(i, limit);
                next[0] = e;
                int stop = semiEnd(e);
                return new Stmt.Return(span(i, e), stop > i + 1 ? expr(i + 1, stop) : null);
            }
            case Break, Continue -> {
                if (type(i + 1) == Semi) {
                    next[0] = i + 2;
                    return t == Break ? new Stmt.Break(span(i, i + 2)) : new Stmt.Continue(span(i, i + 2));
                }
            }
            case Identifier -> {
                if (type(i + 1) == Colon && type(i + 2) != Colon) {
                    Stmt body = labelled(i + 2, limit, depth, next);
                    return new Stmt.Labeled(span(i, next[0]), toks.get(i).getText(), body);
                }
                if (type(i + 1) == LeftParen) {
                    Stmt m = macroStmt(i, limit, depth, next);
                    if (m != null) {
                        return m;
                    }
                }
            }
            default -> {
            }
        }
        int e = statementEnd(i, limit);
        if (e <= i) {
            e = i + 1;
        }
        next[0] = e;
        Stmt s = tryBlockItem(i, e);
        return s != null ? s : opaque(i, e);
    }

    /** Index just before the ';' that ends [.., e), or e when there is none. */
    private int semiEnd(int e) {
        return e > 0 && type(e - 1) == Semi ? e - 1 : e;
    }

    /** The statement after a label's ':'; a label that ends its block wraps an empty statement. */
    private Stmt labelled(int i, int limit, int depth, int[] next) {
        if (i >= limit || type(i) == RightBrace) {
            next[0] = i;
            Token colon = toks.get(i - 1);
            int col = colon.getCharPositionInLine() + 2;
            return new Stmt.Empty(new Span(cp.file, colon.getLine(), col, colon.getLine(), col));
        }
        return statement(i, limit, depth + 1, next);
    }

    /** The ':' ending a case label, skipping '?:' and brackets. */
    private int caseColon(int i, int limit) {
        int depth = 0;
        int questions = 0;
        for (int j = i; j < limit; j++) {
            int t = type(j);
            if (t == LeftParen || t == LeftBracket) {
                depth++;
            } else if (t == RightParen || t == RightBracket) {
                depth--;
            } else if (t == Question) {
                questions++;
            } else if (t == Colon && depth == 0) {
                if (questions == 0) {
                    return j;
                }
                questions--;
            } else if (t == Semi || t == LeftBrace) {
                return -1;
            }
        }
        return -1;
    }

    private Stmt forStmt(int i, int close, int limit, int depth, int[] next) {
        int s1 = -1;
        int s2 = -1;
        int d = 0;
        for (int k = i + 2; k < close; k++) {
            int t = type(k);
            if (t == LeftParen || t == LeftBrace || t == LeftBracket) {
                d++;
            } else if (t == RightParen || t == RightBrace || t == RightBracket) {
                d--;
            } else if (t == Semi && d == 0) {
                if (s1 < 0) {
                    s1 = k;
                } else if (s2 < 0) {
                    s2 = k;
                }
            }
        }
        Stmt init = null;
        Expr cond = null;
        Expr step = null;
        if (s1 > 0 && s2 > 0) {
            if (s1 > i + 2) {
                init = tryBlockItem(i + 2, s1 + 1);
                if (init == null) {
                    init = opaque(i + 2, s1);
                }
            }
            cond = s2 > s1 + 1 ? expr(s1 + 1, s2) : null;
            step = close > s2 + 1 ? expr(s2 + 1, close) : null;
        } else {
            init = opaque(i + 2, close);
        }
        Stmt body = statement(close + 1, limit, depth + 1, next);
        return new Stmt.For(span(i, next[0]), init, cond, step, body);
    }

    /**
     * {@code NAME(args) statement}: an iterator or scope macro heading a statement. Taken when the
     * token after ')' starts a statement that cannot continue an expression, or NAME is a listed
     * iterator; otherwise null (an ordinary call statement).
     */
    private Stmt macroStmt(int i, int limit, int depth, int[] next) {
        int close = matchParen(toks, i + 1, limit);
        if (close < 0 || close + 1 >= limit) {
            return null;
        }
        int t = type(close + 1);
        boolean head = t == LeftBrace || t == Identifier || Preds.STMT_KW[t]
                || (cp.preds.isIterator(toks.get(i).getText()) && t != Semi && t != Comma && t != RightParen);
        if (!head) {
            return null;
        }
        List<Expr> args = new ArrayList<>();
        for (int[] r : splitArgs(toks, i + 1, close)) {
            Expr a = argument(r[0], r[1]);
            args.add(a != null ? a : new Expr.Opaque(span(r[0], r[1]), CParser.joinText(toks, r[0], r[1])));
        }
        Stmt body = statement(close + 1, limit, depth + 1, next);
        return new Stmt.MacroStmt(span(i, next[0]), toks.get(i).getText(), List.copyOf(args), body);
    }
}
