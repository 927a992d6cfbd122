package dev.pollcheck.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelperModelsTest {

    @Test
    void shippedModelsCoverTheCoreHelpers() {
        HelperModels m = HelperModels.builtin();
        HelperModel pw = m.get("poll_wait");
        assertEquals(3, pw.ptArg());
        assertEquals(HelperModel.Registers.ALWAYS, pw.registers());
        assertTrue(pw.primitive());
        assertEquals(HelperModel.Returns.EVENTS, m.get("poll_requested_events").returns());
        assertEquals(HelperModel.Returns.PTCHECK, m.get("poll_does_not_wait").returns());
        for (String h : List.of("sock_poll_wait", "v4l2_ctrl_poll", "v4l2_m2m_poll", "v4l2_m2m_fop_poll", "vb2_poll",
                "vb2_fop_poll", "vb2_core_poll", "datagram_poll")) {
            assertTrue(m.get(h) != null, h);
        }
    }

    @Test
    void queueTemplatesFillArguments() {
        HelperModel pw = HelperModels.builtin().get("poll_wait");
        assertEquals(List.of("&dev->read_event"), pw.queuesFor(List.of("file", "&dev->read_event", "wait")));
        HelperModel spw = HelperModels.builtin().get("sock_poll_wait");
        assertEquals(List.of("&sock->wq.wait"), spw.queuesFor(List.of("file", "sock", "wait")));
    }

    @Test
    void userLinesReplaceShippedOnesAndErrorsNameTheLine() {
        Map<String, HelperModel> into = new LinkedHashMap<>();
        HelperModels.parse("# mine\nfoo_poll pt=2 registers=always queue=&$1->wq returns=mask\n", "x.txt", into);
        assertEquals(List.of("&f->wq"), into.get("foo_poll").queuesFor(List.of("f", "pt")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HelperModels.parse("\nbar pt=1 registers=sometimes\n", "y.txt", into));
        assertTrue(e.getMessage().startsWith("y.txt:2:"), e.getMessage());
    }

    @Test
    void opsTypesAcceptUserAdditions() {
        OpsTypes t = OpsTypes.load(new FlowConfig(List.of("struct foo_ops.wait_poll"), List.of(), List.of()));
        assertTrue(t.isPollMember("file_operations", "poll"));
        assertTrue(t.isPollMember("proc_ops", "proc_poll"));
        assertTrue(t.isPollMember("foo_ops", "wait_poll"));
        assertThrows(IllegalArgumentException.class,
                () -> OpsTypes.load(new FlowConfig(List.of("nodot"), List.of(), List.of())));
    }
}
