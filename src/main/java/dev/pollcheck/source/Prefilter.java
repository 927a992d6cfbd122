package dev.pollcheck.source;

/**
 * Decides cheaply whether a file may hold something the analysis needs: a poll method, a helper
 * that takes a {@code poll_table}, or a file_operations / proc_ops initializer naming a poll method.
 *
 * <p>It looks, with plain {@code indexOf} and no regular expression, for every occurrence of
 * {@code poll} and says yes when one of them is written as:
 * <ul>
 *   <li>{@code poll_wait} (also inside {@code sock_poll_wait}, {@code poll_wait_...});</li>
 *   <li>{@code poll_table} (also {@code poll_table_struct});</li>
 *   <li>{@code .poll} (the member of an ops initializer: {@code .poll = foo_poll},
 *       {@code .poll\t= ...});</li>
 *   <li>{@code proc_poll} ({@code .proc_poll = ...} of a {@code proc_ops});</li>
 *   <li>{@code _poll} followed by optional blanks and {@code (}: a call or definition of a
 *       function named {@code ..._poll}, such as {@code vb2_poll(} or {@code foo_poll (}.</li>
 * </ul>
 * Comments and strings are not told apart from code: a mention in a comment also says yes, which
 * only costs a parse. The test is one pass over the text (each {@code indexOf} resumes after the
 * last hit).
 */
public final class Prefilter {
    private Prefilter() {
    }

    public static boolean mayMatter(String text) {
        int from = 0;
        int n = text.length();
        while (true) {
            int i = text.indexOf("poll", from);
            if (i < 0) {
                return false;
            }
            int after = i + 4;
            if (text.startsWith("_wait", after) || text.startsWith("_table", after)) {
                return true;
            }
            if (i > 0) {
                char before = text.charAt(i - 1);
                if (before == '.') {
                    return true;
                }
                if (before == '_') {
                    if (i >= 5 && text.startsWith("proc_", i - 5)) {
                        return true;
                    }
                    int j = after;
                    while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                        j++;
                    }
                    if (j < n && text.charAt(j) == '(') {
                        return true;
                    }
                }
            }
            from = after;
        }
    }
}
