package dev.pollcheck.parse;

import static dev.pollcheck.parse.gen.KcParser.*;

import java.util.HashSet;
import java.util.Set;

import org.antlr.v4.runtime.Token;

/**
 * The semantic predicates of the grammar: typedef names without a symbol table. Each looks only at
 * tokens around the current position (no string building except one hash lookup for a name), so
 * they are cheap enough to run during SLL prediction. The rules are documented per method; none of
 * them says "unknown name, so not a type".
 */
public final class Preds {
    private static final int MAX_TYPE = 256;
    static final boolean[] TYPE_KW = new boolean[MAX_TYPE];
    static final boolean[] QUAL = new boolean[MAX_TYPE];
    /** Storage classes and function specifiers: they may stand among type specifiers. */
    static final boolean[] STORAGE = new boolean[MAX_TYPE];
    /** Keywords that can only begin a statement. */
    static final boolean[] STMT_KW = new boolean[MAX_TYPE];
    /** Tokens that begin an operand: a cast "(X)" followed by one is a cast even for an unknown X. */
    static final boolean[] OPERAND_START = new boolean[MAX_TYPE];

    static {
        for (int t : new int[] {Void, Char, Short, Int, Long, Float, Double, SignedKw, Unsigned, Bool, Complex,
                Int128, AutoType, Float128, Struct, Union, Enum, TypeofKw}) {
            TYPE_KW[t] = true;
        }
        for (int t : new int[] {ConstKw, RestrictKw, VolatileKw, Atomic}) {
            QUAL[t] = true;
        }
        for (int t : new int[] {Typedef, Extern, Static, ThreadLocal, Auto, Register, InlineKw, Noreturn, Alignas}) {
            STORAGE[t] = true;
        }
        for (int t : new int[] {If, For, While, Do, Switch, Return, Goto, Break, Continue, Case, Default, AsmKw}) {
            STMT_KW[t] = true;
        }
        for (int t : new int[] {Identifier, PpNumber, IntegerConstant, FloatingConstant, CharacterConstant, StringLiteral,
                LeftBrace, Tilde, Not, Sizeof, AlignofKw}) {
            OPERAND_START[t] = true;
        }
    }

    private final Known known;
    /** Typedef names learnt from the file being parsed. */
    final Set<String> fileTypes = new HashSet<>();
    private TokStream s;

    Preds(Known known) {
        this.known = known;
    }

    void attach(TokStream stream) {
        s = stream;
    }

    // ------------------------------------------------------------------ helpers

    /** Type of LT(k) for k >= 1, LT(-k) for k < 0. */
    private int la(int k) {
        int i = s.index();
        return s.type(k > 0 ? i + k - 1 : i + k);
    }

    private Token lt(int k) {
        int i = s.index() + k - 1;
        return s.get(Math.min(i, s.types.length - 1));
    }

    boolean isKnownType(String name) {
        return name.endsWith("_t") || known.types.contains(name) || fileTypes.contains(name);
    }

    boolean isIterator(String name) {
        return known.iterators.contains(name);
    }

    private static boolean typeStart(int t) {
        return t >= 0 && t < MAX_TYPE && (TYPE_KW[t] || QUAL[t]);
    }

    private static boolean is(boolean[] set, int t) {
        return t >= 0 && t < MAX_TYPE && set[t];
    }

    /** Index just after the ')' matching the '(' at absolute index {@code open}, or -1. */
    private int afterClose(int open) {
        int depth = 0;
        int n = s.types.length;
        for (int i = open; i < n; i++) {
            int t = s.types[i];
            if (t == LeftParen) {
                depth++;
            } else if (t == RightParen) {
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (t == Token.EOF) {
                return -1;
            }
        }
        return -1;
    }

    /** Index of the '(' matching the ')' at absolute index {@code close}, or -1 (bounded scan). */
    private int openOf(int close, int open, int closeType) {
        int depth = 0;
        for (int i = close, stop = Math.max(0, close - 4000); i >= stop; i--) {
            int t = s.types[i];
            if (t == closeType) {
                depth++;
            } else if (t == open && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether a type specifier already stands among the specifiers before LT(1): scans back over
     * qualifiers and storage classes; an identifier, a type keyword, the '}' of a struct body or the
     * ')' of typeof(...) counts.
     */
    private boolean seenTypeSpecBefore() {
        int i = s.index() - 1;
        while (i >= 0) {
            int t = s.types[i];
            if (is(QUAL, t) || is(STORAGE, t)) {
                i--;
                continue;
            }
            if (is(TYPE_KW, t) || t == Identifier) {
                return true;
            }
            if (t == RightBrace) {
                int o = openOf(i, LeftBrace, RightBrace);
                if (o <= 0) {
                    return false;
                }
                int before = s.types[o - 1];
                return before == Struct || before == Union || before == Enum
                        || (before == Identifier && o >= 2
                        && (s.types[o - 2] == Struct || s.types[o - 2] == Union || s.types[o - 2] == Enum));
            }
            if (t == RightParen) {
                int o = openOf(i, LeftParen, RightParen);
                return o > 0 && (s.types[o - 1] == TypeofKw || s.types[o - 1] == Atomic);
            }
            return false;
        }
        return false;
    }

    // ------------------------------------------------------------------ predicates

    /**
     * LT(1) is an identifier among declaration specifiers: it is a type specifier when no type
     * specifier came before and what follows can still begin a declarator (an identifier, '*',
     * '(' '*', a qualifier) or ends an unnamed parameter / type name (')' ','). After a type it is
     * an unknown attribute-like macro when a name or (for attribute spellings) '*' follows, unless
     * the following name is the one spelt like an attribute. So {@code foo_t x;},
     * {@code char __myattr *buf}, {@code static int __myinit foo(void)} and {@code int x MY_ATTR;}
     * all give the right declared name.
     */
    public boolean isSpecIdent() {
        int t2 = la(2);
        if (seenTypeSpecBefore()) {
            // int __myinit foo(void): an unknown attribute-like macro between type and name. But in
            // int x __myattr; the second name is the attribute.
            if (t2 == Identifier) {
                String next = lt(2).getText();
                if (la(3) == LeftParen && !next.startsWith("__")) {
                    return true; // u16 IO_CONCAT(p, read16)(...): a name made by a macro
                }
                return !CParser.attributeSpelling(next) || CParser.attributeSpelling(lt(1).getText());
            }
            // void MY_IOMEM *base: only an attribute-like name can stand between the type and '*'.
            return t2 == Star && CParser.attributeSpelling(lt(1).getText());
        }
        if (t2 == Identifier || t2 == Star || t2 == RightParen || t2 == Comma || is(QUAL, t2)) {
            return true;
        }
        if (t2 == Colon) {
            return true; // an unnamed bit-field: u32 : 4;
        }
        if (is(TYPE_KW, t2) || is(STORAGE, t2)) {
            return true; // an unknown attribute-like macro before the type: LIBBPF_API struct x *f(void)
        }
        if (t2 == LeftParen) {
            return la(3) == Star;
        }
        return t2 == LeftBracket && isKnownType(lt(1).getText());
    }

    /** LT(1) begins a type name inside typeof(...) or _Alignas(...). */
    public boolean isTypeNameStart() {
        int t1 = la(1);
        if (typeStart(t1)) {
            return true;
        }
        if (t1 != Identifier) {
            return false;
        }
        if (isKnownType(lt(1).getText())) {
            return true;
        }
        int k = 2;
        while (la(k) == Star || is(QUAL, la(k))) {
            k++;
        }
        return k > 2 && la(k) == RightParen;
    }

    /**
     * LT(1) is '(' and a type name in parentheses follows (a cast, a compound literal, sizeof's
     * operand): a type keyword; {@code (X *)}; {@code (X)} for a known type X; or {@code (X)} followed
     * by something that can only be an operand (identifier, constant, string, '{', '~', '!').
     */
    public boolean isParenType() {
        if (la(1) != LeftParen) {
            return false;
        }
        int t2 = la(2);
        if (typeStart(t2)) {
            return true;
        }
        if (t2 != Identifier) {
            return false;
        }
        int k = 3;
        boolean stars = false;
        while (la(k) == Star || is(QUAL, la(k))) {
            stars |= la(k) == Star;
            k++;
        }
        if (la(k) != RightParen) {
            return isKnownType(lt(2).getText()) && (la(k) == LeftBracket || la(k) == LeftParen && la(k + 1) == Star);
        }
        if (stars || isKnownType(lt(2).getText())) {
            return true;
        }
        int next = la(k + 1);
        // (X)(unsigned long)p: the operand is itself a cast, so this is one too.
        return is(OPERAND_START, next) || (next == LeftParen && typeStart(la(k + 2)));
    }

    /**
     * A macro argument that is a type: a type keyword, {@code X *} (not an expression), or a known
     * type name standing alone.
     */
    public boolean isTypeArg() {
        int t1 = la(1);
        if (typeStart(t1)) {
            return true;
        }
        if (t1 != Identifier) {
            return false;
        }
        int k = 2;
        boolean stars = false;
        while (la(k) == Star || is(QUAL, la(k))) {
            stars |= la(k) == Star;
            k++;
        }
        int end = la(k);
        if (end != Comma && end != RightParen) {
            return false;
        }
        return stars || (k > 2) || isKnownType(lt(1).getText());
    }

    /**
     * An identifier after a complete declarator is an attribute-like macro; only names spelt like
     * one ({@code __cleanup_x(kfree)}, {@code MY_ALIGNED}) are taken, so that a statement such as
     * {@code a b c(x);} is not read as a declaration that hides the call.
     */
    public boolean isAttributeShape() {
        return CParser.attributeSpelling(lt(1).getText());
    }

    /** A binary operator standing alone as a macro argument: {@code CMP(a, <, b)}. */
    public boolean isLoneOperator() {
        int t2 = la(2);
        return t2 == Comma || t2 == RightParen;
    }

    /**
     * At block scope: is LT(1) the start of a declaration rather than an expression statement?
     * A type/storage/qualifier keyword; {@code Ident Ident}; {@code Ident *... Ident} followed by
     * {@code ; = , [ )} or an attribute-like identifier; a known type followed by a declarator
     * start. Never {@code foo(x);}.
     */
    public boolean looksLikeDeclaration() {
        int t1 = la(1);
        if (typeStart(t1) || is(STORAGE, t1) || t1 == StaticAssert) {
            return true;
        }
        if (t1 != Identifier) {
            return false;
        }
        int t2 = la(2);
        if (t2 == Identifier || is(QUAL, t2)) {
            return true;
        }
        if (t2 == Star) {
            int k = 3;
            while (la(k) == Star || is(QUAL, la(k))) {
                k++;
            }
            if (la(k) != Identifier) {
                return false;
            }
            int after = la(k + 1);
            return after == Semi || after == Assign || after == Comma || after == LeftBracket
                    || after == RightParen || after == Identifier;
        }
        if (t2 == LeftParen) {
            return la(3) == Star && isKnownType(lt(1).getText());
        }
        return false;
    }

    /**
     * LT(1) LT(2) is {@code Ident (} heading a statement: the tokens after the matching ')' begin a
     * statement that cannot continue an expression ('{', an identifier, a statement keyword), or
     * the name is a listed iterator macro.
     */
    public boolean isMacroStmt() {
        if (la(1) != Identifier || la(2) != LeftParen) {
            return false;
        }
        int after = afterClose(s.index() + 1);
        if (after < 0) {
            return false;
        }
        int t = s.type(after);
        if (t == LeftBrace || t == Identifier || is(STMT_KW, t)) {
            return true;
        }
        if (t == Token.EOF || t == Comma || t == RightParen || t == RightBrace || t == Colon) {
            return false;
        }
        return isIterator(lt(1).getText());
    }
}
