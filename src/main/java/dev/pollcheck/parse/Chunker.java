package dev.pollcheck.parse;

import static dev.pollcheck.parse.gen.KcParser.*;

import java.util.ArrayList;
import java.util.List;

import org.antlr.v4.runtime.Token;

/**
 * Splits a file's tokens into external declarations without parsing them, so that each can be
 * parsed (and fail) on its own. A chunk ends at a ';' outside any brackets, at the '}' closing a
 * function body, or after a file-scope macro invocation that has no ';' ({@code NAME(...)} alone,
 * the next token on a later line).
 */
final class Chunker {
    enum Kind { FUNCTION, DECLARATION }

    /** Tokens [start, end); for a function, {@code body} is the index of the body's '{'. */
    record Chunk(Kind kind, int start, int end, int body) {
    }

    private Chunker() {
    }

    static List<Chunk> split(List<Token> toks) {
        List<Chunk> out = new ArrayList<>();
        int n = toks.size();
        int i = 0;
        while (i < n) {
            int start = i;
            int parens = 0;
            int braces = 0;
            boolean assign = false;
            int firstClose = -1;
            int end = n;
            Kind kind = Kind.DECLARATION;
            int body = -1;
            for (int j = i; j < n; j++) {
                int t = toks.get(j).getType();
                if (t == LeftParen) {
                    parens++;
                } else if (t == RightParen) {
                    parens = Math.max(0, parens - 1);
                    if (parens == 0 && braces == 0) {
                        if (firstClose < 0) {
                            firstClose = j;
                        }
                        if (firstClose == j && loneMacroCall(toks, start, j)) {
                            end = j + 1;
                            break;
                        }
                    }
                } else if (t == LeftBrace) {
                    if (parens == 0 && braces == 0 && !assign && functionBodyStart(toks, start, j)) {
                        kind = Kind.FUNCTION;
                        body = j;
                        end = bodyEnd(toks, j);
                        break;
                    }
                    braces++;
                } else if (t == RightBrace) {
                    braces = Math.max(0, braces - 1);
                } else if (t == Semi && braces == 0) {
                    // Also with unbalanced parentheses: at file scope a ';' outside braces ends a declaration.
                    end = j + 1;
                    break;
                } else if (t == Assign && parens == 0 && braces == 0) {
                    assign = true;
                }
            }
            out.add(new Chunk(kind, start, end, body));
            i = end;
        }
        return out;
    }

    /** A '{' opens a function body when it follows ')' or ') NAME' (an unknown attribute macro). */
    private static boolean functionBodyStart(List<Token> toks, int start, int brace) {
        if (brace - 1 < start) {
            return false;
        }
        if (brace + 1 < toks.size()) {
            int first = toks.get(brace + 1).getType();
            if (first == Dot || first == LeftBracket) {
                return false; // define_machine(x) { .name = ... }: an initializer, not a body
            }
        }
        int prev = toks.get(brace - 1).getType();
        if (prev == RightParen) {
            return true;
        }
        return prev == Identifier && brace - 2 >= start && toks.get(brace - 2).getType() == RightParen
                && toks.get(brace - 1).getLine() == toks.get(brace - 2).getLine();
    }

    /**
     * Index after the '}' closing the body opened at {@code open}. A '}' in the first column ends
     * the body even when the braces do not balance (a conditional branch left an extra '{').
     */
    private static int bodyEnd(List<Token> toks, int open) {
        int depth = 0;
        int n = toks.size();
        for (int j = open; j < n; j++) {
            Token tok = toks.get(j);
            int t = tok.getType();
            if (t == LeftBrace) {
                depth++;
            } else if (t == RightBrace) {
                depth--;
                if (depth <= 0 || (tok.getCharPositionInLine() == 0 && startsNewItem(toks, j + 1))) {
                    return j + 1;
                }
            }
        }
        return n;
    }

    /**
     * Whether the token at {@code i} begins a new file-scope item after a '}' in the first column:
     * it stands in the first column itself and is not a label (labels are often written there).
     */
    private static boolean startsNewItem(List<Token> toks, int i) {
        if (i >= toks.size()) {
            return true;
        }
        Token t = toks.get(i);
        if (t.getCharPositionInLine() != 0) {
            return false;
        }
        int type = t.getType();
        if (type == Identifier) {
            return i + 1 >= toks.size() || toks.get(i + 1).getType() != Colon;
        }
        return Preds.STORAGE[type] || Preds.TYPE_KW[type] || Preds.QUAL[type] || type == StaticAssert;
    }

    /**
     * {@code [storage] NAME ( ... )} ending at {@code close}, followed by a token on a later line that
     * cannot continue a declaration: a macro invocation without ';'.
     */
    private static boolean loneMacroCall(List<Token> toks, int start, int close) {
        int s = start;
        while (s < close && Preds.STORAGE[toks.get(s).getType()]) {
            s++;
        }
        if (s + 1 >= close || toks.get(s).getType() != Identifier || toks.get(s + 1).getType() != LeftParen) {
            return false;
        }
        if (close + 1 >= toks.size()) {
            return true;
        }
        Token next = toks.get(close + 1);
        if (next.getLine() <= toks.get(close).getLine()) {
            return false;
        }
        int t = next.getType();
        return t == Identifier || t == RightBrace || Preds.STORAGE[t] || Preds.TYPE_KW[t] || Preds.QUAL[t]
                || t == StaticAssert;
    }
}
