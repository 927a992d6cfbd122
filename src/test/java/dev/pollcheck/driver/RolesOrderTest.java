package dev.pollcheck.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollcheck.flow.Program;
import dev.pollcheck.flow.TestPipeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A function's roles come from its own callers, a fixed number of calls up, whatever the model was
 * asked before: the rules and the simulator ask in an order that depends on threads.
 */
class RolesOrderTest {

    private static final String DRIVER = """
            #include <linux/platform_device.h>
            static void step5(struct foo *f) { f->x = 1; }
            static void step4(struct foo *f) { step5(f); }
            static void step3(struct foo *f) { step4(f); }
            static void step2(struct foo *f) { step3(f); }
            static void step1(struct foo *f) { step2(f); }
            static int foo_probe(struct platform_device *pdev) { step1(NULL); return 0; }
            static struct platform_driver foo_driver = {
                .probe = foo_probe,
            };
            """;

    private static DriverModel model() {
        Program p = Program.of(List.of(TestPipeline.parse("drv/foo.c", DRIVER)));
        return DriverModel.of(DriverSources.of(p), DriverKnowledge.builtin(), "drv/foo.c");
    }

    @Test
    void rolesDoNotDependOnWhatWasAskedBefore() {
        List<Origin> fresh = model().origins("step5");
        DriverModel m = model();
        m.origins("step2"); // step2 is setup, two calls below foo_probe
        assertEquals(Role.SETUP, m.origins("step2").get(0).role());
        assertEquals(fresh, m.origins("step5"));
        // step5 is five calls below the probe: past the depth the model follows, so its role is unknown.
        assertEquals(List.of(Origin.UNKNOWN), fresh);
    }

    @Test
    void aCallerWithinTheDepthGivesItsRole() {
        DriverModel m = model();
        assertEquals(Role.SETUP, m.origins("step3").get(0).role());
        assertEquals("called from step2()", m.origins("step3").get(0).how());
    }
}
