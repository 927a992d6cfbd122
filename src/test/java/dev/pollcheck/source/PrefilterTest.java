package dev.pollcheck.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrefilterTest {
    @Test
    void acceptsEachDocumentedForm() {
        assertTrue(Prefilter.mayMatter("x; poll_wait(file, &q, wait);"));
        assertTrue(Prefilter.mayMatter("static __poll_t f(struct file *f, struct poll_table_struct *pt)"));
        assertTrue(Prefilter.mayMatter("static const struct file_operations fops = {\n\t.poll\t\t= foo_poll,\n};"));
        assertTrue(Prefilter.mayMatter("static const struct proc_ops p = { .proc_poll = f };"));
        assertTrue(Prefilter.mayMatter("poll_table *wait"));
    }

    @Test
    void rejectsOtherMentionsOfPoll() {
        assertFalse(Prefilter.mayMatter(""));
        assertFalse(Prefilter.mayMatter("int x;"));
        assertFalse(Prefilter.mayMatter("/* we poll the hardware */ int polling; read_poll_timeout"));
        assertFalse(Prefilter.mayMatter("napi_poll_budget = 3; static int poll"));
        assertFalse(Prefilter.mayMatter("poll"));
        assertFalse(Prefilter.mayMatter("x_poll"));
        assertFalse(Prefilter.mayMatter("x_poll  ;"));
        // A call names no table: the poll method around it does, in its parameters.
        assertFalse(Prefilter.mayMatter("return vb2_poll(&q, file, wait);"));
        assertFalse(Prefilter.mayMatter("work = foo_napi_poll (napi, budget);"));
    }

    private static Prefilter.Verdict scan(String s, int length) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        return Prefilter.scan(raw, length < 0 ? raw.length : length);
    }

    @Test
    void looksOnlyAtTheGivenLengthOfAReusedBuffer() {
        // A reused buffer holds the tail of a longer earlier file after the current one.
        assertEquals(Prefilter.Verdict.CANNOT_MATTER, scan("int x;poll_wait(", 6));
        assertEquals(Prefilter.Verdict.CANNOT_MATTER, scan("x.pol", -1));
        assertEquals(Prefilter.Verdict.MAY_MATTER, scan("struct poll_table_struct *w", -1));
        assertEquals(Prefilter.Verdict.CANNOT_MATTER, scan("poll_tabl", -1));
        // Occurrences at every offset of both words of a 16-byte block, and in the tail after the last block.
        for (int pad = 0; pad < 40; pad++) {
            assertEquals(Prefilter.Verdict.MAY_MATTER, scan(" ".repeat(pad) + "x.poll", -1), "pad " + pad);
            assertEquals(Prefilter.Verdict.CANNOT_MATTER, scan(" ".repeat(pad) + "x_poll", -1), "pad " + pad);
        }
    }

    @Test
    void tellsPlainAsciiFromFilesThatNeedDecoding() {
        assertEquals(Prefilter.Verdict.CANNOT_MATTER, scan("int polling;\n", -1));
        assertEquals(Prefilter.Verdict.CANNOT_MATTER_NOT_PLAIN, scan("/* caf\u00e9 */ int x;", -1));
        assertEquals(Prefilter.Verdict.CANNOT_MATTER_NOT_PLAIN, scan("int x;\0", -1));
        for (int pad = 0; pad < 40; pad++) {
            assertEquals(Prefilter.Verdict.CANNOT_MATTER_NOT_PLAIN, scan(" ".repeat(pad) + "\u00e9 int x;", -1));
            assertEquals(Prefilter.Verdict.CANNOT_MATTER_NOT_PLAIN, scan("int y;" + " ".repeat(pad) + "\0", -1));
        }
        // A file that may matter is decoded anyway, so the scan stops at the first hit.
        assertEquals(Prefilter.Verdict.MAY_MATTER, scan("/* caf\u00e9 */ .poll = f", -1));
    }

    @Test
    void answersAsASearchOfTheFormsWouldOnRandomText() {
        java.util.Random random = new java.util.Random(5);
        String[] pieces = {"poll", "p", "l", "pol", "_wait", "_table", ".", "proc_", "x", " ", "\n", "pxl", "\u00e9", "\0"};
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            int count = random.nextInt(40);
            for (int k = 0; k < count; k++) sb.append(pieces[random.nextInt(pieces.length)]);
            String text = sb.toString();
            byte[] raw = text.getBytes(StandardCharsets.UTF_8);
            String bytes = new String(raw, StandardCharsets.ISO_8859_1);
            boolean matters = bytes.contains("poll_wait") || bytes.contains("poll_table") || bytes.contains(".poll")
                    || bytes.contains("proc_poll");
            boolean plain = bytes.chars().allMatch(c -> c > 0 && c < 0x80);
            Prefilter.Verdict expected = matters ? Prefilter.Verdict.MAY_MATTER
                    : plain ? Prefilter.Verdict.CANNOT_MATTER : Prefilter.Verdict.CANNOT_MATTER_NOT_PLAIN;
            assertEquals(expected, Prefilter.scan(raw, raw.length), text);
        }
    }
}
