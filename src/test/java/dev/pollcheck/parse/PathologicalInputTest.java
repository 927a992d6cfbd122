package dev.pollcheck.parse;

import static dev.pollcheck.parse.ParseTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.pollcheck.model.Ast;
import dev.pollcheck.model.ParseProblem;
import dev.pollcheck.model.ParseStatus;
import dev.pollcheck.model.Stmt;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TranslationUnit;

/**
 * Hostile input never throws, never overflows the stack, never hangs: it parses, or it gives a
 * problem naming the file and line. Each test runs on a 512 MB stack, as the pipeline does, and
 * is stopped after a generous time.
 */
class PathologicalInputTest {

    private static <T> T onBigStack(Supplier<T> work) throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "parse-test", 512L << 20);
        t.setDaemon(true);
        t.start();
        t.join(Duration.ofSeconds(60).toMillis());
        assertFalse(t.isAlive(), "parser hung");
        if (failure.get() != null) {
            throw new AssertionError("parse threw", failure.get());
        }
        return result.get();
    }

    private static TranslationUnit parseBig(String text) throws InterruptedException {
        return onBigStack(() -> new CParser(ParseConfig.defaults()).parse("bad.c", text, List.of(), s -> true));
    }

    @Test
    void fiveThousandNestedParentheses() throws Exception {
        String expr = "(".repeat(5000) + "x" + ")".repeat(5000);
        TranslationUnit u = parseBig("int f(void)\n{\n\treturn " + expr + ";\n}\nint g(void) { return 1; }\n");
        TopLevel.Function f = fn(u, "f");
        assertNotEquals(ParseStatus.PARSED, f.status());
        assertTrue(u.problems().stream().anyMatch(p -> p.file().equals("bad.c") && p.line() >= 1 && p.line() <= 3),
                u.problems().toString());
        assertEquals(ParseStatus.PARSED, fn(u, "g").status());
        // The control structure is still there: a return statement.
        assertTrue(f.body().items().get(0) instanceof Stmt.Return || f.body().items().get(0) instanceof Stmt.Opaque);
    }

    @Test
    void nestedCallsDeeplyStillFindThePollWait() throws Exception {
        String expr = "f(".repeat(3000) + "x" + ")".repeat(3000);
        TranslationUnit u = parseBig("void g(void)\n{\n\t" + expr + ";\n\tpoll_wait(a, b, c);\n}\n");
        TopLevel.Function g = fn(u, "g");
        assertEquals(ParseStatus.RECOVERED, g.status());
        assertEquals(1, Ast.calls(g.body()).stream().filter(c -> "poll_wait".equals(c.name())).count());
    }

    @Test
    void tenThousandElseIfArms() throws Exception {
        StringBuilder sb = new StringBuilder("int f(int x)\n{\n\tif (x == 0)\n\t\treturn 0;\n");
        for (int i = 1; i < 10_000; i++) {
            sb.append("\telse if (x == ").append(i).append(")\n\t\treturn ").append(i).append(";\n");
        }
        sb.append("\treturn -1;\n}\n");
        TranslationUnit u = parseBig(sb.toString());
        TopLevel.Function f = fn(u, "f");
        assertEquals(ParseStatus.PARSED, f.status(), u.problems().toString());
        int[] ifs = {0};
        Ast.walk(f.body(), n -> {
            if (n instanceof Stmt.If) {
                ifs[0]++;
            }
        });
        assertEquals(10_000, ifs[0]);
    }

    @Test
    void oneMegabyteLine() throws Exception {
        StringBuilder sb = new StringBuilder("static int table[] = { ");
        while (sb.length() < 1_000_000) {
            sb.append("1, 2, 3, 4, 5, 6, 7, 8, ");
        }
        sb.append("0 }; int f(void) { return table[0]; }\n");
        TranslationUnit u = parseBig(sb.toString());
        assertEquals(ParseStatus.PARSED, fn(u, "f").status());
        assertTrue(decl(u, "table").declarators().get(0).init() != null);
    }

    @Test
    void unterminatedComment() throws Exception {
        TranslationUnit u = parseBig("int f(void) { return 1; }\n/* never closed\nint g(void) { return 2; }\n");
        assertEquals(ParseStatus.PARSED, fn(u, "f").status());
        assertTrue(u.problems().stream().anyMatch(p -> p.line() == 2 && p.message().contains("unterminated comment")),
                u.problems().toString());
        assertTrue(u.functions().stream().noneMatch(f -> f.name().equals("g")));
    }

    @Test
    void unterminatedString() throws Exception {
        TranslationUnit u = parseBig("int f(void)\n{\n\tputs(\"oops);\n\treturn 0;\n}\nint g(void) { return 2; }\n");
        assertTrue(u.problems().stream().anyMatch(p -> p.line() == 3 && p.message().contains("unterminated string")),
                u.problems().toString());
        assertEquals(ParseStatus.PARSED, fn(u, "g").status());
        assertNotNull(fn(u, "f"));
    }

    @Test
    void bytesThatAreNotUtf8() throws Exception {
        byte[] raw = "int f(void)\n{\n\tint x = 1; \u0001\n\treturn x;\n}\n".getBytes(StandardCharsets.ISO_8859_1);
        raw[raw.length - 20] = (byte) 0xC3; // a lone lead byte
        raw[raw.length - 19] = (byte) 0xFF;
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(raw)).toString();
        TranslationUnit u = parseBig(text);
        assertTrue(u.problems().stream().anyMatch(p -> p.message().contains("stray character") && p.line() >= 3),
                u.problems().toString());
        assertNotNull(fn(u, "f"));
    }

    @Test
    void unbalancedBracesFromConditionalBranches() throws Exception {
        TranslationUnit u = parseBig("""
                #ifdef NEW_API
                static void cb(struct timer_list *t)
                {
                #else
                static void cb(unsigned long data)
                {
                #endif
                \twork();
                }

                static int after(void)
                {
                \treturn 0;
                }
                """);
        assertEquals(ParseStatus.PARSED, fn(u, "after").status());
        assertTrue(Ast.calls(fn(u, "cb").body()).stream().anyMatch(c -> "work".equals(c.name())));
    }

    @Test
    void timeBoundFallsBackToRecovery() throws Exception {
        StringBuilder sb = new StringBuilder("void big(void)\n{\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("\tx").append(i).append(" = y + z * (w - ").append(i).append(");\n");
        }
        sb.append("\tpoll_wait(f, q, p);\n}\n");
        ParseConfig tight = ParseConfig.defaults().withFunctionTimeBound(Duration.ofMillis(1));
        TranslationUnit u = onBigStack(() -> new CParser(tight).parse("big.c", sb.toString(), List.of(), s -> true));
        TopLevel.Function f = fn(u, "big");
        assertEquals(ParseStatus.RECOVERED, f.status());
        assertTrue(u.problems().stream().anyMatch(p -> p.message().contains("time bound") && p.file().equals("big.c")),
                u.problems().toString());
        assertEquals(1, Ast.calls(f.body()).stream().filter(c -> "poll_wait".equals(c.name())).count());
    }

    @Test
    void fileTimeBoundLeavesTheRestOfTheFileNamedButUnparsed() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sb.append("static int f").append(i).append("(int a)\n{\n\treturn a + ").append(i).append(";\n}\n");
        }
        ParseConfig tight = ParseConfig.defaults().withFileTimeBound(Duration.ofNanos(1));
        TranslationUnit u = new CParser(tight).parse("many.c", sb.toString(), List.of(), s -> true);
        assertEquals(50, u.functions().size(), "every function is still listed");
        assertTrue(u.functions().stream().allMatch(f -> f.status() == ParseStatus.FAILED), u.functions().toString());
        assertEquals("f49", u.functions().get(49).name());
        List<ParseProblem> bound = u.problems().stream().filter(p -> p.message().contains("time bound per file")).toList();
        assertEquals(1, bound.size(), u.problems().toString());
        assertEquals("many.c", bound.get(0).file());
        assertTrue(bound.get(0).message().contains("50 items"), bound.get(0).message());
        // The default bound is far away: the same file parses in full.
        assertTrue(new CParser(ParseConfig.defaults()).parse("many.c", sb.toString(), List.of(), s -> true)
                .functions().stream().allMatch(f -> f.status() == ParseStatus.PARSED));
    }

    @Test
    void everyTruncationOfADriverParsesWithoutInternalErrors() throws Exception {
        String src = """
                static DEFINE_MUTEX(lock);
                static __poll_t foo_poll(struct file *file, poll_table *wait)
                {
                	struct foo *dev = container_of(file->private_data, struct foo, misc);
                	__poll_t mask = 0;
                	switch (dev->state) {
                	case 1 ... 3:
                		do { mask |= EPOLLIN; } while (0);
                		break;
                	default:
                		for (;;) { if (x) goto out; else continue; }
                	}
                	list_for_each_entry(e, &dev->list, node)
                		poll_wait(file, &e->wq, wait);
                out:
                	return mask ?: ({ int t = 1; t; });
                }
                static const struct file_operations fops = { .poll = foo_poll, };
                """;
        onBigStack(() -> {
            CParser parser = new CParser(ParseConfig.defaults());
            for (int n = 0; n <= src.length(); n++) {
                TranslationUnit u = parser.parse("cut.c", src.substring(0, n), List.of(), s -> true);
                for (var p : u.problems()) {
                    assertFalse(p.message().contains("internal") || p.message().contains("not recovered"),
                            "cut at " + n + ": " + p);
                }
            }
            return null;
        });
    }

    @Test
    void emptyAndGarbageFiles() throws Exception {
        assertTrue(parseBig("").items().isEmpty());
        TranslationUnit g = parseBig("}}}} ))) ;;; {{{ ((( @@@ \"");
        assertFalse(g.problems().isEmpty());
    }
}
