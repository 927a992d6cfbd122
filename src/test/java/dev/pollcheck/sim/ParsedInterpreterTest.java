package dev.pollcheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The interpreter on constructs as the real parser builds them. */
class ParsedInterpreterTest {

    static final String C = """
            #define MY_READ (EPOLLIN | EPOLLRDNORM)
            #define NQ 3

            static __poll_t constructs(struct file *file, poll_table *wait)
            {
                    __poll_t mask = 0;
                    int i = 0, n;

                    do {
                            i++;
                            if (i == 2)
                                    continue;
                            mask += 1;
                    } while (i < NQ);                         /* mask = 2 */
                    n = ({ int t = i * 2; t + 1; });          /* n = 7 */
                    mask |= n > 6 ? (mask << 4) : 0;          /* mask = 0x22 */
                    mask = (mask, (u32)mask & ~0x2);          /* mask = 0x20 */
                    mask ^= MY_READ;                          /* mask = 0x61 */
                    mask -= 0x20;                             /* mask = 0x41 */
                    return mask ?: EPOLLERR;
            }

            static __poll_t elvis(struct file *file, poll_table *wait)
            {
                    return file->f_flags ?: EPOLLHUP;
            }

            static __poll_t loops_over_queues(struct file *file, poll_table *wait)
            {
                    struct foo *foo = file->private_data;
                    int i;

                    for (i = 0; i < NQ; i++)
                            poll_wait(file, &foo->q[i], wait);
                    return 0;
            }
            """;

    private final Parsed parsed = new Parsed("c.c", C);

    private List<Interpreter.Outcome> paths(String fn, long key, boolean qproc) {
        Interpreter in = new Interpreter(parsed, HelperSemantics.NONE, Interpreter.Bounds.DEFAULT);
        Explorer.Exploration e = new Explorer(in, parsed.fn(fn), 64, 1000).explore(key, qproc);
        assertTrue(e.exhaustive() && e.abandoned() == 0, e.bounds().toString());
        return e.paths();
    }

    @Test
    void loopsStatementExpressionsConditionalsCommaCastsAndCompoundAssignments() {
        List<Interpreter.Outcome> p = paths("constructs", PollBits.ALL, false);
        assertEquals(1, p.size());
        assertEquals(PollBits.IN | PollBits.RDNORM, p.get(0).mask());
    }

    @Test
    void gnuConditionalKeepsTheTestedValue() {
        Set<Long> masks = new TreeSet<>();
        for (Interpreter.Outcome o : paths("elvis", PollBits.ALL, false)) masks.add(o.mask());
        // f_flags non-zero: its value is unknown, so the returned mask is chosen (its known bits or all).
        assertTrue(masks.contains(PollBits.HUP), masks.toString());
        assertTrue(masks.contains(PollBits.ALL), masks.toString());
    }

    @Test
    void concreteLoopRegistersEachQueue() {
        Interpreter.Outcome o = paths("loops_over_queues", PollBits.IN, true).get(0);
        assertEquals(List.of("&foo->q[0]", "&foo->q[1]", "&foo->q[2]"), List.copyOf(o.queues()));
    }
}
