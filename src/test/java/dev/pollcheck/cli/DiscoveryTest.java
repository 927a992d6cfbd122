package dev.pollcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Poll-method discovery end to end: nothing named in a poll member is dropped, nothing else is added. */
class DiscoveryTest {
    @TempDir
    Path dir;

    /** A poll method returning {@code type}, registering its queue only when the device is ready. */
    private static String method(String type, String name) {
        return "static " + type + " " + name + "(struct file *file, poll_table *wait)\n{\n"
                + "\tstruct xdev *dev = file->private_data;\n\n"
                + "\tif (dev->ready)\n\t\tpoll_wait(file, &dev->wq, wait);\n"
                + "\treturn dev->count ? POLLIN | POLLRDNORM : 0;\n}\n\n";
    }

    private JsonNode json(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, DefaultPipeline.create(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Terminal(Map.of()));
        assertTrue(code == 0 || code == 1, code + ": " + err);
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> methods(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : report.path("methods")) out.add(m.path("function").asText() + " " + m.path("ops").asText());
        return out;
    }

    private static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            out.add(f.path("rule").asText() + " " + f.path("level").asText() + " " + f.path("function").asText());
        }
        return out;
    }

    @Test
    void everyFunctionInAPollMemberIsAMethodWhateverItReturns() throws Exception {
        Files.writeString(dir.resolve("old_style.c"), "#include <linux/poll.h>\n\ntypedef unsigned int xmask_t;\n\n"
                + method("u_int", "a_poll") + method("uint", "b_poll") + method("unsigned long", "c_poll")
                + method("xmask_t", "d_poll")
                + "static const struct file_operations a_fops = { .owner = THIS_MODULE, .poll = a_poll, };\n"
                + "static const struct file_operations b_fops = { .poll = b_poll, };\n"
                + "static const struct file_operations c_fops = { .poll = c_poll, };\n"
                + "static const struct file_operations d_fops = { .poll = d_poll, };\n"
                + "static const struct file_operations e_fops = { .read = NULL, .poll = NULL, };\n");
        List<String> expected = List.of("a_poll file_operations.poll", "b_poll file_operations.poll",
                "c_poll file_operations.poll", "d_poll file_operations.poll");
        assertEquals(expected, methods(json("methods", dir.toString(), "--format", "json")));
        JsonNode r = json("check", dir.toString(), "--format", "json", "--no-simulate");
        assertEquals(List.of("PW002 warning a_poll", "PW002 warning b_poll", "PW002 warning c_poll",
                "PW002 warning d_poll"), findings(r));
    }

    @Test
    void opsWorksWithoutAllFiles() throws Exception {
        // The method in one file, the ops table in another that never spells poll.
        Files.writeString(dir.resolve("chan_core.c"), "#include <linux/poll.h>\n#include \"chan.h\"\n\n"
                + method("__poll_t", "chan_check").replace("static ", ""));
        Files.writeString(dir.resolve("chan_dev.c"), "#include \"chan.h\"\n\n"
                + "struct chan_ops {\n\tint (*open)(struct chan *c);\n\tunsigned int (*check)(struct file *, void *);\n};\n\n"
                + "static const struct chan_ops my_chan_ops = {\n\t.open = chan_open,\n\t.check = chan_check,\n};\n");
        List<String> plain = methods(json("methods", dir.toString(), "--format", "json", "--ops", "chan_ops.check"));
        List<String> all = methods(json("methods", dir.toString(), "--format", "json", "--ops", "chan_ops.check",
                "--all-files"));
        assertEquals(List.of("chan_check chan_ops.check"), all);
        assertEquals(all, plain);
    }

    @Test
    void aNoOpMacroGivenThePollTableIsNotARegistration() throws Exception {
        Files.writeString(dir.resolve("excl.c"), """
                #include <linux/poll.h>

                #define poll_wait_set_exclusive(x)

                static __poll_t excl_poll(struct file *file, poll_table *wait)
                {
                	struct xdev *dev = file->private_data;

                	if (dev->exclusive)
                		poll_wait_set_exclusive(wait);
                	poll_wait(file, &dev->wq, wait);
                	return dev->count ? EPOLLIN : 0;
                }

                static const struct file_operations excl_fops = { .poll = excl_poll };
                """);
        JsonNode r = json("check", dir.toString(), "--format", "json", "--fail-on", "note");
        assertEquals(List.of(), findings(r));
        assertEquals(List.of("excl_poll file_operations.poll"), methods(json("methods", dir.toString(), "-f", "json")));
    }
}
