package dev.pollcheck.report;

import dev.pollcheck.model.Span;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TypeRef;
import dev.pollcheck.rules.Api;
import dev.pollcheck.rules.Finding;
import dev.pollcheck.rules.Level;
import dev.pollcheck.rules.RuleInfo;
import dev.pollcheck.sim.Verdict;
import dev.pollcheck.sim.Witness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Findings built by hand on a small driver written to a temporary directory, so that the writers
 * can be tested before (and independently of) the analysis.
 */
public final class TestFindings {

    /** Line 9: the condition; line 10: the poll_wait it skips (two tabs in). */
    public static final String DRIVER = """
            #include <linux/poll.h>

            static __poll_t foo_poll(struct file *file, poll_table *wait)
            {
            	struct foo_dev *dev = file->private_data;
            	__poll_t req = poll_requested_events(wait);
            	__poll_t mask = 0;

            	if (req & EPOLLIN)
            		poll_wait(file, &dev->read_wq, wait);
            	if (dev->ready)
            		mask |= EPOLLIN | EPOLLRDNORM;
            	return mask;
            }
            """;

    public static final String FILE = "drivers/char/foo.c";

    public static final RuleInfo PW001 = new RuleInfo("PW001", "RegistrationSkippedByRequestedEvents",
            "poll_wait skipped by the requested events", Level.ERROR,
            "A registration that depends on the requested events is skipped on the first call.\n\n"
                    + "Second paragraph.",
            "if (req & EPOLLIN)\n\tpoll_wait(file, &q, wait);", "poll_wait(file, &q, wait);");

    public static final RuleInfo PW002 = new RuleInfo("PW002", "RegistrationSkippedByState",
            "poll_wait skipped by device state", Level.WARNING, "State skips it.", "bad", "good");

    private TestFindings() {
    }

    public static Path writeDriver(Path root, String text) throws IOException {
        Path p = root.resolve(FILE);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** The PW001 finding on {@link #DRIVER}, shifted down by {@code shift} lines. */
    public static Finding pw001(int shift) {
        TopLevel.Function fn = new TopLevel.Function(new Span(FILE, 3 + shift, 1, 14 + shift, 2),
                new Span(FILE, 3 + shift, 17, 3 + shift, 25), "foo_poll", new TypeRef("__poll_t"), List.of(),
                true, new dev.pollcheck.model.Stmt.Block(new Span(FILE, 4 + shift, 1, 14 + shift, 2), List.of()),
                dev.pollcheck.model.ParseStatus.PARSED);
        return new Finding("PW001", Level.ERROR, new Span(FILE, 10 + shift, 3, 10 + shift, 39), "foo_poll",
                "poll_wait on &dev->read_wq is skipped unless EPOLLIN is requested", "&dev->read_wq",
                new Span(FILE, 9 + shift, 6, 9 + shift, 19), "req & EPOLLIN", Set.of(Api.EPOLL, Api.POLL), fn, null);
    }

    public static Witness witness() {
        List<Witness.Step> steps = new ArrayList<>();
        steps.add(new Witness.Step(Witness.Kind.CALL, "epoll_ctl(EPOLL_CTL_ADD, EPOLLOUT)", 0x4L | 0x8 | 0x10, true,
                List.of(), List.of(), 0L));
        steps.add(new Witness.Step(Witness.Kind.CALL, "epoll_ctl(EPOLL_CTL_MOD, EPOLLIN)", 0x1L | 0x8 | 0x10, false,
                List.of("dev->ready=0"), List.of(), 0L));
        steps.add(new Witness.Step(Witness.Kind.SLEEP, "epoll_wait() sleeps", null, null, List.of(), List.of(), null));
        steps.add(new Witness.Step(Witness.Kind.WAKER, "dev->ready = 1; wake_up(&dev->read_wq) wakes nobody", null,
                null, List.of("dev->ready = 1"), List.of(), null,
                new Witness.Waker("foo_irq", "runtime", FILE, 7, List.of("&dev->read_wq"))));
        steps.add(new Witness.Step(Witness.Kind.FINAL, "foo_poll() would return IN; epoll_wait() stays blocked",
                0x1L | 0x8 | 0x10, false, List.of("dev->ready = 1"), List.of(), 0x1L));
        return new Witness("epoll", steps);
    }

    public static ReportedFinding confirmed(int shift) {
        return ReportedFinding.of(pw001(shift), Verdict.confirmed(witness()));
    }

    public static Stats stats() {
        return new Stats(3, 1, 10, 8, 1, 0, 1,
                List.of(new dev.pollcheck.model.ParseProblem(FILE, 2, 1, "unexpected token '@'")), 1, 0.25);
    }

    public static ScanResult result(Path root, List<ReportedFinding> findings) {
        return new ScanResult(root, findings, stats(),
                List.of(new ReportedMethod(new Span(FILE, 3, 17, 3, 25), "foo_poll", "file_operations.poll")),
                List.of());
    }

    public static ReportContext context(boolean color) {
        return new ReportContext("0.1.0", List.of(PW001, PW002, ReportRules.UNJUSTIFIED_SUPPRESSION), color, false,
                List.of("check", "."), ReportContext.HOME);
    }
}
