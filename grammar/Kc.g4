/*
 * C11 plus the GNU extensions and macro shapes found in unpreprocessed kernel driver code.
 *
 * The parser is never run on a whole file: dev.pollcheck.parse splits the token stream into
 * external declarations and parses each one through one of the *Eof entry rules. Attributes
 * (__attribute__((...)) and attribute macros) are removed from the token list before parsing, so
 * the grammar does not mention them except for the shape rule after a declarator.
 *
 * Typedef names are recognised without a symbol table: the predicates in Preds look at the
 * tokens around an identifier (see Preds for the rules). All predicates sit at the left edge of
 * an alternative and read LT(1) as the token where they are written, which is also what ANTLR
 * gives them during prediction.
 */
grammar Kc;

@parser::header {
import dev.pollcheck.parse.Preds;
}

@parser::members {
public Preds p;
}

// ---------------------------------------------------------------- entry points

functionDefinitionEof : declarationSpecifiers? declarator compoundStatement EOF ;
functionHeaderEof : declarationSpecifiers? declarator EOF ;
externalDeclarationEof : externalDeclaration* EOF ;
macroInvocationEof : declarationSpecifier* Identifier '(' argumentList? ')' ';'? EOF ;
blockItemEof : blockItem EOF ;
expressionEof : expression EOF ;
argumentEof : argument EOF ;

externalDeclaration
    : macroDeclaration
    | declaration
    | asmStatement
    | ';'
    ;

// ---------------------------------------------------------------- expressions

primaryExpression
    : Identifier                                                    # NamePrimary
    | PpNumber                                                      # PpNumberPrimary
    | IntegerConstant                                               # IntPrimary
    | FloatingConstant                                              # FloatPrimary
    | CharacterConstant                                             # CharPrimary
    | stringSeq                                                     # StringPrimary
    | '(' compoundStatement ')'                                     # StmtExprPrimary
    | {p.isParenType()}? '(' typeName ')' '{' initializerList? ','? '}'   # CompoundLiteralPrimary
    | '(' expression ')'                                            # ParenPrimary
    | '_Generic' '(' assignmentExpression (',' genericAssoc)+ ')'   # GenericPrimary
    ;

/* Adjacent string literals, with the macros that stand between them in kernel code
   (KERN_INFO "x", DRV_NAME ": y", "v" __stringify(N)). */
stringSeq
    : Identifier* StringLiteral stringPart*
    ;

stringPart
    : StringLiteral
    | Identifier ('(' argumentList? ')')?
    ;

genericAssoc
    : (typeName | 'default') ':' assignmentExpression
    ;

postfixExpression
    : primaryExpression postfixOp*
    ;

postfixOp
    : '[' expression ']'                       # IndexOp
    | '(' argumentList? ')'                    # CallOp
    | op=('.' | '->') Identifier               # MemberOp
    | op=('++' | '--')                         # IncDecOp
    ;

/* Macro arguments may be empty or trail a comma: DECLARE_OPTS(t, o, .a = 1,). */
argumentList
    : argument (',' argument?)*
    ;

/* Macro arguments may be types: container_of(p, struct foo, member), min_t(u32, a, b). */
argument
    : {p.isTypeArg()}? typeName
    | designator+ '=' initializer
    | assignmentExpression
    | {p.isLoneOperator()}? loneOperator
    | jumpArgument
    ;

/* PP_ASSERT_WITH_CODE(cond, "msg", return -EINVAL): a jump handed to a macro. */
jumpArgument
    : 'return' expression?
    | 'break'
    | 'continue'
    | 'goto' Identifier
    ;

/* V4L2_FRACT_COMPARE(a, <, b), ASSERTCMP(x, ==, y). */
loneOperator
    : '<' | '>' | '<=' | '>=' | '==' | '!=' | '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '&&' | '||'
    | '<<' | '>>' | '='
    ;

unaryExpression
    : postfixExpression                                           # PostfixUnary
    | op=('++' | '--') unaryExpression                            # PreIncUnary
    | op=('&' | '*' | '+' | '-' | '~' | '!') castExpression       # OpUnary
    | op=(Real | Imag) castExpression                 # OpUnary2
    | op=('sizeof' | AlignofKw) sizeofOperand                     # SizeofUnary
    | '&&' Identifier                                             # LabelAddrUnary
    ;

sizeofOperand
    : {p.isParenType()}? '(' typeName ')'
    | unaryExpression
    ;

castExpression
    : {p.isParenType()}? '(' typeName ')' castExpression          # CastCast
    | unaryExpression                                             # UnaryCast
    ;

/* One left-recursive rule for the binary operators: ANTLR turns it into precedence climbing. */
binaryExpression
    : castExpression                                              # CastBin
    | binaryExpression op=('*' | '/' | '%') binaryExpression      # Bin
    | binaryExpression op=('+' | '-') binaryExpression            # Bin
    | binaryExpression op=('<<' | '>>') binaryExpression          # Bin
    | binaryExpression op=('<' | '>' | '<=' | '>=') binaryExpression  # Bin
    | binaryExpression op=('==' | '!=') binaryExpression          # Bin
    | binaryExpression op='&' binaryExpression                    # Bin
    | binaryExpression op='^' binaryExpression                    # Bin
    | binaryExpression op='|' binaryExpression                    # Bin
    | binaryExpression op='&&' binaryExpression                   # Bin
    | binaryExpression op='||' binaryExpression                   # Bin
    ;

conditionalExpression
    : binaryExpression ('?' expression? ':' conditionalExpression)?
    ;

/* Looser than C (any conditional expression on the left) so that the choice needs one token. */
assignmentExpression
    : conditionalExpression (assignmentOperator assignmentExpression)?
    ;

assignmentOperator
    : '=' | '*=' | '/=' | '%=' | '+=' | '-=' | '<<=' | '>>=' | '&=' | '^=' | '|='
    ;

expression
    : assignmentExpression (',' assignmentExpression)*
    ;

constantExpression
    : conditionalExpression
    ;

// ---------------------------------------------------------------- declarations

declaration
    : declarationSpecifiers initDeclaratorList? ';'
    | staticAssert
    ;

declarationSpecifiers
    : declarationSpecifier+
    ;

declarationSpecifier
    : storageClassSpecifier
    | typeSpecifier
    | typeQualifier
    | functionSpecifier
    | alignmentSpecifier
    | {p.isSpecIdent()}? Identifier
    ;

initDeclaratorList
    : initDeclarator (',' initDeclarator)*
    ;

initDeclarator
    : declarator ('=' initializer)?
    ;

storageClassSpecifier
    : 'typedef' | 'extern' | 'static' | ThreadLocal | 'auto' | 'register'
    ;

typeSpecifier
    : 'void' | 'char' | 'short' | 'int' | 'long' | 'float' | 'double' | SignedKw | 'unsigned'
    | '_Bool' | Complex | '__int128' | '__auto_type' | '_Float128'
    | '_Atomic' '(' typeName ')'
    | structOrUnionSpecifier
    | enumSpecifier
    | typeofSpecifier
    ;

typeofSpecifier
    : TypeofKw '(' ({p.isTypeNameStart()}? typeName | expression) ')'
    ;

structOrUnionSpecifier
    : ('struct' | 'union') Identifier? '{' structDeclaration* '}'
    | ('struct' | 'union') Identifier
    ;

structDeclaration
    : specifierQualifierList structDeclaratorList? ';'
    | staticAssert
    | Identifier '(' argumentList? ')' ';'?
    | Identifier '(' (Identifier? ',')+ structDeclaration+ ')' ';'
    | ';'
    ;

specifierQualifierList
    : specifierQualifier+
    ;

specifierQualifier
    : typeSpecifier
    | typeQualifier
    | alignmentSpecifier
    | {p.isSpecIdent()}? Identifier
    ;

structDeclaratorList
    : structDeclarator (',' structDeclarator)*
    ;

structDeclarator
    : declarator (':' constantExpression)?
    | ':' constantExpression
    ;

enumSpecifier
    : 'enum' Identifier? '{' enumerator (',' enumerator)* ','? '}'
    | 'enum' Identifier
    ;

enumerator
    : Identifier ('=' constantExpression)?
    ;

typeQualifier
    : ConstKw | RestrictKw | VolatileKw | '_Atomic'
    ;

functionSpecifier
    : InlineKw | '_Noreturn'
    ;

alignmentSpecifier
    : '_Alignas' '(' ({p.isTypeNameStart()}? typeName | constantExpression) ')'
    ;

declarator
    : pointer? directDeclarator declaratorExtension*
    ;

/* After a complete declarator only an attribute-like macro or asm("name") can follow:
   struct foo *p __free(kfree) = NULL; with an attribute macro pollcheck does not know. */
declaratorExtension
    : {p.isAttributeShape()}? Identifier ('(' balanced* ')')?
    | AsmKw '(' balanced* ')'
    ;

directDeclarator
    : Identifier                                                          # NameDirect
    | '(' declarator ')'                                                  # ParenDirect
    | directDeclarator '[' typeQualifier* 'static'? assignmentExpression? ']'  # ArrayDirect
    | directDeclarator '[' typeQualifier* '*' ']'                         # VlaDirect
    | directDeclarator '(' parameterTypeList? ')'                         # FuncDirect
    ;

pointer
    : ('*' typeQualifier*)+
    ;

parameterTypeList
    : parameterList (',' '...')?
    ;

parameterList
    : parameterDeclaration (',' parameterDeclaration)*
    ;

parameterDeclaration
    : declarationSpecifiers declarator                   # NamedParam
    | declarationSpecifiers abstractDeclarator?          # AbstractParam
    | Identifier                                         # LoneTypeParam
    ;

typeName
    : specifierQualifierList abstractDeclarator?
    ;

abstractDeclarator
    : pointer
    | pointer? directAbstractDeclarator
    ;

directAbstractDeclarator
    : '(' abstractDeclarator ')'
    | '[' typeQualifier* assignmentExpression? ']'
    | '[' '*' ']'
    | '(' parameterTypeList? ')'
    | directAbstractDeclarator '[' typeQualifier* assignmentExpression? ']'
    | directAbstractDeclarator '(' parameterTypeList? ')'
    ;

initializer
    : assignmentExpression
    | braceInitializer
    ;

braceInitializer
    : '{' initializerList? ','? '}'
    ;

/* Kernel initializers omit the comma after macros that supply their own:
   { SET_RUNTIME_PM_OPS(a, b, c) SET_SYSTEM_SLEEP_PM_OPS(d, e) }, { FNAME("ip") OCTSTR, FIXD }. */
initializerList
    : initItem (',' initItem | macroItem)*
    ;

macroItem
    : Identifier ('(' argumentList? ')')?
    ;

initItem
    : designation? initializer
    ;

designation
    : designator+ '='?
    | Identifier ':'
    ;

designator
    : '[' constantExpression ('...' constantExpression)? ']'
    | '.' Identifier
    ;

staticAssert
    : StaticAssert '(' constantExpression (',' stringSeq)? ')' ';'?
    ;

// ---------------------------------------------------------------- statements

/* A label needs a statement, except right before the closing brace. Making the statement
   optional everywhere would make "case A: case B: x;" ambiguous, and a long case chain would then
   cost quadratic prediction time. */
compoundStatement
    : '{' blockItem* endLabel* '}'
    ;

endLabel
    : Identifier ':'
    | 'case' constantExpression ('...' constantExpression)? ':'
    | 'default' ':'
    ;

/* A declaration made by a macro: DECLARE_BITMAP(map, 64) = { 0 };  static const DECLARE_TLV_DB_RANGE(x, 0, 1, ...);
   define_machine(board) { .name = "x", };  (the macro supplies the '='). */
macroDeclaration
    : (storageClassSpecifier | typeQualifier)* Identifier '(' argumentList? ')' '='? braceInitializer ';'
    | (storageClassSpecifier | typeQualifier)+ Identifier '(' argumentList? ')' ';'
    ;

blockItem
    : macroDeclaration
    | {p.looksLikeDeclaration()}? declaration
    | '__label__' Identifier (',' Identifier)* ';'
    | statement
    ;

statement
    : Identifier ':' statement                                                # LabelStmt
    | 'case' constantExpression ('...' constantExpression)? ':' statement    # CaseStmt
    | 'default' ':' statement                                                # DefaultStmt
    | compoundStatement                                                      # BlockStmt
    | 'if' '(' expression ')' statement ('else' statement)?                  # IfStmt
    | 'switch' '(' expression ')' statement                                  # SwitchStmt
    | 'while' '(' expression ')' statement                                   # WhileStmt
    | 'do' statement 'while' '(' expression ')' ';'                          # DoStmt
    | 'do' statement Identifier '(' argumentList? ')' ';'                    # DoMacroStmt
    | 'for' '(' forInit? ';' expression? ';' expression? ')' statement       # ForStmt
    | 'goto' Identifier ';'                                                  # GotoStmt
    | 'goto' '*' expression ';'                                              # ComputedGotoStmt
    | 'continue' ';'                                                         # ContinueStmt
    | 'break' ';'                                                            # BreakStmt
    | 'return' expression? ';'                                               # ReturnStmt
    | asmStatement                                                           # AsmStmt
    | {p.isMacroStmt()}? Identifier '(' argumentList? ')' statement          # MacroStmt
    | expression ';'                                                         # ExprStmt
    | ';'                                                                    # EmptyStmt
    ;

forInit
    : {p.looksLikeDeclaration()}? declarationSpecifiers initDeclaratorList?
    | expression
    ;

asmStatement
    : AsmKw asmQualifier* '(' balanced* ')' ';'?
    ;

asmQualifier
    : VolatileKw | 'goto' | InlineKw
    ;

/* Any tokens with balanced parentheses (asm operands, unknown attribute arguments). */
balanced
    : '(' balanced* ')'
    | ~('(' | ')')
    ;

// ---------------------------------------------------------------- lexer

Auto : 'auto' ;
Break : 'break' ;
Case : 'case' ;
Char : 'char' ;
ConstKw : 'const' | '__const' | '__const__' ;
Continue : 'continue' ;
Default : 'default' ;
Do : 'do' ;
Double : 'double' ;
Else : 'else' ;
Enum : 'enum' ;
Extern : 'extern' ;
Float : 'float' ;
For : 'for' ;
Goto : 'goto' ;
If : 'if' ;
InlineKw : 'inline' | '__inline' | '__inline__' ;
Int : 'int' ;
Long : 'long' ;
Register : 'register' ;
RestrictKw : 'restrict' | '__restrict' | '__restrict__' ;
Return : 'return' ;
Short : 'short' ;
SignedKw : 'signed' | '__signed' | '__signed__' ;
Sizeof : 'sizeof' ;
Static : 'static' ;
Struct : 'struct' ;
Switch : 'switch' ;
Typedef : 'typedef' ;
Union : 'union' ;
Unsigned : 'unsigned' ;
Void : 'void' ;
VolatileKw : 'volatile' | '__volatile' | '__volatile__' ;
While : 'while' ;
Alignas : '_Alignas' ;
AlignofKw : '_Alignof' | '__alignof__' | '__alignof' | 'alignof' ;
Atomic : '_Atomic' ;
Bool : '_Bool' ;
Complex : '_Complex' | '__complex__' ;
Generic : '_Generic' ;
Noreturn : '_Noreturn' ;
StaticAssert : '_Static_assert' | 'static_assert' ;
ThreadLocal : '_Thread_local' | '__thread' ;
AsmKw : 'asm' | '__asm' | '__asm__' ;
TypeofKw : 'typeof' | '__typeof' | '__typeof__' | 'typeof_unqual' | '__typeof_unqual__' ;
Int128 : '__int128' ;
AutoType : '__auto_type' ;
Float128 : '_Float128' ;
Real : '__real__' | '__real' ;
Imag : '__imag__' | '__imag' ;
Label : '__label__' ;

LeftParen : '(' ;
RightParen : ')' ;
LeftBracket : '[' ;
RightBracket : ']' ;
LeftBrace : '{' ;
RightBrace : '}' ;
Less : '<' ;
LessEqual : '<=' ;
Greater : '>' ;
GreaterEqual : '>=' ;
LeftShift : '<<' ;
RightShift : '>>' ;
Plus : '+' ;
PlusPlus : '++' ;
Minus : '-' ;
MinusMinus : '--' ;
Star : '*' ;
Div : '/' ;
Mod : '%' ;
And : '&' ;
Or : '|' ;
AndAnd : '&&' ;
OrOr : '||' ;
Caret : '^' ;
Not : '!' ;
Tilde : '~' ;
Question : '?' ;
Colon : ':' ;
Semi : ';' ;
Comma : ',' ;
Assign : '=' ;
StarAssign : '*=' ;
DivAssign : '/=' ;
ModAssign : '%=' ;
PlusAssign : '+=' ;
MinusAssign : '-=' ;
LeftShiftAssign : '<<=' ;
RightShiftAssign : '>>=' ;
AndAssign : '&=' ;
XorAssign : '^=' ;
OrAssign : '|=' ;
Equal : '==' ;
NotEqual : '!=' ;
Arrow : '->' ;
Dot : '.' ;
Ellipsis : '...' ;

Identifier : [a-zA-Z_$] [a-zA-Z0-9_$]* ;

FloatingConstant
    : ([0-9]+ '.' [0-9]* | '.' [0-9]+) ([eE] [+-]? [0-9]+)? [fFlL]?
    | [0-9]+ [eE] [+-]? [0-9]+ [fFlL]?
    | '0' [xX] [0-9a-fA-F]* ('.' [0-9a-fA-F]*)? [pP] [+-]? [0-9]+ [fFlL]?
    ;

IntegerConstant
    : ([0-9]+ | '0' [xX] [0-9a-fA-F]+ | '0' [bB] [01]+) [uUlL]*
    ;

/* A preprocessing number that is no C constant, made by token pasting: 2500baseX_Full, 250mk2_cap1. */
PpNumber : [0-9] [a-zA-Z0-9_]* ;

CharacterConstant : [LuU]? '\'' (~['\\\r\n] | '\\' ('\r'? '\n' | .))+ '\'' ;

StringLiteral : ('u8' | [uUL])? '"' (~["\\\r\n] | '\\' ('\r'? '\n' | .))* '"' ;

/* Loses to StringLiteral whenever the closing quote is there (it is one character shorter). */
UnterminatedString : ('u8' | [uUL])? '"' (~["\\\r\n] | '\\' ('\r'? '\n' | .))* ;

/* Preprocessor lines (with continuations) are skipped, so raw C can be parsed. */
Directive : '#' (~[\\\r\n] | '\\' '\r'? '\n' | '\\')* -> skip ;

BlockComment : '/*' .*? ('*/' | EOF) -> channel(HIDDEN) ;

LineComment : '//' ~[\r\n]* -> skip ;

LineContinuation : '\\' '\r'? '\n' -> skip ;

Whitespace : [ \t\r\n\f\u000B\u00A0\uFEFF]+ -> skip ;

/* Anything else (stray bytes of a file that is not UTF-8, '@', '`'): reported by the chunker. */
Unknown : . ;
