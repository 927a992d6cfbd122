package dev.pollcheck.parse;

import static dev.pollcheck.parse.gen.KcParser.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.Param;
import dev.pollcheck.model.ParseProblem;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.model.TypeRef;
import dev.pollcheck.parse.gen.KcLexer;
import dev.pollcheck.parse.gen.KcParser;

/**
 * Reads one C file (preprocessed by the source stage, or raw) into a {@link TranslationUnit}.
 *
 * <p>The file is lexed once; {@link Chunker} splits the tokens into external declarations, and each
 * is parsed on its own so that an error never spreads. A chunk is parsed with SLL prediction and a
 * bail-out strategy, then with full LL, and a function that still fails goes to {@link Recovery},
 * which keeps its control structure and calls. Nothing is thrown out of {@link #parse}: every
 * failure becomes a {@link ParseProblem}.
 *
 * <p>Not thread-safe: use one instance per thread (the lexer and parser are reused).
 */
public final class CParser {
    /** Chunks or statements nesting deeper than this skip ANTLR (bounded recursion). */
    static final int MAX_ANTLR_DEPTH = 256;
    private static final int MAX_PROBLEMS = 200;
    private static final int MAX_EXPANSION_DEPTH = 4;

    private final Known known;
    private final long boundNanos;
    private final java.time.Duration fileBound;
    /** When the file being parsed must be done (set by parse); every function's deadline is cut to it. */
    private long fileDeadline;
    private final KcLexer lexer = new KcLexer(null);
    private final KcParser parser = new KcParser(null);
    final Preds preds;
    final AstBuilder b = new AstBuilder();
    private final FirstError firstError = new FirstError();

    // State of the file being parsed.
    String file;
    private List<ParseProblem> problems;
    private Map<String, MacroDef> functionMacros;
    private Map<String, Boolean> fileAttributes;
    private int expansionDepth;

    public CParser(ParseConfig config) {
        this.known = Known.with(config);
        this.boundNanos = config.functionTimeBound().toNanos();
        this.fileBound = config.fileTimeBound();
        this.preds = new Preds(known);
        lexer.removeErrorListeners();
        parser.removeErrorListeners();
        parser.p = preds;
        parser.setBuildParseTree(true);
    }

    /**
     * Parses {@code text}. {@code wantBody} sees each function definition's raw text; a function it
     * refuses is returned with status SKIPPED and an empty body.
     */
    public TranslationUnit parse(String displayPath, String text, List<MacroDef> macros, Predicate<String> wantBody) {
        return parse(displayPath, text, macros, wantBody, d -> true);
    }

    /**
     * As {@link #parse(String, String, List, Predicate)}; {@code wantDeclaration} also sees each
     * file-scope declaration that is not a macro invocation, and one it refuses is left out unread
     * (a run that looks only for poll code need not parse a driver's tables).
     */
    public TranslationUnit parse(String displayPath, String text, List<MacroDef> macros, Predicate<String> wantBody,
                                 Predicate<String> wantDeclaration) {
        List<MacroDef> macroList = begin(displayPath, macros, wantDeclaration);
        List<TopLevel> items = new ArrayList<>();
        try {
            // Only what the run wants is lexed: the items are found once, and the lexer is put at each
            // wanted range (an unwanted function's header and braces, for its name, unless the header
            // is plain); raw text for the predicates and macro arguments comes from the source itself.
            char[] chars = text.toCharArray();
            ItemBlanker.Plan plan = ItemBlanker.plan(text, chars, ItemBlanker.items(chars, text), wantBody, wantDeclaration);
            bodyDecisions = plan.decisions();
            int[] lines = lineStarts(text);
            List<Token> toks = lex(tokens(chars, lines, plan.ranges()), true);
            learnTypedefs(toks, preds.fileTypes);
            parseChunks(toks, text, wantBody, items);
            if (!plan.skipped().isEmpty()) {
                // Functions not read at all: placed among the others by position.
                for (ItemBlanker.Skipped sk : plan.skipped()) {
                    items.add(skippedFunction(sk, text, lines));
                }
                items.sort(java.util.Comparator.comparingInt((TopLevel t) -> t.span().line())
                        .thenComparingInt(t -> t.span().column()));
            }
        } catch (Throwable t) {
            problem(1, 1, "internal parser error: " + t);
        }
        return new TranslationUnit(displayPath, List.copyOf(items), macroList, List.copyOf(problems));
    }

    /**
     * Parses only the items of {@code outline} (found in {@code text}) that the predicates accept:
     * {@code wantBody} sees each function definition, {@code wantDeclaration} every file-scope
     * declaration (typedefs and macro invocations too), each once. The unit holds those items alone,
     * and nothing is lexed when there are none; only the chosen items are. The text's typedef names
     * are known to the parser whatever is read. For a reader that parses one text many times for
     * other items (the driver model): the cost is what it reads, not the file.
     */
    public TranslationUnit parseWanted(String displayPath, String text, List<MacroDef> macros, Outline outline,
                                       Predicate<Outline.Item> wantBody, Predicate<Outline.Item> wantDeclaration) {
        if (outline.text() != text && !outline.text().equals(text)) {
            throw new IllegalArgumentException("the outline is of another text");
        }
        List<MacroDef> macroList = macros == null ? List.of() : macros;
        List<int[]> ranges = new ArrayList<>();
        Map<Integer, Boolean> decisions = new HashMap<>();
        for (Outline.Item it : outline.items()) {
            boolean want;
            try {
                want = it.isBody() ? wantBody.test(it) : wantDeclaration.test(it);
            } catch (RuntimeException e) {
                want = true;   // reading too much only costs time
            }
            if (!want) continue;
            ranges.add(new int[] {it.at().start(), it.at().end() + 1});
            if (it.isBody()) decisions.put(it.at().bodyOpen(), true);
        }
        if (ranges.isEmpty()) return new TranslationUnit(displayPath, List.of(), macroList, List.of());
        begin(displayPath, macros, t -> true);
        List<TopLevel> items = new ArrayList<>();
        try {
            preds.fileTypes.addAll(outline.typedefNames(this));
            bodyDecisions = decisions;
            List<Token> toks = lex(outline, ranges, true);
            learnTypedefs(toks, preds.fileTypes);
            // The functions an expanded macro makes are read whole (the invocation was chosen).
            parseChunks(toks, text, t -> true, items);
        } catch (Throwable t) {
            problem(1, 1, "internal parser error: " + t);
        }
        return new TranslationUnit(displayPath, List.copyOf(items), macroList, List.copyOf(problems));
    }

    /** Resets the per-file state for a parse of {@code displayPath}; the macro list as given (never null). */
    private List<MacroDef> begin(String displayPath, List<MacroDef> macros, Predicate<String> wantDeclaration) {
        this.wantDeclaration = wantDeclaration;
        file = displayPath;
        b.file = displayPath;
        problems = new ArrayList<>();
        fileDeadline = System.nanoTime() + fileBound.toNanos();
        List<MacroDef> macroList = macros == null ? List.of() : macros;
        functionMacros = new HashMap<>();
        fileAttributes = new HashMap<>();
        for (MacroDef m : macroList) {
            learnMacro(m);
        }
        preds.fileTypes.clear();
        expansionDepth = 0;
        return macroList;
    }

    /** Chunks the tokens and parses each chunk, until the file's time bound. */
    private void parseChunks(List<Token> toks, String text, Predicate<String> wantBody, List<TopLevel> items) {
        List<Chunker.Chunk> chunks = Chunker.split(toks);
        for (int i = 0; i < chunks.size(); i++) {
            if (System.nanoTime() - fileDeadline > 0) {
                unparsedRest(toks, chunks.subList(i, chunks.size()), items);
                break;
            }
            parseChunk(toks, chunks.get(i), text, wantBody, items);
        }
    }

    /** The typedef names declared in the {@code ranges} of {@code outline} (lexed without reports). */
    Set<String> typedefsIn(Outline outline, List<int[]> ranges) {
        Set<String> out = new java.util.HashSet<>();
        learnTypedefs(lex(outline, ranges, false), out);
        return out;
    }

    // ------------------------------------------------------------------ problems

    void problem(int line, int column, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new ParseProblem(file, line, column, message));
        } else if (problems.size() == MAX_PROBLEMS) {
            problems.add(new ParseProblem(file, line, column, "too many problems; the rest are not reported"));
        }
    }

    /**
     * ANTLR's messages list every expected token and quote whole statements; keep them short enough
     * to read in a report.
     */
    static String tidy(String message) {
        if (message == null) {
            return "syntax error";
        }
        String m = message;
        int exp = m.indexOf("expecting {");
        if (exp >= 0 && m.length() - exp > 60) {
            int count = m.substring(exp).split(",").length;
            m = m.substring(0, exp) + "expecting one of " + count + " tokens";
        }
        int q = m.indexOf('\'');
        int q2 = m.lastIndexOf('\'');
        if (q >= 0 && q2 - q > 60) {
            m = m.substring(0, q + 58) + "..." + m.substring(q2);
        }
        return m;
    }

    void problem(Token t, String message) {
        problem(t.getLine(), t.getCharPositionInLine() + 1, message);
    }

    // ------------------------------------------------------------------ lexing

    private void learnMacro(MacroDef m) {
        String body = m.body() == null ? "" : m.body().strip();
        if (m.functionLike()) {
            functionMacros.put(m.name(), m);
            if (body.startsWith("__attribute__")) {
                fileAttributes.put(m.name(), true);
            }
        } else if (body.startsWith("__attribute__") || known.attributes.containsKey(body)
                || (body.isEmpty() && attributeSpelling(m.name()))) {
            // An object-like macro that expands to an attribute reads like one; so does an empty one
            // spelt like one (__devinit, DRV_SECTION), but not "#define dprintk" (a call would vanish).
            fileAttributes.put(m.name(), false);
        }
    }

    /**
     * Lexes {@code text} into the tokens the parser sees: comments, directives and attributes
     * ({@code __attribute__((...))}, attribute macros, {@code __extension__}) removed; stray
     * characters, unterminated comments and strings reported.
     */
    List<Token> lex(String text, boolean report) {
        return lex(text.toCharArray(), report);
    }

    private List<Token> lex(char[] chars, boolean report) {
        return lex(tokens(chars), report);
    }

    /** {@link #lex(char[], boolean)} of the {@code ranges} ([from, to) offsets, in order) of an outlined text only. */
    private List<Token> lex(Outline outline, List<int[]> ranges, boolean report) {
        return lex(tokens(outline, ranges), report);
    }

    private List<Token> lex(List<Token> all, boolean report) {
        List<Token> out = new ArrayList<>(all.size());
        int strays = 0;
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            int type = t.getType();
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                if (report && type == BlockComment && (t.getText().length() < 4 || !t.getText().endsWith("*/"))) {
                    problem(t, "unterminated comment");
                }
                continue;
            }
            if (type == Unknown) {
                if (report && strays++ == 0) {
                    problem(t, "stray character U+" + String.format("%04X", (int) t.getText().charAt(0))
                            + " ignored (file not UTF-8 or not C?)");
                }
                continue;
            }
            if (type == UnterminatedString) {
                if (report) {
                    problem(t, "unterminated string literal");
                }
                ((CommonToken) t).setType(StringLiteral);
            } else if (type == Identifier) {
                // Fix the text once: CommonToken would cut a new String from the input on every getText().
                String name = t.getText();
                ((CommonToken) t).setText(name);
                Boolean takesArgs = attributeArgs(name);
                if (takesArgs != null) {
                    boolean parens = takesArgs || name.startsWith("__attribute");
                    if (parens && i + 1 < all.size() && all.get(i + 1).getType() == LeftParen) {
                        i = skipParens(all, i + 1);
                    }
                    continue;
                }
            }
            out.add(t);
        }
        return out;
    }

    /**
     * All tokens of {@code chars}, as {@code getAllTokens} would give them, but with runs of blanks
     * stepped over here: after the blanker a file is mostly spaces, and ANTLR's lexer costs far more
     * per character than this loop. Lines and columns are kept as the lexer counts them (a new line
     * at each LF, one column per other character).
     */
    private List<Token> tokens(char[] chars) {
        CharArrayStream in = new CharArrayStream(chars, file);
        lexer.setInputStream(in);
        List<Token> out = new ArrayList<>();
        int n = chars.length;
        int p = 0;
        int line = 1;
        int column = 0;
        while (true) {
            for (; p < n; p++) {
                char c = chars[p];
                if (c == '\n') {
                    line++;
                    column = 0;
                } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B || c == 0xA0 || c == 0xFEFF) {
                    column++;
                } else {
                    break;
                }
            }
            if (p >= n) {
                return out;
            }
            in.seek(p);
            lexer.setLine(line);
            lexer.setCharPositionInLine(column);
            Token t = lexer.nextToken();
            if (t.getType() == Token.EOF) {
                return out;
            }
            out.add(t);
            p = in.index();
            line = lexer.getLine();
            column = lexer.getCharPositionInLine();
        }
    }

    /**
     * The tokens of the {@code ranges} of an outlined text, as {@link #tokens(char[])} would give them
     * for the text with everything else blank: the lexer is put at each range's start, with its line
     * and column from the outline, and never sees the rest.
     */
    private List<Token> tokens(Outline outline, List<int[]> ranges) {
        return tokens(outline.chars(), outline.lineStarts(), ranges);
    }

    /** {@link #tokens(Outline, List)} of a text's characters, given where its lines start. */
    private List<Token> tokens(char[] chars, int[] lineStarts, List<int[]> ranges) {
        CharArrayStream in = new CharArrayStream(chars, file);
        lexer.setInputStream(in);
        List<Token> out = new ArrayList<>();
        for (int[] r : ranges) {
            int p = r[0];
            int line = lineOf(lineStarts, p);
            int column = p - lineStarts[line - 1];
            while (true) {
                for (; p < r[1]; p++) {
                    char c = chars[p];
                    if (c == '\n') {
                        line++;
                        column = 0;
                    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B || c == 0xA0 || c == 0xFEFF) {
                        column++;
                    } else {
                        break;
                    }
                }
                if (p >= r[1]) break;
                in.seek(p);
                lexer.setLine(line);
                lexer.setCharPositionInLine(column);
                Token t = lexer.nextToken();
                if (t.getType() == Token.EOF) break;
                out.add(t);
                p = in.index();
                line = lexer.getLine();
                column = lexer.getCharPositionInLine();
            }
        }
        return out;
    }

    /** A leading underscore or no lower-case letter: how attribute macros are spelt. */
    static boolean attributeSpelling(String name) {
        if (name.startsWith("_")) {
            return true;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isLowerCase(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is an attribute macro (with or without arguments), or null. */
    private Boolean attributeArgs(String name) {
        if (name.startsWith("__")) {
            if (name.equals("__attribute__") || name.equals("__attribute")) {
                return true;
            }
            if (name.equals("__extension__")) {
                return false;
            }
        }
        Boolean k = known.attributes.get(name);
        return k != null ? k : fileAttributes.get(name);
    }

    /** Index of the ')' closing the '(' at {@code open} (only default-channel tokens count). */
    private static int skipParens(List<? extends Token> all, int open) {
        int depth = 0;
        for (int i = open; i < all.size(); i++) {
            Token t = all.get(i);
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (t.getType() == LeftParen) {
                depth++;
            } else if (t.getType() == RightParen && --depth == 0) {
                return i;
            }
        }
        return all.size() - 1;
    }

    /**
     * Learns typedef names from the file: for each {@code typedef ... ;} at file scope, the name of
     * each declarator ({@code (*name)} for function pointers, else the last identifier).
     */
    private static void learnTypedefs(List<Token> toks, Set<String> into) {
        int n = toks.size();
        int braces = 0;
        for (int i = 0; i < n; i++) {
            int t = toks.get(i).getType();
            if (t == LeftBrace) {
                braces++;
            } else if (t == RightBrace) {
                braces = Math.max(0, braces - 1);
            } else if (t == Typedef) {
                int depth = 0;
                String last = null;
                String funcPtr = null;
                int j = i + 1;
                for (; j < n; j++) {
                    int u = toks.get(j).getType();
                    if (u == LeftParen || u == LeftBrace || u == LeftBracket) {
                        depth++;
                    } else if (u == RightParen || u == RightBrace || u == RightBracket) {
                        depth--;
                    } else if (depth <= 0 && (u == Semi || u == Comma)) {
                        String name = funcPtr != null ? funcPtr : last;
                        if (name != null) {
                            into.add(name);
                        }
                        last = null;
                        funcPtr = null;
                        if (u == Semi) {
                            break;
                        }
                    } else if (u == Identifier) {
                        if (depth == 0) {
                            last = toks.get(j).getText();
                        } else if (funcPtr == null && depth == 1 && toks.get(j - 1).getType() == Star
                                && j + 1 < n && toks.get(j + 1).getType() == RightParen) {
                            funcPtr = toks.get(j).getText();
                        }
                    }
                    if (depth < 0) {
                        break;
                    }
                }
                if (braces == 0) {
                    i = Math.max(i, j);
                }
            }
        }
    }

    // ------------------------------------------------------------------ ANTLR runs

    /** Records the first syntax error of a full-LL run. */
    private static final class FirstError extends BaseErrorListener {
        Token token;
        int line;
        int column;
        String message;

        void reset() {
            message = null;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> r, Object offending, int line, int col, String msg, RecognitionException e) {
            if (message == null) {
                this.line = line;
                this.column = col + 1;
                this.message = msg;
            }
        }
    }

    /**
     * Full LL stops at the first error too: the message is reported as ANTLR's default strategy
     * words it, but no recovery is attempted (it is slow, and its tree would not be used).
     */
    private static final class ReportAndBail extends DefaultErrorStrategy {
        @Override
        public void recover(Parser recognizer, RecognitionException e) {
            reportError(recognizer, e);
            throw new ParseCancellationException(e);
        }

        @Override
        public Token recoverInline(Parser recognizer) {
            InputMismatchException e = new InputMismatchException(recognizer);
            reportError(recognizer, e);
            throw new ParseCancellationException(e);
        }

        @Override
        public void sync(Parser recognizer) {
        }
    }

    /** The outcome of trying a grammar rule on a token range. */
    record Attempt<T extends ParserRuleContext>(T tree, int line, int column, String error) {
        boolean ok() {
            return tree != null;
        }
    }

    /**
     * Runs {@code rule} over {@code tokens}: SLL with bail-out, then full LL. The tree is returned
     * only when the whole range matched without a syntax error. Throws {@link TokStream.Timeout}
     * after {@code deadline}.
     */
    <T extends ParserRuleContext> Attempt<T> attempt(List<Token> tokens, Function<KcParser, T> rule, long deadline) {
        TokStream ts = new TokStream(tokens, deadline);
        preds.attach(ts);
        parser.setTokenStream(ts);
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return new Attempt<>(rule.apply(parser), 0, 0, null);
        } catch (ParseCancellationException | RecognitionException e) {
            // fall through to full LL
        }
        ts.seek(0);
        parser.reset();
        parser.setTokenStream(ts);
        parser.setErrorHandler(new ReportAndBail());
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        firstError.reset();
        parser.addErrorListener(firstError);
        try {
            T tree = rule.apply(parser);
            if (firstError.message == null) {
                return new Attempt<>(tree, 0, 0, null);
            }
            return new Attempt<>(null, firstError.line, firstError.column, tidy(firstError.message));
        } catch (ParseCancellationException | RecognitionException e) {
            if (firstError.message != null) {
                return new Attempt<>(null, firstError.line, firstError.column, tidy(firstError.message));
            }
            Token t = ts.LT(1);
            return new Attempt<>(null, t.getLine(), t.getCharPositionInLine() + 1, tidy(e.getMessage()));
        } finally {
            parser.removeErrorListeners();
        }
    }

    /**
     * The deadline for parsing {@code tokens} tokens: the configured bound, stretched for very large
     * items (a 1 MB table needs more than the bound of an ordinary function, and gets it).
     */
    private long deadline(int tokens) {
        long own = System.nanoTime() + boundNanos * (1 + tokens / 50_000);
        return own - fileDeadline < 0 ? own : fileDeadline;
    }

    /**
     * The file's time bound ran out before {@code rest}: its functions are kept by name (FAILED, so
     * that the statistics show them) and one notice says how much was left.
     */
    private static final String TIME_BOUND = "time bound per file (";

    /** Whether {@code p} says that parsing stopped at the file's time bound. */
    public static boolean isTimeBoundNotice(ParseProblem p) {
        return p.message().startsWith(TIME_BOUND);
    }

    private void unparsedRest(List<Token> toks, List<Chunker.Chunk> rest, List<TopLevel> out) {
        String bound = fileBound.toMillis() < 1000 ? fileBound.toMillis() + " ms" : fileBound.toSeconds() + " s";
        problem(toks.get(rest.get(0).start()), TIME_BOUND + bound + ") reached: the "
                + rest.size() + " items from here on are not parsed");
        for (Chunker.Chunk c : rest) {
            if (c.kind() != Chunker.Kind.FUNCTION) {
                continue;
            }
            Span sp = b.span(toks.get(c.start()), toks.get(c.end() - 1));
            Header h = skippedHeader(toks, c);
            Span bodySpan = b.span(toks.get(c.body()), toks.get(c.end() - 1));
            out.add(new TopLevel.Function(sp, h == null ? sp : h.nameSpan, h == null ? "" : h.name, TypeRef.UNKNOWN,
                    List.of(), h != null && h.isStatic, new Stmt.Block(bodySpan, List.of()), ParseStatus.FAILED));
        }
    }

    static int maxDepth(List<Token> toks, int lo, int hi) {
        int depth = 0;
        int max = 0;
        for (int i = lo; i < hi; i++) {
            int t = toks.get(i).getType();
            if (t == LeftParen || t == LeftBrace || t == LeftBracket) {
                max = Math.max(max, ++depth);
            } else if (t == RightParen || t == RightBrace || t == RightBracket) {
                depth--;
            }
        }
        return max;
    }

    // ------------------------------------------------------------------ chunks

    private void parseChunk(List<Token> toks, Chunker.Chunk c, String text, Predicate<String> wantBody, List<TopLevel> out) {
        try {
            switch (c.kind()) {
                case FUNCTION -> out.add(function(toks, c, text, wantBody));
                case DECLARATION -> declaration(toks, c, text, wantBody, out);
            }
        } catch (StackOverflowError e) {
            Token t = toks.get(c.start());
            problem(t, "nesting too deep to parse");
            out.add(fallback(toks, c));
        } catch (RuntimeException e) {
            Token t = toks.get(c.start());
            problem(t, "internal parser error: " + describe(e));
            out.add(fallback(toks, c));
        }
    }

    /** An unexpected exception with the place it came from, for the problem report. */
    private static String describe(Throwable e) {
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().startsWith("dev.pollcheck.")) {
                return e + " at " + f.getClassName().replaceAll(".*\\.", "") + ":" + f.getLineNumber();
            }
        }
        return e.toString();
    }

    /** What a chunk becomes when everything else failed. */
    private TopLevel fallback(List<Token> toks, Chunker.Chunk c) {
        Span sp = b.span(toks.get(c.start()), toks.get(c.end() - 1));
        if (c.kind() == Chunker.Kind.FUNCTION) {
            Token name = Recovery.guessName(toks, c.start(), c.body());
            Stmt.Block body = new Stmt.Block(b.span(toks.get(c.body()), toks.get(c.end() - 1)),
                    List.of(new Stmt.Opaque(b.span(toks.get(c.body()), toks.get(c.end() - 1)), "", List.of())));
            return new TopLevel.Function(sp, name == null ? sp : b.span(name), name == null ? "" : name.getText(),
                    TypeRef.UNKNOWN, List.of(), false, body, ParseStatus.FAILED);
        }
        return new TopLevel.Opaque(sp, joinText(toks, c.start(), c.end()));
    }

    static String joinText(List<Token> toks, int lo, int hi) {
        StringBuilder sb = new StringBuilder();
        for (int i = lo; i < hi; i++) {
            if (i > lo) {
                sb.append(' ');
            }
            sb.append(toks.get(i).getText());
        }
        return sb.toString();
    }

    private static String rawText(String text, List<Token> toks, int lo, int hi) {
        int from = toks.get(lo).getStartIndex();
        int to = toks.get(hi - 1).getStopIndex() + 1;
        if (from < 0 || to > text.length() || from > to) {
            return joinText(toks, lo, hi);
        }
        return text.substring(from, to);
    }

    /** Which file-scope declarations the run wants read. */
    private Predicate<String> wantDeclaration = d -> true;

    /** What {@link ItemBlanker} decided for each body of the file, by the offset of its brace. */
    private Map<Integer, Boolean> bodyDecisions = Map.of();

    private TopLevel.Function function(List<Token> toks, Chunker.Chunk c, String text, Predicate<String> wantBody) {
        Span sp = b.span(toks.get(c.start()), toks.get(c.end() - 1));
        boolean want;
        try {
            Boolean decided = expansionDepth == 0 && c.body() >= 0
                    ? bodyDecisions.get(toks.get(c.body()).getStartIndex()) : null;
            want = decided != null ? decided
                    : wantBody == null || wantBody.test(rawText(text, toks, c.start(), c.end()));
        } catch (RuntimeException e) {
            want = true;
        }
        long deadline = deadline(c.end() - c.start());
        if (want && maxDepth(toks, c.start(), c.end()) <= MAX_ANTLR_DEPTH) {
            try {
                Attempt<FunctionDefinitionEofContext> a =
                        attempt(toks.subList(c.start(), c.end()), KcParser::functionDefinitionEof, deadline);
                if (a.ok()) {
                    FunctionDefinitionEofContext f = a.tree();
                    Header h = header(f.declarationSpecifiers(), f.declarator());
                    if (h != null) {
                        return new TopLevel.Function(sp, h.nameSpan, h.name, h.returnType, h.params, h.isStatic,
                                b.block(f.compoundStatement()), ParseStatus.PARSED);
                    }
                } else {
                    problem(a.line(), a.column(), "function not fully parsed, recovering: " + a.error());
                }
            } catch (TokStream.Timeout e) {
                problem(toks.get(c.start()), "parse time bound exceeded, recovering");
            }
        } else if (want) {
            problem(toks.get(c.start()), "nesting deeper than " + MAX_ANTLR_DEPTH + ", recovering");
        }
        // Header on its own, then the body by recovery (or not at all). A function the run does not
        // want keeps only what resolving calls by name needs: its name and whether it is static
        // (parsing a header costs as much as a small body, and a kernel file has dozens).
        Header h = want ? parsedHeader(toks, c) : skippedHeader(toks, c);
        if (h == null) {
            Token name = Recovery.guessName(toks, c.start(), c.body());
            Span ns = name == null ? sp : b.span(name);
            h = new Header(name == null ? "" : name.getText(), ns, TypeRef.UNKNOWN, List.of(),
                    Recovery.hasStatic(toks, c.start(), c.body()));
        }
        Span bodySpan = b.span(toks.get(c.body()), toks.get(c.end() - 1));
        if (!want) {
            return new TopLevel.Function(sp, h.nameSpan, h.name, h.returnType, h.params, h.isStatic,
                    new Stmt.Block(bodySpan, List.of()), ParseStatus.SKIPPED);
        }
        Stmt.Block body;
        ParseStatus status = ParseStatus.RECOVERED;
        try {
            body = new Recovery(this, toks, deadline(c.end() - c.body())).body(c.body(), c.end());
        } catch (StackOverflowError | RuntimeException e) {
            problem(toks.get(c.body()), "control structure not recovered: " + describe(e));
            body = new Stmt.Block(bodySpan, List.of(Recovery.opaqueStmt(this, toks, c.body() + 1, c.end() - 1, bodySpan)));
            status = ParseStatus.FAILED;
        }
        return new TopLevel.Function(sp, h.nameSpan, h.name, h.returnType, h.params, h.isStatic, body, status);
    }

    private record Header(String name, Span nameSpan, TypeRef returnType, List<Param> params, boolean isStatic) {
    }

    /** A function the blanker removed whole, as the chunk of its tokens would have given it. */
    private TopLevel.Function skippedFunction(ItemBlanker.Skipped sk, String text, int[] lines) {
        // The lexer drops attribute macros (asmlinkage, __init...): a chunk starts after them.
        int start = sk.start();
        while (true) {
            int e = start;
            while (e < sk.nameAt() && (Character.isLetterOrDigit(text.charAt(e)) || text.charAt(e) == '_')) {
                e++;
            }
            if (e == start || e == sk.nameAt() || attributeArgs(text.substring(start, e)) == null) {
                break;
            }
            while (e < sk.nameAt() && Character.isWhitespace(text.charAt(e))) {
                e++;
            }
            start = e;
        }
        Span span = span(file, lines, start, sk.end() + 1);
        Span name = span(file, lines, sk.nameAt(), sk.nameAt() + sk.name().length());
        Span body = span(file, lines, sk.bodyOpen(), sk.end() + 1);
        return new TopLevel.Function(span, name, sk.name(), TypeRef.UNKNOWN, List.of(), sk.isStatic(),
                new Stmt.Block(body, List.of()), ParseStatus.SKIPPED);
    }

    /** Where each line of {@code text} starts (offsets; the first is 0). */
    static int[] lineStarts(String text) {
        int count = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            count++;
        }
        int[] starts = new int[count];
        int k = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts[k++] = i + 1;
        }
        return starts;
    }

    /** The 1-based line of offset {@code at}. */
    static int lineOf(int[] lineStarts, int at) {
        int i = java.util.Arrays.binarySearch(lineStarts, at);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The span of {@code [from, to)}, to on the same line as its last character. */
    private static Span span(String file, int[] lineStarts, int from, int to) {
        int a = lineOf(lineStarts, from);
        int b = lineOf(lineStarts, to - 1);
        return new Span(file, a, from - lineStarts[a - 1] + 1, b, to - lineStarts[b - 1] + 1);
    }

    /**
     * Name and storage class of a function that is not parsed: the last name before a parenthesis
     * outside parentheses that is not spelt like an attribute macro, else the last such name
     * ({@code int __printf(1, 2) log(const char *f, ...) LOCKS(x)} is {@code log}).
     */
    private Header skippedHeader(List<Token> toks, Chunker.Chunk c) {
        Token name = null;
        Token attributeLike = null;
        int depth = 0;
        for (int i = c.start(); i + 1 < c.body(); i++) {
            int t = toks.get(i).getType();
            if (t == LeftParen) {
                depth++;
            } else if (t == RightParen) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && t == Identifier && toks.get(i + 1).getType() == LeftParen) {
                if (attributeSpelling(toks.get(i).getText())) {
                    attributeLike = toks.get(i);
                } else {
                    name = toks.get(i);
                }
            }
        }
        if (name == null) {
            name = attributeLike;
        }
        if (name == null) {
            return null;
        }
        return new Header(name.getText(), b.span(name), TypeRef.UNKNOWN, List.of(),
                Recovery.hasStatic(toks, c.start(), c.body()));
    }

    /** The header of a function chunk parsed on its own, or null. */
    private Header parsedHeader(List<Token> toks, Chunker.Chunk c) {
        try {
            Attempt<FunctionHeaderEofContext> a = attempt(toks.subList(c.start(), c.body()), KcParser::functionHeaderEof,
                    deadline(c.body() - c.start()));
            return a.ok() ? header(a.tree().declarationSpecifiers(), a.tree().declarator()) : null;
        } catch (TokStream.Timeout e) {
            return null;
        }
    }

    private Header header(DeclarationSpecifiersContext specs, DeclaratorContext d) {
        var name = AstBuilder.declaredName(d);
        if (name == null) {
            return null;
        }
        String spec = b.specText(specs);
        String ptr = d.pointer() == null ? "" : AstBuilder.text(d.pointer());
        TypeRef ret = new TypeRef(ptr.isEmpty() ? spec : spec.isEmpty() ? ptr : spec + " " + ptr);
        return new Header(name.getText(), b.span(name.getSymbol()), ret, List.copyOf(b.params(AstBuilder.functionPart(d))),
                b.isStatic(specs));
    }

    private void declaration(List<Token> toks, Chunker.Chunk c, String text, Predicate<String> wantBody, List<TopLevel> out) {
        int lo = c.start();
        int hi = c.end();
        long deadline = deadline(hi - lo);
        Span sp = b.span(toks.get(lo), toks.get(hi - 1));
        if (maxDepth(toks, lo, hi) > MAX_ANTLR_DEPTH) {
            problem(toks.get(lo), "nesting deeper than " + MAX_ANTLR_DEPTH + ", declaration kept as text");
            out.add(new TopLevel.Opaque(sp, joinText(toks, lo, hi)));
            return;
        }
        if (hi - lo == 1 && toks.get(lo).getType() == Identifier) {
            // A macro standing alone at file scope (TEST_HARNESS_MAIN at the end of a file).
            out.add(new TopLevel.MacroInvocation(sp, "", toks.get(lo).getText(), List.of()));
            return;
        }
        int s = lo;
        while (s < hi && (Preds.STORAGE[toks.get(s).getType()] || Preds.QUAL[toks.get(s).getType()])) {
            s++;
        }
        // [specifiers] NAME ( ... ) [;]: a macro invocation unless NAME is a type.
        if (s + 1 < hi && toks.get(s).getType() == Identifier && toks.get(s + 1).getType() == LeftParen
                && !preds.isKnownType(toks.get(s).getText())) {
            int close = Recovery.matchParen(toks, s + 1, hi);
            if (close > 0 && (close == hi - 1 || (close == hi - 2 && toks.get(hi - 1).getType() == Semi))) {
                macroInvocation(toks, lo, s, close, hi, sp, text, wantBody, deadline, out);
                return;
            }
        }
        if (expansionDepth == 0 && !wantDeclaration.test(rawText(text, toks, lo, hi))) {
            // The run wants poll code only and this declaration does not mention it: not read.
            return;
        }
        try {
            Attempt<ExternalDeclarationEofContext> a = attempt(toks.subList(lo, hi), KcParser::externalDeclarationEof, deadline);
            if (a.ok()) {
                for (ExternalDeclarationContext e : a.tree().externalDeclaration()) {
                    TopLevel t = externalDeclaration(e);
                    if (t != null) {
                        out.add(t);
                    }
                }
                return;
            }
            problem(a.line(), a.column(), "declaration not parsed: " + a.error());
        } catch (TokStream.Timeout e) {
            problem(toks.get(lo), "parse time bound exceeded, declaration kept as text");
        }
        out.add(new TopLevel.Opaque(sp, joinText(toks, lo, hi)));
    }

    private TopLevel externalDeclaration(ExternalDeclarationContext e) {
        if (e.asmStatement() != null) {
            return new TopLevel.Opaque(b.span(e), AstBuilder.text(e));
        }
        MacroDeclarationContext m = e.macroDeclaration();
        if (m != null) {
            if (m.braceInitializer() == null) {
                return new TopLevel.MacroInvocation(b.span(m), b.macroSpecifiers(m), m.Identifier().getText(),
                        b.args(m.argumentList()));
            }
            return new TopLevel.Declaration(b.span(m), new TypeRef(m.Identifier().getText()), List.of(b.macroVarDecl(m)), false);
        }
        DeclarationContext d = e.declaration();
        if (d == null) {
            return null;
        }
        if (d.staticAssert() != null) {
            return new TopLevel.Declaration(b.span(d), new TypeRef("_Static_assert"), List.of(), false);
        }
        return new TopLevel.Declaration(b.span(d), new TypeRef(b.specText(d.declarationSpecifiers())),
                List.copyOf(b.varDecls(d)), b.isTypedef(d.declarationSpecifiers()), b.definedTag(d.declarationSpecifiers()),
                b.memberTags(d.declarationSpecifiers()), b.enumerators(d.declarationSpecifiers()),
                b.enumeratorValues(d.declarationSpecifiers()));
    }

    private void macroInvocation(List<Token> toks, int lo, int nameAt, int close, int hi, Span sp, String text,
                                 Predicate<String> wantBody, long deadline, List<TopLevel> out) {
        String name = toks.get(nameAt).getText();
        MacroDef def = functionMacros.get(name);
        if (def != null && expansionDepth < MAX_EXPANSION_DEPTH) {
            List<TopLevel> expanded = expand(def, toks, lo, nameAt, close, sp, text, wantBody);
            if (expanded != null) {
                out.addAll(expanded);
                return;
            }
        }
        try {
            Attempt<MacroInvocationEofContext> a = attempt(toks.subList(lo, hi), KcParser::macroInvocationEof, deadline);
            if (a.ok()) {
                MacroInvocationEofContext m = a.tree();
                StringBuilder specs = new StringBuilder();
                for (DeclarationSpecifierContext d : m.declarationSpecifier()) {
                    if (specs.length() > 0) {
                        specs.append(' ');
                    }
                    specs.append(AstBuilder.text(d));
                }
                out.add(new TopLevel.MacroInvocation(sp, specs.toString(), name, b.args(m.argumentList())));
                return;
            }
        } catch (TokStream.Timeout e) {
            // kept with opaque arguments below
        }
        // Arguments that are not expressions: keep each as text.
        List<Expr> args = new ArrayList<>();
        for (int[] r : Recovery.splitArgs(toks, nameAt + 1, close)) {
            args.add(new Expr.Opaque(b.span(toks.get(r[0]), toks.get(r[1] - 1)), joinText(toks, r[0], r[1])));
        }
        out.add(new TopLevel.MacroInvocation(sp, joinText(toks, lo, nameAt), name, List.copyOf(args)));
    }

    /**
     * Expands a function-like macro of the same file textually and parses the expansion as
     * declarations. Every expanded token takes the position of the macro name; declarations keep
     * the invocation's span. Returns null when the expansion does not parse.
     */
    private List<TopLevel> expand(MacroDef def, List<Token> toks, int lo, int nameAt, int close, Span sp, String text,
                                  Predicate<String> wantBody) {
        List<int[]> ranges = Recovery.splitArgs(toks, nameAt + 1, close);
        List<String> args = new ArrayList<>();
        for (int[] r : ranges) {
            args.add(rawText(text, toks, r[0], r[1]));
        }
        String body = MacroExpander.substitute(def, args);
        if (body == null) {
            return null;
        }
        String prefix = rawText(text, toks, lo, nameAt + 1);
        prefix = prefix.substring(0, Math.max(0, prefix.length() - toks.get(nameAt).getText().length()));
        String expansion = prefix + body + ";";
        Token at = toks.get(nameAt);
        List<ParseProblem> saved = problems;
        problems = new ArrayList<>();
        expansionDepth++;
        try {
            List<Token> etoks = lex(expansion, false);
            int width = at.getStopIndex() - at.getStartIndex() + 1;
            for (int i = 0; i < etoks.size(); i++) {
                ExpandedToken et = new ExpandedToken(etoks.get(i), width);
                et.setLine(at.getLine());
                et.setCharPositionInLine(at.getCharPositionInLine());
                etoks.set(i, et);
            }
            List<TopLevel> out = new ArrayList<>();
            for (Chunker.Chunk c : Chunker.split(etoks)) {
                parseChunk(etoks, c, expansion, wantBody, out);
            }
            if (!problems.isEmpty()) {
                return null;
            }
            List<TopLevel> fixed = new ArrayList<>(out.size());
            for (TopLevel t : out) {
                if (t instanceof TopLevel.Declaration d) {
                    t = new TopLevel.Declaration(sp, d.baseType(), d.declarators(), d.typedef(), d.definesTag(), d.memberTags(),
                            d.enumerators(), d.enumeratorValues());
                } else if (t instanceof TopLevel.MacroInvocation mi) {
                    t = new TopLevel.MacroInvocation(sp, mi.specifiers(), mi.name(), mi.args());
                }
                fixed.add(t);
            }
            return fixed;
        } finally {
            expansionDepth--;
            problems = saved;
        }
    }

    /**
     * Parses the expansion of a macro invoked inside a function body (the same text the analysis
     * reads, see {@code flow.MacroText}): as an expression when it is one, else as one statement
     * ({@code do { ... } while (0)}). Every token stands at {@code at}, the invocation's name, so every
     * node lies inside the invocation. Null when the text parses as neither. Not thread-safe, as the
     * parser is not.
     */
    public dev.pollcheck.model.Node parseExpansion(String text, Span at) {
        b.file = at.file();
        if (functionMacros == null) {
            // No file parsed by this parser: the expansion is read with no macros and attributes of its own.
            functionMacros = new HashMap<>();
            fileAttributes = new HashMap<>();
        }
        long deadline = System.nanoTime() + boundNanos;
        List<ParseProblem> saved = problems;
        problems = new ArrayList<>();
        try {
            List<Token> etoks = lex(text, false);
            if (etoks.isEmpty()) {
                return null;
            }
            int width = Math.max(1, at.endLine() == at.line() ? at.endColumn() - at.column() : 1);
            for (int i = 0; i < etoks.size(); i++) {
                ExpandedToken et = new ExpandedToken(etoks.get(i), width);
                et.setLine(at.line());
                et.setCharPositionInLine(Math.max(0, at.column() - 1));
                etoks.set(i, et);
            }
            try {
                Attempt<ExpressionEofContext> e = attempt(etoks, KcParser::expressionEof, deadline);
                if (e.ok()) {
                    return b.expr(e.tree().expression());
                }
                List<Token> stmt = new ArrayList<>(etoks);
                if (stmt.get(stmt.size() - 1).getType() != Semi) {
                    CommonToken semi = new CommonToken(Semi, ";");
                    ExpandedToken et = new ExpandedToken(semi, width);
                    et.setLine(at.line());
                    et.setCharPositionInLine(Math.max(0, at.column() - 1));
                    stmt.add(et);
                }
                Attempt<BlockItemEofContext> s = attempt(stmt, KcParser::blockItemEof, deadline);
                return s.ok() ? b.blockItem(s.tree().blockItem()) : null;
            } catch (TokStream.Timeout e) {
                return null;
            }
        } finally {
            problems = saved;
        }
    }

    /**
     * A token of a macro expansion: it stands where the macro's name stands and is as wide as the
     * name, so every node built from it lies inside the invocation (its offsets still index the
     * expansion text, which the chunker and the raw-text readers need).
     */
    static final class ExpandedToken extends CommonToken {
        private static final long serialVersionUID = 1L;
        final int width;

        ExpandedToken(Token from, int width) {
            super(from);
            this.width = width;
        }
    }
}
