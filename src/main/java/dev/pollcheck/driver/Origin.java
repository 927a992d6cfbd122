package dev.pollcheck.driver;

/**
 * Why a function has a role: {@code how} says where the code registers it ({@code unlocked_ioctl},
 * {@code probe}, {@code request_irq handler}) or which registered function calls it
 * ({@code called from foo_probe}).
 */
public record Origin(Role role, String how) {
    public static final Origin UNKNOWN = new Origin(Role.UNKNOWN, "no registration or caller found");
}
