package dev.pollcheck.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.TranslationUnit;

/** One parser per thread, many threads: the results are the same as on one thread. */
class ConcurrencyTest {

    private static String source(int n) {
        StringBuilder sb = new StringBuilder("typedef unsigned int my_u").append(n).append(";\n")
                .append("typedef unsigned int my_u").append(n + 1001).append(";\n");
        sb.append("static __poll_t p").append(n).append("(struct file *f, poll_table *pt)\n{\n")
                .append("\tmy_u").append(n).append(" v = (my_u").append(n).append(")-x;\n")
                // The previous file's typedef must not leak into this one: this stays a subtraction.
                .append("\tw = (my_u").append(n + 1000).append(")-x;\n")
                .append("\tif (poll_requested_events(pt) & EPOLLIN)\n\t\tpoll_wait(f, &q, pt);\n")
                .append("\tlist_for_each_entry(e, &h, node) {\n\t\tv += e->n;\n\t}\n")
                .append("\treturn v ? EPOLLIN : 0;\n}\n")
                .append("static const struct file_operations fops").append(n).append(" = { .poll = p").append(n)
                .append(" };\nbroken ) ( here;\n");
        return sb.toString();
    }

    @Test
    void parallelParsesMatchSequentialOnes() throws Exception {
        int files = 64;
        List<TranslationUnit> sequential = new ArrayList<>();
        CParser one = new CParser(ParseConfig.defaults());
        for (int i = 0; i < files; i++) {
            sequential.add(one.parse("f" + i + ".c", source(i), List.of(), s -> true));
        }
        for (int i = 1; i < files; i++) {
            List<Expr.Cast> casts = ParseTestSupport.all(sequential.get(i).functions().get(0), Expr.Cast.class);
            assertEquals(List.of("my_u" + i), casts.stream().map(c -> c.type().text()).toList());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ThreadLocal<CParser> parsers = ThreadLocal.withInitial(() -> new CParser(ParseConfig.defaults()));
        try {
            List<Future<TranslationUnit>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < files; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> parsers.get().parse("f" + n + ".c", source(n), List.of(), s -> true)));
                }
            }
            for (int k = 0; k < futures.size(); k++) {
                assertEquals(sequential.get(k % files), futures.get(k).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
