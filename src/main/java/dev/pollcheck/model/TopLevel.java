package dev.pollcheck.model;

import java.util.List;

/** What a file holds at file scope. */
public sealed interface TopLevel extends Node {

    /**
     * A function definition. {@code nameSpan} is the identifier's own position; {@code status} says
     * how fully the body was read (see {@link ParseStatus}).
     */
    record Function(Span span, Span nameSpan, String name, TypeRef returnType, List<Param> params,
                    boolean isStatic, Stmt.Block body, ParseStatus status) implements TopLevel {
    }

    /**
     * A declaration at file scope: variables (with initializers, such as an ops struct), prototypes,
     * typedefs ({@code typedef} true) and bare struct/union/enum definitions (no declarators).
     * {@code definesTag} is the tag of the struct or union whose member list this declaration
     * spells out ({@code struct foo { ... };}), else null: where a type's members can be named.
     * {@code memberTags} maps, for that struct, each member of struct or union type (or pointer to
     * one) to that type's tag. {@code enumerators} are the constants of the enums whose lists the
     * declaration spells out ({@code enum smu_file_mode { smu_file_commands, ... };}), in order;
     * {@code enumeratorValues} the text of those that have an initializer, its tokens joined
     * ({@code FOO_FREED -> (1<<FOO_FREED_BIT)}).
     */
    record Declaration(Span span, TypeRef baseType, List<VarDecl> declarators, boolean typedef, String definesTag,
                       java.util.Map<String, String> memberTags, List<String> enumerators,
                       java.util.Map<String, String> enumeratorValues)
            implements TopLevel {
        public Declaration {
            memberTags = memberTags == null ? java.util.Map.of() : java.util.Map.copyOf(memberTags);
            enumerators = enumerators == null ? List.of() : List.copyOf(enumerators);
            enumeratorValues = enumeratorValues == null ? java.util.Map.of() : java.util.Map.copyOf(enumeratorValues);
        }

        public Declaration(Span span, TypeRef baseType, List<VarDecl> declarators, boolean typedef, String definesTag,
                           java.util.Map<String, String> memberTags, List<String> enumerators) {
            this(span, baseType, declarators, typedef, definesTag, memberTags, enumerators, null);
        }

        public Declaration(Span span, TypeRef baseType, List<VarDecl> declarators, boolean typedef) {
            this(span, baseType, declarators, typedef, null, null, null, null);
        }
    }

    /**
     * A macro invocation at file scope that is not a declaration: {@code module_param(x, int, 0644);},
     * {@code EXPORT_SYMBOL_GPL(f);}, {@code DEFINE_SHOW_ATTRIBUTE(x);}. {@code specifiers} holds what
     * stood before the name ({@code static} in {@code static DEFINE_MUTEX(m);}).
     */
    record MacroInvocation(Span span, String specifiers, String name, List<Expr> args) implements TopLevel {
    }

    /** A file-scope chunk the grammar could not read. */
    record Opaque(Span span, String text) implements TopLevel {
    }
}
