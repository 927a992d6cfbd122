package dev.pollcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class PollMethodsTest {

    private static final String CODE = """
            static __poll_t a_poll(struct file *f, poll_table *w) { return 0; }
            static __poll_t b_poll(struct file *f, poll_table *w) { return 0; }
            static __poll_t c_poll(struct file *f, struct poll_table_struct *w) { return 0; }
            static __poll_t d_poll(struct snd_hwdep *hw, struct file *f, poll_table *w) { return 0; }
            static __poll_t e_poll(struct file *f, struct socket *s, poll_table *w) { return 0; }
            static __poll_t lonely_poll(struct file *f, poll_table *w) { return 0; }
            static int not_poll(struct napi_struct *n, int budget) { return 0; }
            static __poll_t m_info_poll(struct snd_info_entry *e, void *p, struct file *f, poll_table *w) { return 0; }

            #define B_POLL b_poll
            #define INFO_OPS(x) static const struct snd_info_entry_ops x##_ops = { .poll = x##_info_poll }

            static const struct file_operations arr[] = {
            	{ .poll = a_poll },
            	{ .poll = &B_POLL },
            };
            static const struct proc_ops p = { .proc_poll = c_poll };
            static const struct proto_ops s = { .poll = e_poll };
            static const struct proto_ops s2 = { .poll = datagram_poll };
            static struct napi_like n = { .poll = not_poll };
            INFO_OPS(m);

            static void setup(struct snd_hwdep *hw)
            {
            	hw->ops.poll = d_poll;
            	register_fops((struct file_operations){ .poll = a_poll });
            }
            """;

    @Test
    void findsEveryKindOfReference() {
        Program p = Program.of(List.of(TestPipeline.parse("t.c", CODE)));
        List<PollMethod> ms = PollMethods.find(p, OpsTypes.builtin());
        StringBuilder sb = new StringBuilder();
        for (PollMethod m : ms) {
            sb.append(m.name()).append(' ').append(m.opsType()).append(' ').append(m.how().id()).append('\n');
        }
        String got = sb.toString();
        for (String want : List.of("a_poll struct file_operations initializer", "b_poll struct file_operations macro",
                "c_poll struct proc_ops initializer", "e_poll struct proto_ops initializer",
                "datagram_poll struct proto_ops initializer", "d_poll null assignment",
                "lonely_poll null signature", "m_info_poll struct snd_info_entry_ops macro")) {
            assertEquals(true, got.contains(want + "\n"), want + " not in\n" + got);
        }
        assertEquals(false, got.contains("not_poll"), got);
        assertEquals(2, ms.stream().filter(m -> m.name().equals("a_poll")).count(), got);
        PollMethod ext = ms.stream().filter(m -> m.name().equals("datagram_poll")).findFirst().orElseThrow();
        assertNull(ext.function());
    }

    @Test
    void staticFunctionsResolveWithinTheirFile() {
        Program p = Program.of(List.of(
                TestPipeline.parse("a.c", "static void helper(void) { }\nvoid shared(void) { }\n"),
                TestPipeline.parse("b.c", "static void helper(void) { x(); }\n")));
        assertEquals("a.c", p.function("helper", "a.c").span().file());
        assertEquals("b.c", p.function("helper", "b.c").span().file());
        assertNull(p.function("helper", "c.c"));
        assertSame(p.function("shared", "a.c"), p.function("shared", "b.c"));
    }
}
