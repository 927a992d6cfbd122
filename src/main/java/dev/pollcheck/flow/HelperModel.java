package dev.pollcheck.flow;

import java.util.List;
import java.util.Locale;

/**
 * What a helper that is not in the scanned tree does with a poll_table (one line of
 * {@code helper-models.txt}).
 *
 * @param name      the helper's name
 * @param ptArg     1-based index of the poll_table argument, 0 when it takes none
 * @param registers whether it registers a wait queue on that poll_table
 * @param queues    templates of what it registers ({@code &$2->wq.wait}: {@code $N} is argument N as
 *                  written), {@code unknown} when it cannot be said
 * @param returns   what its return value carries
 * @param primitive true for the poll machinery itself ({@code poll_wait}): the model is used even
 *                  when the tree has a definition
 */
public record HelperModel(String name, int ptArg, Registers registers, List<String> queues, Returns returns,
                          boolean primitive) {

    public enum Registers {
        ALWAYS, CONDITIONAL, NEVER;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Returns {
        /** The requested events, or a mask filtered by them. */
        EVENTS,
        /** A readiness mask computed from state only. */
        MASK,
        /** Whether the poll_table cannot register ({@code poll_does_not_wait}). */
        PTCHECK,
        /** Nothing poll-related. */
        NONE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The queues registered by a call with these argument texts ({@code $N} filled in). */
    public List<String> queuesFor(List<String> args) {
        return queues.stream().map(q -> fill(q, args)).toList();
    }

    private static String fill(String template, List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int j = i + 1;
                while (j < template.length() && Character.isDigit(template.charAt(j))) j++;
                int n = Integer.parseInt(template.substring(i + 1, j));
                String arg = n >= 1 && n <= args.size() ? args.get(n - 1) : "?";
                // An argument that is an address (&x) inside a member chain reads better unwrapped.
                boolean arrow = template.startsWith("->", j);
                boolean chained = j < template.length() && (arrow || template.charAt(j) == '.');
                if (arrow && arg.startsWith("&") && arg.substring(1).strip().matches("[A-Za-z_][A-Za-z_0-9]*(->[A-Za-z_][A-Za-z_0-9]*|\\.[A-Za-z_][A-Za-z_0-9]*)*")) {
                    // &$1->done_wq with &ctx->q reads &ctx->q.done_wq
                    sb.append(arg.substring(1).strip()).append('.');
                    i = j + 1;
                    continue;
                }
                if (chained && !arg.matches("[A-Za-z_][A-Za-z_0-9]*")) {
                    arg = "(" + arg + ")";
                }
                sb.append(arg);
                i = j - 1;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
