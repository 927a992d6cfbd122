package dev.pollcheck.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrefilterTest {
    @Test
    void acceptsEachDocumentedForm() {
        assertTrue(Prefilter.mayMatter("x; poll_wait(file, &q, wait);"));
        assertTrue(Prefilter.mayMatter("static __poll_t f(struct file *f, struct poll_table_struct *pt)"));
        assertTrue(Prefilter.mayMatter("static const struct file_operations fops = {\n\t.poll\t\t= foo_poll,\n};"));
        assertTrue(Prefilter.mayMatter("static const struct proc_ops p = { .proc_poll = f };"));
        assertTrue(Prefilter.mayMatter("return vb2_poll(&q, file, wait);"));
        assertTrue(Prefilter.mayMatter("return v4l2_m2m_poll (file, wait);"));
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
    }
}
