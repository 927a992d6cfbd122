package dev.pollcheck.parse;

import static dev.pollcheck.parse.gen.KcParser.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Param;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TypeRef;
import dev.pollcheck.model.VarDecl;
import dev.pollcheck.parse.gen.KcParser;

/** Turns ANTLR parse trees into the model records. One instance per thread; set {@link #file} per file. */
final class AstBuilder {
    String file = "";

    // ------------------------------------------------------------------ spans and text

    Span span(Token start, Token stop) {
        if (stop == null || stop.getType() == Token.EOF || stop.getTokenIndex() < start.getTokenIndex()) {
            stop = start;
        }
        int width = stop instanceof CParser.ExpandedToken e ? e.width
                : Math.max(0, stop.getStopIndex() - stop.getStartIndex() + 1);
        return new Span(file, start.getLine(), start.getCharPositionInLine() + 1,
                stop.getLine(), stop.getCharPositionInLine() + 1 + width);
    }

    Span span(ParserRuleContext c) {
        return span(c.start, c.stop);
    }

    Span span(Token t) {
        return span(t, t);
    }

    /** The tokens of a subtree joined by single spaces. */
    static String text(ParseTree t) {
        StringBuilder sb = new StringBuilder();
        appendTokens(t, sb, null);
        return sb.toString();
    }

    /** Appends the subtree's tokens, skipping the token {@code skip} and declarator extensions (attributes). */
    private static void appendTokens(ParseTree t, StringBuilder sb, Token skip) {
        // Iterative so that deep trees cannot overflow the stack.
        List<ParseTree> stack = new ArrayList<>();
        stack.add(t);
        while (!stack.isEmpty()) {
            ParseTree n = stack.remove(stack.size() - 1);
            if (n instanceof TerminalNode tn) {
                Token tok = tn.getSymbol();
                if (tok == skip || tok.getType() == Token.EOF) {
                    continue;
                }
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(tok.getText());
            } else if (!(n instanceof DeclaratorExtensionContext)) {
                for (int i = n.getChildCount() - 1; i >= 0; i--) {
                    stack.add(n.getChild(i));
                }
            }
        }
    }

    private static String join(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : a + " " + b;
    }

    // ------------------------------------------------------------------ types and declarators

    /** The type part of declaration specifiers: type specifiers and qualifiers, struct bodies cut. */
    String specText(List<? extends ParserRuleContext> specs) {
        // An identifier spelt like an attribute macro (__myinit, LIBBPF_API) next to another type
        // specifier is an attribute: left out like the known ones.
        int typeSpecs = 0;
        for (ParserRuleContext c : specs) {
            if (c instanceof DeclarationSpecifierContext d && (d.typeSpecifier() != null || d.Identifier() != null)
                    || c instanceof SpecifierQualifierContext q && (q.typeSpecifier() != null || q.Identifier() != null)) {
                typeSpecs++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (ParserRuleContext c : specs) {
            TerminalNode id = c instanceof DeclarationSpecifierContext d ? d.Identifier()
                    : c instanceof SpecifierQualifierContext q ? q.Identifier() : null;
            if (id != null && typeSpecs > 1 && CParser.attributeSpelling(id.getText())) {
                continue;
            }
            if (c instanceof DeclarationSpecifierContext d) {
                if (d.storageClassSpecifier() != null || d.functionSpecifier() != null || d.alignmentSpecifier() != null) {
                    continue;
                }
                append(sb, d.typeSpecifier() != null ? typeSpecText(d.typeSpecifier()) : text(d));
            } else if (c instanceof SpecifierQualifierContext q) {
                if (q.alignmentSpecifier() != null) {
                    continue;
                }
                append(sb, q.typeSpecifier() != null ? typeSpecText(q.typeSpecifier()) : text(q));
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String s) {
        if (s.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(s);
    }

    private static String typeSpecText(TypeSpecifierContext t) {
        if (t.structOrUnionSpecifier() != null) {
            StructOrUnionSpecifierContext s = t.structOrUnionSpecifier();
            String kw = s.getChild(0).getText();
            return s.Identifier() != null ? kw + " " + s.Identifier().getText() : kw;
        }
        if (t.enumSpecifier() != null) {
            EnumSpecifierContext e = t.enumSpecifier();
            return e.Identifier() != null ? "enum " + e.Identifier().getText() : "enum";
        }
        return text(t);
    }

    /** The tag of a struct or union whose member list the specifiers spell out, else null. */
    String definedTag(DeclarationSpecifiersContext specs) {
        if (specs == null) return null;
        for (var c : specs.children == null ? List.<org.antlr.v4.runtime.tree.ParseTree>of() : specs.children) {
            if (c instanceof DeclarationSpecifierContext d && d.typeSpecifier() != null
                    && d.typeSpecifier().structOrUnionSpecifier() != null) {
                StructOrUnionSpecifierContext su = d.typeSpecifier().structOrUnionSpecifier();
                if (su.Identifier() != null && su.getChildCount() > 2 && "{".equals(su.getChild(2).getText())) {
                    return su.Identifier().getText();
                }
            }
        }
        return null;
    }

    /**
     * For a declaration that spells out a struct's members, each member whose type is a struct or
     * union (or a pointer to one) with that type's tag: {@code gdev -> gpio_device}. Members of an
     * anonymous struct or union inside are the outer struct's own. A member declared with an
     * anonymous struct or union type of its own ({@code struct { u32 flags; } kprobe_multi;}) has
     * that type, which no other declaration names: {@code TAG.member}, never a tag (a dot is no
     * identifier's), so its members are no named struct's.
     */
    java.util.Map<String, String> memberTags(DeclarationSpecifiersContext specs) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        String tag = specs == null ? null : definedTag(specs);
        if (tag == null) return out;
        for (DeclarationSpecifierContext d : specs.declarationSpecifier()) {
            if (d.typeSpecifier() != null && d.typeSpecifier().structOrUnionSpecifier() != null) {
                memberTags(d.typeSpecifier().structOrUnionSpecifier(), out, tag, 0);
            }
        }
        return out;
    }

    /** The type {@link #memberTags} gives member {@code member} of struct {@code tag} declared with an anonymous struct or union type. */
    public static String anonymousMemberType(String tag, String member) {
        return tag + "." + member;
    }

    private static void memberTags(StructOrUnionSpecifierContext su, java.util.Map<String, String> out, String tag, int depth) {
        if (depth > 4) return;
        for (StructDeclarationContext sd : su.structDeclaration()) {
            SpecifierQualifierListContext q = sd.specifierQualifierList();
            if (q == null) continue;
            StructOrUnionSpecifierContext inner = null;
            for (SpecifierQualifierContext sq : q.specifierQualifier()) {
                if (sq.typeSpecifier() != null && sq.typeSpecifier().structOrUnionSpecifier() != null) {
                    inner = sq.typeSpecifier().structOrUnionSpecifier();
                }
            }
            if (sd.structDeclaratorList() == null) {
                if (inner != null && inner.Identifier() == null) memberTags(inner, out, tag, depth + 1);
                continue;
            }
            if (inner == null) continue;
            boolean anonymous = inner.Identifier() == null;
            // Only a member list makes a type of its own: "struct { ... } m;", not a typedef'd name.
            if (anonymous && inner.structDeclaration().isEmpty()) continue;
            for (StructDeclaratorContext dc : sd.structDeclaratorList().structDeclarator()) {
                if (dc.declarator() == null) continue;
                TerminalNode name = declaredName(dc.declarator());
                if (name != null) {
                    out.put(name.getText(), anonymous ? anonymousMemberType(tag, name.getText()) : inner.Identifier().getText());
                }
            }
        }
    }

    /**
     * The enumerators of every enum whose list the specifiers spell out, an enum inside a struct's
     * member list included ({@code enum mode { mode_a, mode_b } m;}), in order.
     */
    List<String> enumerators(DeclarationSpecifiersContext specs) {
        List<String> out = new ArrayList<>();
        if (specs != null) enumerators(specs, out, 0);
        return out;
    }

    /** The initializers of the enumerators of {@link #enumerators(DeclarationSpecifiersContext)} that have one, as their tokens' text joined. */
    java.util.Map<String, String> enumeratorValues(DeclarationSpecifiersContext specs) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (specs != null) enumerators(specs, new ArrayList<>(), out, 0);
        return out;
    }

    private static void enumerators(org.antlr.v4.runtime.tree.ParseTree t, List<String> out, int depth) {
        enumerators(t, out, null, depth);
    }

    private static void enumerators(org.antlr.v4.runtime.tree.ParseTree t, List<String> out, java.util.Map<String, String> values,
                                    int depth) {
        if (t instanceof EnumeratorContext e) {
            if (e.Identifier() != null) {
                out.add(e.Identifier().getText());
                if (values != null && e.constantExpression() != null) {
                    values.putIfAbsent(e.Identifier().getText(), e.constantExpression().getText());
                }
            }
            return;
        }
        // Expressions and declarators hold no enum list; a struct's nests a few levels down.
        if (depth > 24 || t instanceof ConstantExpressionContext || t instanceof StructDeclaratorContext
                || t instanceof TerminalNode) {
            return;
        }
        for (int i = 0; i < t.getChildCount(); i++) enumerators(t.getChild(i), out, values, depth + 1);
    }

    boolean isTypedef(DeclarationSpecifiersContext specs) {
        return hasStorageClass(specs, Typedef);
    }

    boolean isStatic(DeclarationSpecifiersContext specs) {
        return hasStorageClass(specs, Static);
    }

    private static boolean hasStorageClass(DeclarationSpecifiersContext specs, int tokenType) {
        if (specs == null) {
            return false;
        }
        for (DeclarationSpecifierContext d : specs.declarationSpecifier()) {
            StorageClassSpecifierContext s = d.storageClassSpecifier();
            if (s != null && s.start.getType() == tokenType) {
                return true;
            }
        }
        return false;
    }

    String specText(DeclarationSpecifiersContext specs) {
        return specs == null ? "" : specText(specs.declarationSpecifier());
    }

    /** The identifier a declarator declares, or null for a nameless one. */
    static TerminalNode declaredName(DeclaratorContext d) {
        DirectDeclaratorContext dd = d.directDeclarator();
        while (true) {
            if (dd instanceof NameDirectContext n) {
                return n.Identifier();
            } else if (dd instanceof ParenDirectContext p) {
                dd = p.declarator().directDeclarator();
            } else if (dd instanceof ArrayDirectContext a) {
                dd = a.directDeclarator();
            } else if (dd instanceof VlaDirectContext v) {
                dd = v.directDeclarator();
            } else if (dd instanceof FuncDirectContext f) {
                dd = f.directDeclarator();
            } else {
                return null;
            }
        }
    }

    /** The parameter list applied directly to the declared name (the function's own), or null. */
    static FuncDirectContext functionPart(DeclaratorContext d) {
        DirectDeclaratorContext dd = d.directDeclarator();
        FuncDirectContext found = null;
        while (true) {
            if (dd instanceof FuncDirectContext f) {
                DirectDeclaratorContext inner = f.directDeclarator();
                if (inner instanceof NameDirectContext) {
                    return f;
                }
                if (inner instanceof ParenDirectContext p && p.declarator().pointer() == null) {
                    found = f;
                }
                dd = inner;
            } else if (dd instanceof ParenDirectContext p) {
                dd = p.declarator().directDeclarator();
            } else if (dd instanceof ArrayDirectContext a) {
                dd = a.directDeclarator();
            } else if (dd instanceof VlaDirectContext v) {
                dd = v.directDeclarator();
            } else {
                return found;
            }
        }
    }

    /** Full type of a declarator: the specifier text plus the declarator without its name. */
    TypeRef declType(String spec, DeclaratorContext d, TerminalNode name) {
        StringBuilder sb = new StringBuilder();
        appendTokens(d, sb, name == null ? null : name.getSymbol());
        return new TypeRef(join(spec, sb.toString()));
    }

    TypeRef typeName(TypeNameContext t) {
        String spec = specText(t.specifierQualifierList().specifierQualifier());
        return new TypeRef(t.abstractDeclarator() == null ? spec : join(spec, text(t.abstractDeclarator())));
    }

    List<Param> params(FuncDirectContext f) {
        List<Param> out = new ArrayList<>();
        if (f == null || f.parameterTypeList() == null) {
            return out;
        }
        List<ParameterDeclarationContext> ps = f.parameterTypeList().parameterList().parameterDeclaration();
        if (ps.size() == 1 && ps.get(0) instanceof AbstractParamContext a && a.abstractDeclarator() == null
                && a.getText().equals("void")) {
            return out; // (void): no parameters
        }
        for (ParameterDeclarationContext p : ps) {
            if (p instanceof NamedParamContext n) {
                TerminalNode name = declaredName(n.declarator());
                out.add(new Param(span(n), name == null ? null : name.getText(),
                        declType(specText(n.declarationSpecifiers()), n.declarator(), name)));
            } else if (p instanceof AbstractParamContext a) {
                String spec = specText(a.declarationSpecifiers());
                out.add(new Param(span(a), null,
                        new TypeRef(a.abstractDeclarator() == null ? spec : join(spec, text(a.abstractDeclarator())))));
            } else if (p instanceof LoneTypeParamContext l) {
                out.add(new Param(span(l), null, new TypeRef(l.getText())));
            }
        }
        return out;
    }

    List<VarDecl> varDecls(DeclarationContext d) {
        List<VarDecl> out = new ArrayList<>();
        if (d.declarationSpecifiers() == null || d.initDeclaratorList() == null) {
            return out;
        }
        String spec = specText(d.declarationSpecifiers());
        for (InitDeclaratorContext id : d.initDeclaratorList().initDeclarator()) {
            out.add(varDecl(spec, id));
        }
        return out;
    }

    private VarDecl varDecl(String spec, InitDeclaratorContext id) {
        TerminalNode name = declaredName(id.declarator());
        Expr init = id.initializer() == null ? null : initializer(id.initializer());
        return new VarDecl(span(id), name == null ? null : name.getText(), declType(spec, id.declarator(), name), init);
    }

    // ------------------------------------------------------------------ initializers

    Expr initializer(InitializerContext c) {
        if (c.braceInitializer() != null) {
            return initList(c.braceInitializer());
        }
        return assign(c.assignmentExpression());
    }

    Expr.InitList initList(BraceInitializerContext b) {
        return initList(span(b), b.initializerList());
    }

    private Expr.InitList initList(Span span, InitializerListContext l) {
        List<Expr.InitItem> items = new ArrayList<>();
        if (l != null) {
            for (ParseTree child : l.children) {
                if (child instanceof MacroItemContext mi) {
                    Token name = mi.Identifier().getSymbol();
                    Expr.Name callee = new Expr.Name(span(name), name.getText());
                    items.add(new Expr.InitItem(List.of(), mi.LeftParen() == null ? callee
                            : new Expr.Call(span(mi), callee, args(mi.argumentList()))));
                    continue;
                }
                if (!(child instanceof InitItemContext it)) {
                    continue;
                }
                List<Expr.Designator> ds = new ArrayList<>();
                DesignationContext dn = it.designation();
                if (dn != null) {
                    if (dn.designator().isEmpty()) {
                        ds.add(new Expr.FieldDesignator(dn.Identifier().getText()));
                    }
                    for (DesignatorContext d : dn.designator()) {
                        ds.add(designator(d));
                    }
                }
                items.add(new Expr.InitItem(List.copyOf(ds), initializer(it.initializer())));
            }
        }
        return new Expr.InitList(span, List.copyOf(items));
    }

    private Expr.Designator designator(DesignatorContext d) {
        if (d.Identifier() != null) {
            return new Expr.FieldDesignator(d.Identifier().getText());
        }
        List<ConstantExpressionContext> ce = d.constantExpression();
        return new Expr.IndexDesignator(cond(ce.get(0).conditionalExpression()),
                ce.size() > 1 ? cond(ce.get(1).conditionalExpression()) : null);
    }

    // ------------------------------------------------------------------ expressions

    Expr expr(ExpressionContext c) {
        List<AssignmentExpressionContext> as = c.assignmentExpression();
        if (as.size() == 1) {
            return assign(as.get(0));
        }
        List<Expr> es = new ArrayList<>(as.size());
        for (AssignmentExpressionContext a : as) {
            es.add(assign(a));
        }
        return new Expr.Comma(span(c), List.copyOf(es));
    }

    Expr assign(AssignmentExpressionContext c) {
        Expr left = cond(c.conditionalExpression());
        if (c.assignmentOperator() == null) {
            return left;
        }
        String op = c.assignmentOperator().getText();
        Expr.BinaryOp bop = op.equals("=") ? null : Expr.BinaryOp.ofSymbol(op.substring(0, op.length() - 1));
        return new Expr.Assign(span(c), bop, left, assign(c.assignmentExpression()));
    }

    Expr cond(ConditionalExpressionContext c) {
        Expr b = bin(c.binaryExpression());
        if (c.conditionalExpression() == null) {
            return b;
        }
        Expr then = c.expression() == null ? null : expr(c.expression());
        return new Expr.Conditional(span(c), b, then, cond(c.conditionalExpression()));
    }

    Expr bin(BinaryExpressionContext c) {
        if (c instanceof CastBinContext cb) {
            return cast(cb.castExpression());
        }
        BinContext b = (BinContext) c;
        return new Expr.Binary(span(b), Expr.BinaryOp.ofSymbol(b.op.getText()),
                bin(b.binaryExpression(0)), bin(b.binaryExpression(1)));
    }

    Expr cast(CastExpressionContext c) {
        if (c instanceof CastCastContext cc) {
            return new Expr.Cast(span(cc), typeName(cc.typeName()), cast(cc.castExpression()));
        }
        return unary(((UnaryCastContext) c).unaryExpression());
    }

    Expr unary(UnaryExpressionContext c) {
        if (c instanceof PostfixUnaryContext p) {
            return postfix(p.postfixExpression());
        }
        if (c instanceof PreIncUnaryContext p) {
            return new Expr.Unary(span(p), p.op.getType() == PlusPlus ? Expr.UnaryOp.PRE_INC : Expr.UnaryOp.PRE_DEC,
                    unary(p.unaryExpression()));
        }
        if (c instanceof OpUnaryContext o) {
            Expr.UnaryOp op = switch (o.op.getType()) {
                case And -> Expr.UnaryOp.ADDRESS;
                case Star -> Expr.UnaryOp.DEREF;
                case Plus -> Expr.UnaryOp.PLUS;
                case Minus -> Expr.UnaryOp.NEG;
                case Tilde -> Expr.UnaryOp.BIT_NOT;
                default -> Expr.UnaryOp.NOT;
            };
            return new Expr.Unary(span(o), op, cast(o.castExpression()));
        }
        if (c instanceof OpUnary2Context o) {
            return new Expr.Unary(span(o), o.op.getType() == Real ? Expr.UnaryOp.REAL : Expr.UnaryOp.IMAG,
                    cast(o.castExpression()));
        }
        if (c instanceof SizeofUnaryContext s) {
            SizeofOperandContext operand = s.sizeofOperand();
            String op = s.op.getText();
            if (operand.typeName() != null) {
                return new Expr.TypeQuery(span(s), op, typeName(operand.typeName()));
            }
            return new Expr.Unary(span(s), s.op.getType() == Sizeof ? Expr.UnaryOp.SIZEOF : Expr.UnaryOp.ALIGNOF,
                    unary(operand.unaryExpression()));
        }
        LabelAddrUnaryContext l = (LabelAddrUnaryContext) c;
        return new Expr.LabelAddress(span(l), l.Identifier().getText());
    }

    Expr postfix(PostfixExpressionContext c) {
        Expr e = primary(c.primaryExpression());
        Token start = c.start;
        for (PostfixOpContext op : c.postfixOp()) {
            Span sp = span(start, op.stop);
            if (op instanceof IndexOpContext i) {
                e = new Expr.Index(sp, e, expr(i.expression()));
            } else if (op instanceof CallOpContext call) {
                e = new Expr.Call(sp, e, args(call.argumentList()));
            } else if (op instanceof MemberOpContext m) {
                e = new Expr.Member(sp, e, m.Identifier().getText(), m.op.getType() == Arrow);
            } else {
                IncDecOpContext i = (IncDecOpContext) op;
                e = new Expr.Unary(sp, i.op.getType() == PlusPlus ? Expr.UnaryOp.POST_INC : Expr.UnaryOp.POST_DEC, e);
            }
        }
        return e;
    }

    List<Expr> args(ArgumentListContext l) {
        if (l == null) {
            return List.of();
        }
        List<Expr> out = new ArrayList<>();
        for (ArgumentContext a : l.argument()) {
            out.add(argument(a));
        }
        return List.copyOf(out);
    }

    Expr argument(ArgumentContext a) {
        if (a.typeName() != null) {
            return new Expr.TypeArg(span(a), typeName(a.typeName()));
        }
        if (!a.designator().isEmpty()) {
            // OPTS(type, name, .a = 1): a designated item passed to a macro.
            List<Expr.Designator> ds = new ArrayList<>();
            for (DesignatorContext d : a.designator()) {
                ds.add(designator(d));
            }
            return new Expr.InitList(span(a), List.of(new Expr.InitItem(List.copyOf(ds), initializer(a.initializer()))));
        }
        if (a.loneOperator() != null || a.jumpArgument() != null) {
            return new Expr.Opaque(span(a), text(a));
        }
        return assign(a.assignmentExpression());
    }

    /** The declared name of a macro declaration: the first argument, or the second when the first is a type. */
    VarDecl macroVarDecl(MacroDeclarationContext m) {
        List<Expr> args = args(m.argumentList());
        String name = null;
        for (Expr e : args) {
            if (e instanceof Expr.Name n) {
                name = n.id();
                break;
            }
            if (!(e instanceof Expr.TypeArg)) {
                break;
            }
        }
        Expr init = m.braceInitializer() == null ? null : initList(m.braceInitializer());
        return new VarDecl(span(m), name, new TypeRef(m.Identifier().getText()), init);
    }

    Expr.Call macroCall(MacroDeclarationContext m) {
        return new Expr.Call(span(m.Identifier().getSymbol(), m.RightParen().getSymbol()),
                new Expr.Name(span(m.Identifier().getSymbol()), m.Identifier().getText()), args(m.argumentList()));
    }

    String macroSpecifiers(MacroDeclarationContext m) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < m.getChildCount(); i++) {
            ParseTree ch = m.getChild(i);
            if (ch instanceof StorageClassSpecifierContext || ch instanceof TypeQualifierContext) {
                append(sb, ch.getText());
            }
        }
        return sb.toString();
    }

    Expr primary(PrimaryExpressionContext c) {
        if (c instanceof NamePrimaryContext || c instanceof PpNumberPrimaryContext) {
            return new Expr.Name(span(c), c.getText());
        }
        if (c instanceof IntPrimaryContext i) {
            String t = i.getText();
            return new Expr.IntConst(span(i), t, intValue(t));
        }
        if (c instanceof FloatPrimaryContext f) {
            return new Expr.FloatConst(span(f), f.getText());
        }
        if (c instanceof CharPrimaryContext ch) {
            String t = ch.getText();
            return new Expr.CharConst(span(ch), t, charValue(t));
        }
        if (c instanceof StringPrimaryContext s) {
            return new Expr.StringConst(span(s), text(s));
        }
        if (c instanceof StmtExprPrimaryContext se) {
            return new Expr.StmtExpr(span(se), block(se.compoundStatement()));
        }
        if (c instanceof CompoundLiteralPrimaryContext cl) {
            return new Expr.CompoundLiteral(span(cl), typeName(cl.typeName()),
                    initList(span(cl.LeftBrace().getSymbol(), cl.stop), cl.initializerList()));
        }
        if (c instanceof ParenPrimaryContext p) {
            return expr(p.expression());
        }
        return new Expr.Opaque(span(c), text(c));
    }

    /** The value of an integer constant: hex, octal, binary, decimal, any suffix; low 64 bits. */
    static long intValue(String text) {
        int end = text.length();
        while (end > 0 && "uUlL".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        String digits = text.substring(0, end);
        int radix = 10;
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            char c = digits.charAt(1);
            if (c == 'x' || c == 'X') {
                radix = 16;
                digits = digits.substring(2);
            } else if (c == 'b' || c == 'B') {
                radix = 2;
                digits = digits.substring(2);
            } else {
                radix = 8;
                digits = digits.substring(1);
            }
        }
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return java.lang.Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException e) {
            try {
                return new BigInteger(digits, radix).longValue();
            } catch (NumberFormatException e2) {
                return 0;
            }
        }
    }

    /** The value of a character constant; several characters are packed as GCC does. */
    static long charValue(String text) {
        int q = text.indexOf('\'');
        int end = text.lastIndexOf('\'');
        long value = 0;
        int i = q + 1;
        while (i < end) {
            char c = text.charAt(i++);
            long v;
            if (c != '\\' || i >= end) {
                v = c;
            } else {
                char e = text.charAt(i++);
                switch (e) {
                    case 'n' -> v = '\n';
                    case 't' -> v = '\t';
                    case 'r' -> v = '\r';
                    case 'a' -> v = 7;
                    case 'b' -> v = '\b';
                    case 'f' -> v = '\f';
                    case 'v' -> v = 11;
                    case 'e', 'E' -> v = 27;
                    case 'x' -> {
                        long x = 0;
                        while (i < end && Character.digit(text.charAt(i), 16) >= 0) {
                            x = x * 16 + Character.digit(text.charAt(i++), 16);
                        }
                        v = x;
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            long o = e - '0';
                            for (int n = 0; n < 2 && i < end && text.charAt(i) >= '0' && text.charAt(i) <= '7'; n++) {
                                o = o * 8 + (text.charAt(i++) - '0');
                            }
                            v = o;
                        } else {
                            v = e;
                        }
                    }
                }
            }
            value = (value << 8) | (v & 0xFF);
        }
        return value;
    }

    // ------------------------------------------------------------------ statements

    Stmt.Block block(CompoundStatementContext c) {
        List<Stmt> items = new ArrayList<>();
        for (BlockItemContext b : c.blockItem()) {
            items.add(blockItem(b));
        }
        // Labels before the closing brace: the last wraps an empty statement, each wraps the next.
        List<EndLabelContext> ends = c.endLabel();
        if (!ends.isEmpty()) {
            Stmt inner = null;
            for (int i = ends.size() - 1; i >= 0; i--) {
                EndLabelContext l = ends.get(i);
                Stmt body = inner != null ? inner : labeled(null, l.Colon().getSymbol());
                Span sp = span(l.start, c.RightBrace().getSymbol());
                if (l.Case() != null) {
                    List<ConstantExpressionContext> ce = l.constantExpression();
                    inner = new Stmt.Case(sp, cond(ce.get(0).conditionalExpression()),
                            ce.size() > 1 ? cond(ce.get(1).conditionalExpression()) : null, body);
                } else if (l.Default() != null) {
                    inner = new Stmt.Default(sp, body);
                } else {
                    inner = new Stmt.Labeled(sp, l.Identifier().getText(), body);
                }
            }
            items.add(inner);
        }
        return new Stmt.Block(span(c), List.copyOf(items));
    }

    Stmt blockItem(BlockItemContext b) {
        if (b.macroDeclaration() != null) {
            MacroDeclarationContext m = b.macroDeclaration();
            if (m.braceInitializer() == null) {
                return new Stmt.ExprStmt(span(b), macroCall(m));
            }
            return new Stmt.Decl(span(b), List.of(macroVarDecl(m)));
        }
        if (b.declaration() != null) {
            return new Stmt.Decl(span(b), List.copyOf(varDecls(b.declaration())),
                    isStatic(b.declaration().declarationSpecifiers()));
        }
        if (b.statement() != null) {
            return stmt(b.statement());
        }
        return new Stmt.Decl(span(b), List.of()); // __label__ names
    }

    private Stmt labeled(StatementContext s, Token colon) {
        if (s != null) {
            return stmt(s);
        }
        int col = colon.getCharPositionInLine() + 2;
        return new Stmt.Empty(new Span(file, colon.getLine(), col, colon.getLine(), col));
    }

    Stmt stmt(StatementContext c) {
        Span sp = span(c);
        if (c instanceof ExprStmtContext e) {
            return new Stmt.ExprStmt(sp, expr(e.expression()));
        }
        if (c instanceof BlockStmtContext b) {
            return block(b.compoundStatement());
        }
        if (c instanceof IfStmtContext i) {
            return new Stmt.If(sp, expr(i.expression()), stmt(i.statement(0)),
                    i.statement().size() > 1 ? stmt(i.statement(1)) : null);
        }
        if (c instanceof ReturnStmtContext r) {
            return new Stmt.Return(sp, r.expression() == null ? null : expr(r.expression()));
        }
        if (c instanceof MacroStmtContext m) {
            return new Stmt.MacroStmt(sp, m.Identifier().getText(), args(m.argumentList()), stmt(m.statement()));
        }
        if (c instanceof LabelStmtContext l) {
            return new Stmt.Labeled(sp, l.Identifier().getText(), labeled(l.statement(), l.Colon().getSymbol()));
        }
        if (c instanceof CaseStmtContext cs) {
            List<ConstantExpressionContext> ce = cs.constantExpression();
            return new Stmt.Case(sp, cond(ce.get(0).conditionalExpression()),
                    ce.size() > 1 ? cond(ce.get(1).conditionalExpression()) : null,
                    labeled(cs.statement(), cs.Colon().getSymbol()));
        }
        if (c instanceof DefaultStmtContext d) {
            return new Stmt.Default(sp, labeled(d.statement(), d.Colon().getSymbol()));
        }
        if (c instanceof SwitchStmtContext s) {
            return new Stmt.Switch(sp, expr(s.expression()), stmt(s.statement()));
        }
        if (c instanceof WhileStmtContext w) {
            return new Stmt.While(sp, expr(w.expression()), stmt(w.statement()));
        }
        if (c instanceof DoStmtContext d) {
            return new Stmt.DoWhile(sp, stmt(d.statement()), expr(d.expression()));
        }
        if (c instanceof DoMacroStmtContext d) {
            // do { ... } while_each_thread(g, t);  the macro supplies "while (cond)".
            Token name = d.Identifier().getSymbol();
            Expr.Call cond = new Expr.Call(span(name, d.RightParen().getSymbol()), new Expr.Name(span(name), name.getText()),
                    args(d.argumentList()));
            return new Stmt.DoWhile(sp, stmt(d.statement()), cond);
        }
        if (c instanceof ForStmtContext f) {
            return forStmt(sp, f);
        }
        if (c instanceof GotoStmtContext g) {
            return new Stmt.Goto(sp, g.Identifier().getText());
        }
        if (c instanceof ComputedGotoStmtContext g) {
            return new Stmt.ComputedGoto(sp, expr(g.expression()));
        }
        if (c instanceof ContinueStmtContext) {
            return new Stmt.Continue(sp);
        }
        if (c instanceof BreakStmtContext) {
            return new Stmt.Break(sp);
        }
        if (c instanceof AsmStmtContext a) {
            return asm(a.asmStatement());
        }
        return new Stmt.Empty(sp);
    }

    private Stmt forStmt(Span sp, ForStmtContext f) {
        Stmt init = null;
        ForInitContext fi = f.forInit();
        if (fi != null) {
            if (fi.expression() != null) {
                init = new Stmt.ExprStmt(span(fi), expr(fi.expression()));
            } else {
                List<VarDecl> ds = new ArrayList<>();
                if (fi.initDeclaratorList() != null) {
                    String spec = specText(fi.declarationSpecifiers());
                    for (InitDeclaratorContext id : fi.initDeclaratorList().initDeclarator()) {
                        ds.add(varDecl(spec, id));
                    }
                }
                init = new Stmt.Decl(span(fi), List.copyOf(ds));
            }
        }
        // The two optional expressions: tell them apart by the semicolons around them.
        Expr cond = null;
        Expr step = null;
        int semis = 0;
        for (int i = 0; i < f.getChildCount(); i++) {
            ParseTree ch = f.getChild(i);
            if (ch instanceof TerminalNode t && t.getSymbol().getType() == Semi) {
                semis++;
            } else if (ch instanceof ExpressionContext e) {
                if (semis == 1) {
                    cond = expr(e);
                } else if (semis == 2) {
                    step = expr(e);
                }
            }
        }
        return new Stmt.For(sp, init, cond, step, stmt(f.statement()));
    }

    Stmt.Asm asm(AsmStatementContext a) {
        List<String> labels = new ArrayList<>();
        boolean isGoto = false;
        for (AsmQualifierContext q : a.asmQualifier()) {
            isGoto |= q.start.getType() == Goto;
        }
        if (isGoto) {
            int colons = 0;
            for (BalancedContext b : a.balanced()) {
                Token t = b.start;
                if (b.getChildCount() == 1 && t.getType() == Colon) {
                    colons++;
                } else if (colons >= 4 && b.getChildCount() == 1 && t.getType() == Identifier) {
                    labels.add(t.getText());
                }
            }
        }
        return new Stmt.Asm(span(a), text(a), List.copyOf(labels));
    }
}
