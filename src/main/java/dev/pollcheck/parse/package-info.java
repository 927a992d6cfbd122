/**
 * Reading kernel C into the typed AST of {@code dev.pollcheck.model}.
 *
 * <p><b>Pipeline.</b> {@link dev.pollcheck.parse.CParser} lexes the whole file once with the ANTLR
 * lexer of {@code grammar/Kc.g4} (comments and {@code #} lines are skipped, so raw C works too), drops
 * attributes ({@code __attribute__((...))}, the attribute macros of {@code known.txt} and of the
 * {@link dev.pollcheck.parse.ParseConfig}, object-like macros of the file that expand to nothing or to
 * an attribute, {@code __extension__}), learns the file's typedef names, and splits the tokens into
 * external declarations ({@code Chunker}). Each chunk is parsed on its own: SLL prediction with a
 * bail-out strategy, then full LL; a function that still fails goes to {@code Recovery}, a
 * hand-written skeleton parser that keeps blocks, if/else, switch/case/default, loops, iterator
 * macros, goto/labels, return/break/continue, hands each simple statement back to the grammar, and
 * keeps what it refuses as {@link dev.pollcheck.model.Stmt.Opaque} with the calls found in it.
 *
 * <p><b>Typedef names without a symbol table</b> ({@code Preds}): an identifier among declaration
 * specifiers is a type when no type was given yet and a declarator can still follow; at block scope
 * a statement is a declaration when it starts with a type keyword, with {@code Name Name}, or with
 * {@code Name *... Name} followed by {@code ; = , [ )}; {@code (X)} is a cast for a known type (the
 * seeded table, {@code *_t}, the file's typedefs) or by shape ({@code (X *)}, {@code (X)} before an
 * operand that cannot follow a parenthesised expression). An unknown name is never assumed not to
 * be a type.
 *
 * <p><b>Macros by shape.</b> {@code NAME(args) stmt} heads a {@link dev.pollcheck.model.Stmt.MacroStmt}
 * when the token after {@code )} cannot continue an expression ({@code {}, a name, a statement
 * keyword) or NAME is a listed iterator ({@code known.txt}, a tree's {@code .clang-format}). At file
 * scope {@code [static] NAME(args);} and {@code NAME(args)} alone on its lines are
 * {@link dev.pollcheck.model.TopLevel.MacroInvocation}s, or the expansion of a function-like macro of
 * the same file when that expansion parses as declarations. Macro arguments may be types, designated
 * items, lone operators or jump statements.
 *
 * <p><b>Bounds.</b> Items nesting deeper than {@code CParser.MAX_ANTLR_DEPTH} skip ANTLR; each
 * function has the configured time bound (stretched for items of more than 50,000 tokens); nothing
 * is thrown out of {@code parse}: failures become {@link dev.pollcheck.model.ParseProblem}s.
 *
 * <p>Type spellings ({@link dev.pollcheck.model.TypeRef}) are the tokens joined by single spaces with
 * attributes dropped and struct bodies cut ({@code struct foo}); a {@code (void)} parameter list
 * gives no parameters. ANTLR types never leave this package.
 */
package dev.pollcheck.parse;
