package dev.pollcheck.parse;

import static dev.pollcheck.parse.ParseTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.Param;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.Span;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import dev.pollcheck.model.VarDecl;

class CParserTest {

    private static final String POLL = """
            #include <linux/poll.h>
            /* a comment */
            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            \tstruct foo_dev *dev = file->private_data;
            \t__poll_t mask = 0;

            \tpoll_wait(file, &dev->wq, wait);
            \tif (dev->ready)
            \t\tmask |= EPOLLIN | EPOLLRDNORM;
            \treturn mask;
            }
            """;

    @Test
    void functionHeaderAndSpans() {
        TranslationUnit u = clean(POLL);
        TopLevel.Function f = fn(u, "foo_poll");
        assertTrue(f.isStatic());
        assertEquals("__poll_t", f.returnType().text());
        assertEquals(List.of("file", "wait"), f.params().stream().map(Param::name).toList());
        assertEquals("struct file *", f.params().get(0).type().text());
        assertEquals("poll_table *", f.params().get(1).type().text());
        assertEquals(new Span("t.c", 3, 17, 3, 25), f.nameSpan());
        assertEquals(3, f.span().line());
        assertEquals(12, f.span().endLine());
        Expr.Call pw = call(f, "poll_wait");
        assertEquals(8, pw.span().line());
        assertEquals(2, pw.span().column());
        assertEquals(3, pw.args().size());
        Expr.Unary addr = assertInstanceOf(Expr.Unary.class, pw.args().get(1));
        assertEquals(Expr.UnaryOp.ADDRESS, addr.op());
        Expr.Member m = assertInstanceOf(Expr.Member.class, addr.operand());
        assertTrue(m.arrow());
        assertEquals("wq", m.member());
    }

    @Test
    void compoundAssignmentAndBinaryOperators() {
        TopLevel.Function f = fn(clean(POLL), "foo_poll");
        Expr.Assign a = first(f, Expr.Assign.class);
        assertEquals(Expr.BinaryOp.BIT_OR, a.op());
        Expr.Binary b = assertInstanceOf(Expr.Binary.class, a.value());
        assertEquals(Expr.BinaryOp.BIT_OR, b.op());
        Stmt.Decl d = first(f, Stmt.Decl.class);
        VarDecl dev = only(d.decls());
        assertEquals("dev", dev.name());
        assertEquals("struct foo_dev *", dev.type().text());
    }

    @Test
    void expressions() {
        TopLevel.Function f = body("""
                x = a ? b : c;
                y = p ?: q;
                z = a + b * c;
                w = (u32)v;
                k = (struct foo *)ptr;
                n = sizeof(struct foo) + sizeof x;
                m = (my_len_t)len;
                i = 0x10 + 010 + 10UL + 'a' + '\\n' + 0b101;
                """);
        List<Expr.Assign> as = all(f, Expr.Assign.class);
        assertNull(as.get(0).op());
        Expr.Conditional c1 = assertInstanceOf(Expr.Conditional.class, as.get(0).value());
        assertTrue(c1.then() instanceof Expr.Name);
        Expr.Conditional c2 = assertInstanceOf(Expr.Conditional.class, as.get(1).value());
        assertNull(c2.then());
        Expr.Binary sum = assertInstanceOf(Expr.Binary.class, as.get(2).value());
        assertEquals(Expr.BinaryOp.ADD, sum.op());
        assertEquals(Expr.BinaryOp.MUL, ((Expr.Binary) sum.right()).op());
        assertEquals("u32", assertInstanceOf(Expr.Cast.class, as.get(3).value()).type().text());
        assertEquals("struct foo *", assertInstanceOf(Expr.Cast.class, as.get(4).value()).type().text());
        Expr.TypeQuery tq = first(as.get(5), Expr.TypeQuery.class);
        assertEquals("sizeof", tq.op());
        assertEquals("struct foo", tq.type().text());
        assertEquals(Expr.UnaryOp.SIZEOF, first(as.get(5), Expr.Unary.class).op());
        assertEquals("my_len_t", assertInstanceOf(Expr.Cast.class, as.get(6).value()).type().text());
        List<Long> ints = all(as.get(7), Expr.IntConst.class).stream().map(Expr.IntConst::value).toList();
        assertEquals(List.of(16L, 8L, 10L, 5L), ints);
        List<Long> chars = all(as.get(7), Expr.CharConst.class).stream().map(Expr.CharConst::value).toList();
        assertEquals(List.of(97L, 10L), chars);
    }

    @Test
    void castOfUnknownTypeByShape() {
        TopLevel.Function f = body("a = (handle_type)x; b = (handle_type *)p; c = (acpi_thread_id)(unsigned long)t; d = (n) - 1;");
        List<Expr.Assign> as = all(f, Expr.Assign.class);
        assertInstanceOf(Expr.Cast.class, as.get(0).value());
        assertInstanceOf(Expr.Cast.class, as.get(1).value());
        assertInstanceOf(Expr.Cast.class, as.get(2).value());
        assertInstanceOf(Expr.Binary.class, as.get(3).value()); // (n) - 1 stays a subtraction
    }

    @Test
    void attributesAnywhere() {
        TranslationUnit u = clean("""
                static int __init foo_init(void) { return 0; }
                static ssize_t foo_read(struct file *f, char __user *buf, size_t n, loff_t *pos) __must_hold(x)
                { return 0; }
                struct s { int a; } __attribute__((packed, aligned(4)));
                static void __attribute__((noinline)) bar(void) { }
                static int __myinit baz(void) { return 1; }
                void q(void)
                {
                \tstruct foo *p __free(kfree) = NULL;
                \tstruct foo *r __my_cleanup(kfree) = NULL;
                \tint unused __maybe_unused;
                \tint other MY_UNUSED, third __my_unused;
                }
                """);
        assertEquals(List.of(), fn(u, "foo_init").params());
        assertEquals("char *", fn(u, "foo_read").params().get(1).type().text());
        assertEquals("buf", fn(u, "foo_read").params().get(1).name());
        fn(u, "bar");
        fn(u, "baz");
        List<Stmt.Decl> ds = all(fn(u, "q"), Stmt.Decl.class);
        assertEquals("p", only(ds.get(0).decls()).name());
        assertEquals("struct foo *", only(ds.get(0).decls()).type().text());
        assertEquals("r", only(ds.get(1).decls()).name());
        assertEquals("struct foo *", only(ds.get(1).decls()).type().text());
        assertEquals("unused", only(ds.get(2).decls()).name());
        assertEquals(List.of("other", "third"), ds.get(3).decls().stream().map(VarDecl::name).toList());
        assertEquals("int", ds.get(3).decls().get(0).type().text());
    }

    @Test
    void attributeMacroDefinedByTheFile() {
        List<MacroDef> macros = List.of(new MacroDef(Span.point("t.c", 1, 1), "__mysection", List.of("s"),
                "__attribute__((section(s)))"));
        TranslationUnit u = parse("#define __mysection(s) __attribute__((section(s)))\n"
                + "static int __mysection(\".x\") table[4];\n", macros);
        assertEquals(List.of(), u.problems());
        VarDecl v = only(decl(u, "table").declarators());
        assertEquals("int [ 4 ]", v.type().text());
    }

    @Test
    void emptyMacrosAreDroppedOnlyWhenSpeltLikeAttributes() {
        List<MacroDef> macros = List.of(new MacroDef(Span.point("t.c", 1, 1), "__drvinit", null, ""),
                new MacroDef(Span.point("t.c", 2, 1), "dprintk", null, ""));
        TranslationUnit u = parse("static int __drvinit probe(void)\n{\n\tdprintk(\"x\");\n\treturn 0;\n}\n", macros);
        TopLevel.Function f = fn(u, "probe");
        assertEquals(ParseStatus.PARSED, f.status());
        call(f, "dprintk");
    }

    @Test
    void typedefNamesWithoutDeclaration() {
        TranslationUnit u = clean("""
                foo_t x;
                static my_struct bar(my_struct a, u32)
                {
                \tmy_type v;
                \tmy_type *p = q;
                \twait_queue_head_t *wq;
                \tfoo(x);
                \ta * b;
                \treturn v;
                }
                """);
        VarDecl x = only(decl(u, "x").declarators());
        assertEquals("foo_t", x.type().text());
        TopLevel.Function bar = fn(u, "bar");
        assertEquals("my_struct", bar.returnType().text());
        assertEquals(2, bar.params().size());
        assertNull(bar.params().get(1).name());
        assertEquals("u32", bar.params().get(1).type().text());
        List<Stmt> items = bar.body().items();
        assertEquals("v", only(((Stmt.Decl) items.get(0)).decls()).name());
        assertEquals("my_type *", only(((Stmt.Decl) items.get(1)).decls()).type().text());
        assertEquals("wq", only(((Stmt.Decl) items.get(2)).decls()).name());
        Stmt.ExprStmt call = assertInstanceOf(Stmt.ExprStmt.class, items.get(3));
        assertEquals("foo", assertInstanceOf(Expr.Call.class, call.expr()).name());
        assertInstanceOf(Stmt.Decl.class, items.get(4)); // "a * b;" reads as a declaration
    }

    @Test
    void unknownAttributeBeforePointer() {
        TopLevel.Function f = fn(clean("static void MY_IOMEM *map(char MY_USER *buf) { return 0; }\n"), "map");
        assertEquals("void *", f.returnType().text());
        assertEquals("buf", only(f.params()).name());
        assertEquals("char *", only(f.params()).type().text());
        TranslationUnit u = clean("static int __myinit go(void) { return 0; }\nMY_T one(void) { return 0; }\n");
        assertEquals("int", fn(u, "go").returnType().text());
        assertEquals("MY_T", fn(u, "one").returnType().text()); // the only type: kept
    }

    @Test
    void crlfLinesAndByteOrderMark() {
        TranslationUnit u = clean("\uFEFF#define X 1 \\\r\n  2\r\nint a;\r\nint f(void)\r\n{\r\n\treturn a;\r\n}\r\n");
        assertEquals(4, fn(u, "f").nameSpan().line());
        assertEquals(3, decl(u, "a").span().line());
    }

    @Test
    void typedefLearntFromTheFile() {
        TranslationUnit u = clean("""
                typedef struct { int a; } thing;
                typedef int (*handler)(int);
                struct regs { u32 mode : 2; u32 : 6; my_bits_t flags : 8; };
                void f(void)
                {
                \tx = (thing)y;
                \th = (handler)g;
                }
                """);
        assertTrue(decl(u, "thing").typedef());
        List<Expr.Cast> casts = all(fn(u, "f"), Expr.Cast.class);
        assertEquals(List.of("thing", "handler"), casts.stream().map(c -> c.type().text()).toList());
    }

    @Test
    void gnuExpressions() {
        TopLevel.Function f = body("""
                x = ({ int t = a; t + 1; });
                typeof(x) y = x;
                __typeof__(*p) z;
                r = __builtin_types_compatible_p(typeof(a), int);
                o = __builtin_offsetof(struct s, a.b[2]);
                v = __builtin_va_arg(ap, int);
                e = __extension__ (a + 1);
                """);
        Expr.StmtExpr se = first(f, Expr.StmtExpr.class);
        assertEquals(2, se.block().items().size());
        assertEquals("typeof ( x )", only(((Stmt.Decl) f.body().items().get(1)).decls()).type().text());
        Expr.Call tc = call(f, "__builtin_types_compatible_p");
        assertEquals("typeof ( a )", assertInstanceOf(Expr.TypeArg.class, tc.args().get(0)).type().text());
        assertEquals("int", assertInstanceOf(Expr.TypeArg.class, tc.args().get(1)).type().text());
        Expr.Call off = call(f, "__builtin_offsetof");
        assertEquals("struct s", assertInstanceOf(Expr.TypeArg.class, off.args().get(0)).type().text());
        assertInstanceOf(Expr.Index.class, off.args().get(1));
        assertInstanceOf(Expr.TypeArg.class, call(f, "__builtin_va_arg").args().get(1));
        Expr.Assign ext = (Expr.Assign) ((Stmt.ExprStmt) f.body().items().get(6)).expr();
        assertEquals(Expr.BinaryOp.ADD, ((Expr.Binary) ext.value()).op()); // __extension__ dropped
    }

    @Test
    void oldStyleDesignatorsAndFunctionPointers() {
        TranslationUnit u = clean("""
                static struct ops o = { open: foo_open, poll: foo_poll };
                static int (*pick(int n))(struct file *);
                static void (*handlers[4])(int) = { [0] = h0 };
                int (*get_handler(void))(int)
                {
                \treturn h;
                }
                TEST_HARNESS_MAIN
                """);
        Expr.InitList init = (Expr.InitList) only(decl(u, "o").declarators()).init();
        assertEquals(List.of(new Expr.FieldDesignator("poll")), init.items().get(1).designators());
        VarDecl pick = only(decl(u, "pick").declarators());
        assertEquals("int ( * ( int n ) ) ( struct file * )", pick.type().text());
        assertEquals("void ( * [ 4 ] ) ( int )", only(decl(u, "handlers").declarators()).type().text());
        TopLevel.Function g = fn(u, "get_handler");
        assertEquals(List.of(), g.params());
        assertEquals("TEST_HARNESS_MAIN", ((TopLevel.MacroInvocation) u.items().get(u.items().size() - 1)).name());
        // File-scope asm has no record of its own: kept as text, without a problem.
        TranslationUnit a = parse("asm(\".globl entry\");\n");
        assertEquals(List.of(), a.problems());
        assertInstanceOf(TopLevel.Opaque.class, only(a.items()));
    }

    @Test
    void asmStatements() {
        TopLevel.Function f = body("""
                asm volatile("nop" ::: "memory");
                __asm__ __volatile__("mov %0, %1" : "=r"(a) : "r"(b));
                asm goto("jmp %l0" : : : : out);
                asm inline volatile("nop");
                out:
                return;
                """);
        List<Stmt.Asm> asms = all(f, Stmt.Asm.class);
        assertEquals(4, asms.size());
        assertEquals(List.of("out"), asms.get(2).gotoLabels());
        assertEquals(List.of(), asms.get(0).gotoLabels());
        assertTrue(asms.get(1).text().contains("mov %0, %1"));
    }

    @Test
    void switchWithCaseRangesAndFallthrough() {
        TopLevel.Function f = body("""
                switch (c) {
                case 1 ... 5:
                \tx = 1;
                \tfallthrough;
                case 'a':
                \tbreak;
                default:
                \tmight_sleep();
                }
                """);
        Stmt.Switch sw = first(f, Stmt.Switch.class);
        List<Stmt.Case> cases = all(sw, Stmt.Case.class);
        assertEquals(1L, ((Expr.IntConst) cases.get(0).value()).value());
        assertEquals(5L, ((Expr.IntConst) cases.get(0).high()).value());
        assertNull(cases.get(1).high());
        assertEquals(1, all(sw, Stmt.Default.class).size());
        assertInstanceOf(Expr.Name.class, first(sw, Stmt.ExprStmt.class).expr() instanceof Expr.Assign a ? a.target() : null);
        call(f, "might_sleep");
        assertTrue(all(f, Expr.Name.class).stream().anyMatch(n -> n.id().equals("fallthrough")));
    }

    @Test
    void initializersAndCompoundLiterals() {
        TranslationUnit u = clean("""
                static int table[8] = { [0 ... 3] = 1, [4] = 2 };
                static struct cfg c = { .a.b = 1, .arr[2] = 3, .nested = { .x = 4 }, };
                void f(void)
                {
                \tp = (struct point){ .x = 1, .y = 2 };
                \tq = &(struct point){ 0 };
                }
                """);
        Expr.InitList tl = (Expr.InitList) only(decl(u, "table").declarators()).init();
        Expr.IndexDesignator range = (Expr.IndexDesignator) tl.items().get(0).designators().get(0);
        assertEquals(0L, ((Expr.IntConst) range.low()).value());
        assertEquals(3L, ((Expr.IntConst) range.high()).value());
        Expr.InitList cl = (Expr.InitList) only(decl(u, "c").declarators()).init();
        assertEquals(List.of(new Expr.FieldDesignator("a"), new Expr.FieldDesignator("b")), cl.items().get(0).designators());
        assertEquals(2, cl.items().get(1).designators().size());
        assertInstanceOf(Expr.InitList.class, cl.items().get(2).value());
        List<Expr.CompoundLiteral> lits = all(fn(u, "f"), Expr.CompoundLiteral.class);
        assertEquals(2, lits.size());
        assertEquals("struct point", lits.get(0).type().text());
        assertEquals(2, lits.get(0).init().items().size());
    }

    @Test
    void fileOperationsTablesAreFullDeclarations() {
        TranslationUnit u = clean("""
                static const struct file_operations foo_fops = {
                \t.owner = THIS_MODULE,
                \t.poll = foo_poll,
                \t.read = foo_read,
                };
                static const struct file_operations ops[] = {
                \t[0] = { .poll = a_poll },
                \t{ .poll = &b_poll },
                };
                """);
        TopLevel.Declaration d = decl(u, "foo_fops");
        assertEquals("const struct file_operations", d.baseType().text());
        VarDecl v = only(d.declarators());
        Expr.InitList init = assertInstanceOf(Expr.InitList.class, v.init());
        Expr.InitItem poll = init.items().get(1);
        assertEquals(List.of(new Expr.FieldDesignator("poll")), poll.designators());
        assertEquals("foo_poll", ((Expr.Name) poll.value()).id());
        Expr.InitList arr = (Expr.InitList) only(decl(u, "ops").declarators()).init();
        Expr.InitList second = (Expr.InitList) arr.items().get(1).value();
        Expr.Unary addr = (Expr.Unary) second.items().get(0).value();
        assertEquals(Expr.UnaryOp.ADDRESS, addr.op());
        assertEquals("b_poll", ((Expr.Name) addr.operand()).id());
    }

    @Test
    void staticAssertsLabelsAndComputedGoto() {
        TranslationUnit u = clean("""
                _Static_assert(sizeof(int) == 4, "int");
                static_assert(1);
                void f(void)
                {
                \tstatic void *tbl[] = { &&one, &&two };
                \tgoto *tbl[i];
                one:
                \tgoto two;
                two:
                }
                """);
        TopLevel.Function f = fn(u, "f");
        assertEquals(List.of("one", "two"), all(f, Expr.LabelAddress.class).stream().map(Expr.LabelAddress::label).toList());
        assertInstanceOf(Expr.Index.class, first(f, Stmt.ComputedGoto.class).target());
        assertEquals("two", first(f, Stmt.Goto.class).label());
        Stmt.Labeled two = all(f, Stmt.Labeled.class).get(1);
        assertInstanceOf(Stmt.Empty.class, two.body());
    }

    @Test
    void iteratorMacrosListedAndByShape() {
        TopLevel.Function f = body("""
                list_for_each_entry(pos, &dev->list, node) {
                \tcount++;
                }
                for_each_set_bit(b, map, n)
                \tclear_bit(b, map);
                my_own_for_each(it, head) {
                \tuse(it);
                }
                scoped_guard(mutex, &dev->lock) {
                \tdev->x = 1;
                }
                guard(spinlock_irqsave)(&dev->slock);
                """);
        List<Stmt.MacroStmt> ms = all(f, Stmt.MacroStmt.class);
        assertEquals(List.of("list_for_each_entry", "for_each_set_bit", "my_own_for_each", "scoped_guard"),
                ms.stream().map(Stmt.MacroStmt::macro).toList());
        assertEquals(3, ms.get(0).args().size());
        assertInstanceOf(Stmt.Block.class, ms.get(0).body());
        Stmt.ExprStmt single = assertInstanceOf(Stmt.ExprStmt.class, ms.get(1).body());
        assertEquals("clear_bit", ((Expr.Call) single.expr()).name());
        Stmt.ExprStmt g = (Stmt.ExprStmt) f.body().items().get(4);
        Expr.Call outer = assertInstanceOf(Expr.Call.class, g.expr());
        Expr.Call inner = assertInstanceOf(Expr.Call.class, outer.callee());
        assertEquals("guard", inner.name());
    }

    @Test
    void unlistedIteratorFromConfig() {
        // "walk_items(x) -y;" reads as a subtraction unless walk_items is a listed iterator.
        String src = "void f(void)\n{\n\twalk_items(x) -y;\n}\n";
        TopLevel.Function plain = fn(parse(src), "f");
        assertTrue(all(plain, Stmt.MacroStmt.class).isEmpty());
        TopLevel.Function listed = fn(new CParser(ParseConfig.defaults().withIteratorMacros(java.util.Set.of("walk_items")))
                .parse("t.c", src, List.of(), s -> true), "f");
        assertEquals("walk_items", first(listed, Stmt.MacroStmt.class).macro());
    }

    @Test
    void doWhileEndedByMacro() {
        TopLevel.Function f = body("do {\n\tn++;\n} while_each_thread(g, t);");
        Stmt.DoWhile d = first(f, Stmt.DoWhile.class);
        assertEquals("while_each_thread", ((Expr.Call) d.cond()).name());
    }

    @Test
    void declarationMacrosAtFileScope() {
        TranslationUnit u = clean("""
                static DEFINE_MUTEX(foo_lock);
                static DECLARE_WAIT_QUEUE_HEAD(foo_wq);
                module_param(debug, int, 0644);
                EXPORT_SYMBOL_GPL(foo_poll);
                MODULE_LICENSE("GPL");
                DEFINE_SHOW_ATTRIBUTE(foo_stats)
                static int later;
                DEFINE_PER_CPU(struct foo_stats, stats) = { .n = 1 };
                """);
        List<TopLevel.MacroInvocation> ms = u.items().stream().filter(TopLevel.MacroInvocation.class::isInstance)
                .map(TopLevel.MacroInvocation.class::cast).toList();
        assertEquals(List.of("DEFINE_MUTEX", "DECLARE_WAIT_QUEUE_HEAD", "module_param", "EXPORT_SYMBOL_GPL",
                "MODULE_LICENSE", "DEFINE_SHOW_ATTRIBUTE"), ms.stream().map(TopLevel.MacroInvocation::name).toList());
        assertEquals("static", ms.get(0).specifiers());
        assertEquals("", ms.get(2).specifiers());
        assertEquals("int", assertInstanceOf(Expr.TypeArg.class, ms.get(2).args().get(1)).type().text());
        assertInstanceOf(Expr.StringConst.class, ms.get(4).args().get(0));
        decl(u, "later");
        TopLevel.Declaration pc = decl(u, "stats");
        assertEquals("DEFINE_PER_CPU", pc.baseType().text());
        assertInstanceOf(Expr.InitList.class, only(pc.declarators()).init());
    }

    @Test
    void declarationMacrosAtBlockScope() {
        TopLevel.Function f = body("""
                DECLARE_WAITQUEUE(wait, current);
                DECLARE_BITMAP(mask, 64) = { 0 };
                static const DECLARE_TLV_DB_RANGE(scale, 0, 1, TLV_ITEM(-5, 0),);
                add_wait_queue(&q, &wait);
                """);
        List<Stmt> items = f.body().items();
        assertEquals("DECLARE_WAITQUEUE", ((Expr.Call) ((Stmt.ExprStmt) items.get(0)).expr()).name());
        VarDecl mask = only(((Stmt.Decl) items.get(1)).decls());
        assertEquals("mask", mask.name());
        assertInstanceOf(Expr.InitList.class, mask.init());
        assertEquals("DECLARE_TLV_DB_RANGE", ((Expr.Call) ((Stmt.ExprStmt) items.get(2)).expr()).name());
        call(f, "add_wait_queue");
    }

    @Test
    void typesAsMacroArguments() {
        TopLevel.Function f = body("""
                struct foo *p = container_of(node, struct foo, member);
                e = list_first_entry(&head, struct foo, list);
                n = sizeof_field(struct s, f);
                m = min_t(u32, a, b);
                q = kmalloc_array(n, sizeof(*q), GFP_KERNEL);
                """);
        assertEquals("struct foo", ((Expr.TypeArg) call(f, "container_of").args().get(1)).type().text());
        assertEquals("struct foo", ((Expr.TypeArg) call(f, "list_first_entry").args().get(1)).type().text());
        assertEquals("struct s", ((Expr.TypeArg) call(f, "sizeof_field").args().get(0)).type().text());
        assertEquals("u32", ((Expr.TypeArg) call(f, "min_t").args().get(0)).type().text());
        assertInstanceOf(Expr.Name.class, call(f, "kmalloc_array").args().get(2));
    }

    @Test
    void stringsJoinedWithMacros() {
        TopLevel.Function f = body("printk(KERN_INFO DRV_NAME \": %d\\n\", x);\npr_info(\"a\" \"b\");");
        Expr.StringConst s = assertInstanceOf(Expr.StringConst.class, call(f, "printk").args().get(0));
        assertTrue(s.text().startsWith("KERN_INFO DRV_NAME"));
        assertEquals(2, call(f, "printk").args().size());
    }

    @Test
    void controlStatements() {
        TopLevel.Function f = body("""
                for (int i = 0; i < n; i++)
                \tsum += i;
                for (;;)
                \tbreak;
                while (x)
                \tcontinue;
                do { y--; } while (y > 0);
                if (a) b(); else if (c) d(); else e();
                """);
        List<Stmt.For> fors = all(f, Stmt.For.class);
        assertInstanceOf(Stmt.Decl.class, fors.get(0).init());
        assertEquals(Expr.BinaryOp.LT, ((Expr.Binary) fors.get(0).cond()).op());
        assertEquals(Expr.UnaryOp.POST_INC, ((Expr.Unary) fors.get(0).step()).op());
        assertNull(fors.get(1).init());
        assertNull(fors.get(1).cond());
        assertNull(fors.get(1).step());
        first(f, Stmt.While.class);
        first(f, Stmt.DoWhile.class);
        Stmt.If top = first(f, Stmt.If.class);
        assertInstanceOf(Stmt.If.class, top.otherwise());
    }

    @Test
    void macroExpandedToDeclaration() {
        String src = """
                #define DEFINE_FOPS(n, p) static const struct file_operations n = { .poll = p }
                DEFINE_FOPS(a_fops, a_poll);
                """;
        MacroDef def = new MacroDef(Span.point("t.c", 1, 1), "DEFINE_FOPS", List.of("n", "p"),
                "static const struct file_operations n = { .poll = p }");
        TranslationUnit u = parse(src, List.of(def));
        assertEquals(List.of(), u.problems());
        TopLevel.Declaration d = decl(u, "a_fops");
        assertEquals(2, d.span().endLine());
        assertEquals(29, d.span().endColumn());
        assertEquals(2, d.span().line());
        assertEquals(1, d.span().column());
        Expr.InitList init = (Expr.InitList) only(d.declarators()).init();
        assertEquals("a_poll", ((Expr.Name) init.items().get(0).value()).id());
    }

    @Test
    void rawTextCommentsAndDirectivesAreSkipped() {
        TranslationUnit u = clean("""
                #define LONG_MACRO(x) \\
                \tdo { foo(x; } while (0)
                #if 0
                #endif
                // line comment with { brace
                /* block comment ( with
                   parens */
                int g(void) { return 1; }
                """);
        assertEquals(8, fn(u, "g").nameSpan().line());
    }

    @Test
    void errorInOneChunkDoesNotSpoilTheNext() {
        TranslationUnit u = parse("""
                static int broken = ) ( ;
                static int ok(void)
                {
                \treturn 0;
                }
                """);
        assertEquals(ParseStatus.PARSED, fn(u, "ok").status());
        assertInstanceOf(TopLevel.Opaque.class, u.items().get(0));
        assertEquals(1, u.problems().get(0).line());
        assertEquals("t.c", u.problems().get(0).file());
    }

    @Test
    void recoveryKeepsControlStructureAndCalls() {
        TranslationUnit u = parse("""
                static __poll_t bad_poll(struct file *file, poll_table *wait)
                {
                \t__poll_t mask = 0;
                \tif (poll_requested_events(wait) & EPOLLIN) {
                \t\tWEIRD_MACRO(a, ==, b; c);
                \t\tpoll_wait(file, &dev->wq, wait);
                \t} else {
                \t\tstrange stuff here @@ poll_wait(file, &dev->other, wait) more;
                \t}
                \tswitch (x) {
                \tcase 1:
                \t\treturn mask;
                \tdefault:
                \t\tbreak;
                \t}
                \treturn mask;
                }
                """);
        TopLevel.Function f = fn(u, "bad_poll");
        assertEquals(ParseStatus.RECOVERED, f.status());
        assertEquals(2, f.params().size());
        assertEquals("poll_table *", f.params().get(1).type().text());
        Stmt.If iff = first(f, Stmt.If.class);
        assertEquals("poll_requested_events", call(iff.cond(), "poll_requested_events").name());
        assertEquals(2, Ast.callsNamed(f, "poll_wait"));
        Stmt.Opaque op = first(iff.otherwise(), Stmt.Opaque.class);
        assertEquals("poll_wait", only(op.calls()).name());
        assertEquals(3, only(op.calls()).args().size());
        first(f, Stmt.Switch.class);
        assertEquals(1, all(f, Stmt.Case.class).size());
        assertFalse(u.problems().isEmpty());
        assertTrue(u.problems().stream().anyMatch(p -> p.line() == 5 && p.file().equals("t.c")), u.problems().toString());
        assertTrue(u.problems().stream().anyMatch(p -> p.line() == 8 && p.message().contains("stray")), u.problems().toString());
    }

    @Test
    void skippedFunctionsKeepTheirNameAndStorageClass() {
        TranslationUnit u = new CParser(ParseConfig.defaults()).parse("t.c", POLL
                        + "static int other(int a) { return a; }\n"
                        + "int __printf(1, 2) logf(const char *f, ...) __must_hold(l) { return 0; }\n",
                List.of(), raw -> raw.contains("poll_wait"));
        assertEquals(ParseStatus.PARSED, fn(u, "foo_poll").status());
        TopLevel.Function other = fn(u, "other");
        assertEquals(ParseStatus.SKIPPED, other.status());
        assertTrue(other.isStatic());
        assertTrue(other.params().isEmpty(), "the header of a skipped function is not parsed");
        assertTrue(other.body().items().isEmpty());
        TopLevel.Function logf = fn(u, "logf");
        assertFalse(logf.isStatic());
        assertEquals(other.nameSpan().line() + 1, logf.nameSpan().line());
    }

    /** Counts calls by name (a local helper so the test reads well). */
    private static final class Ast {
        static int callsNamed(TopLevel.Function f, String name) {
            return (int) dev.pollcheck.model.Ast.calls(f.body()).stream().filter(c -> name.equals(c.name())).count();
        }
    }
}
