package dev.pollcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollcheck.model.Ast;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CfgTest {

    private static TopLevel.Function fn(String code) {
        TranslationUnit tu = TestPipeline.parse("t.c", code);
        return tu.functions().get(0);
    }

    private static Expr.Call call(TopLevel.Function f, String name, int nth) {
        int i = 0;
        for (Expr.Call c : Ast.calls(f.body())) {
            if (name.equals(c.name()) && i++ == nth) return c;
        }
        throw new AssertionError("no call " + name);
    }

    /** The condition texts {@code call} depends on, transitively, nearest first. */
    private static List<String> deps(TopLevel.Function f, Cfg g, Expr.Call c) {
        List<String> out = new ArrayList<>();
        for (int[] d : g.transitiveControlDeps(g.nodeOf(c))) out.add(CText.of(g.node(d[0]).condition()));
        return out;
    }

    @Test
    void earlyReturnAndGotoMakeLaterCallsControlDependent() {
        TopLevel.Function f = fn("""
                int f(int a, int b) {
                	first();
                	if (a)
                		return 0;
                	second();
                	if (b)
                		goto out;
                	third();
                out:
                	return 1;
                }
                """);
        Cfg g = Cfg.build(f);
        assertEquals(List.of(), deps(f, g, call(f, "first", 0)));
        assertEquals(List.of("a"), deps(f, g, call(f, "second", 0)));
        assertEquals(List.of("b", "a"), deps(f, g, call(f, "third", 0)));
    }

    @Test
    void shortCircuitsSplitIntoOneBranchPerOperand() {
        TopLevel.Function f = fn("""
                void f(int a, int b, int c) {
                	if (a && (b || !c))
                		g();
                	x = a ? h() : 0;
                }
                """);
        Cfg g = Cfg.build(f);
        List<String> d = deps(f, g, call(f, "g", 0));
        assertTrue(d.containsAll(List.of("a", "b", "!c")), d.toString());
        assertEquals(List.of("a"), deps(f, g, call(f, "h", 0)));
    }

    @Test
    void switchCasesDependOnTheSelectorAndFallThrough() {
        TopLevel.Function f = fn("""
                void f(int m) {
                	switch (m) {
                	case 1:
                		one();
                		fallthrough;
                	case 2:
                		two();
                		break;
                	default:
                		other();
                	}
                	after();
                }
                """);
        Cfg g = Cfg.build(f);
        assertEquals(List.of("m"), deps(f, g, call(f, "one", 0)));
        assertEquals(List.of("m"), deps(f, g, call(f, "two", 0)));
        assertEquals(List.of(), deps(f, g, call(f, "after", 0)));
        int two = g.nodeOf(call(f, "two", 0));
        assertTrue(g.reaches(g.nodeOf(call(f, "one", 0)), two));
        assertFalse(g.reaches(two, g.nodeOf(call(f, "other", 0))));
    }

    @Test
    void loopsAndScopeMacros() {
        TopLevel.Function f = fn("""
                void f(struct d *d) {
                	struct c *c;
                	int i;
                	for (i = 0; i < d->n; i++)
                		inloop();
                	list_for_each_entry(c, &d->list, node)
                		initer();
                	scoped_guard(mutex, &d->lock)
                		once();
                	while (d->busy) {
                		if (d->stop)
                			break;
                		spin();
                	}
                	end();
                }
                """);
        Cfg g = Cfg.build(f);
        int loopHeads = 0;
        for (int[] d : g.transitiveControlDeps(g.nodeOf(call(f, "inloop", 0)))) if (g.node(d[0]).loopHead) loopHeads++;
        assertEquals(1, loopHeads);
        assertTrue(g.node(g.transitiveControlDeps(g.nodeOf(call(f, "initer", 0))).get(0)[0]).loopHead);
        assertEquals(List.of(), deps(f, g, call(f, "once", 0)));
        assertEquals(List.of(), deps(f, g, call(f, "end", 0)));
        assertTrue(deps(f, g, call(f, "spin", 0)).contains("d->stop"));
    }

    @Test
    void tenThousandElseIfArmsDoNotOverflow() {
        StringBuilder sb = new StringBuilder("int f(int x) {\n");
        for (int i = 0; i < 10_000; i++) sb.append(i == 0 ? "" : "else ").append("if (x == ").append(i).append(") y();\n");
        sb.append("return 0;\n}\n");
        Runnable r = () -> {
            TopLevel.Function f = fn(sb.toString());
            Cfg g = Cfg.build(f);
            assertTrue(g.nodes().size() > 2);
        };
        Thread t = new Thread(null, r, "deep", 512L << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
