package dev.pollcheck.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, as {@code diff -u} and git write it: three lines of context, hunks
 * merged when their contexts meet, {@code \ No newline at end of file} where a last line has none.
 * Lines common to both ends are set aside first; the middle (one driver's functions) is compared by a
 * longest common subsequence.
 */
public final class UnifiedDiff {
    static final int CONTEXT = 3;
    /** Beyond this many cells the middle is written as one replaced block rather than compared. */
    private static final long MAX_CELLS = 16_000_000L;

    private UnifiedDiff() {
    }

    /** The diff, with {@code --- a/PATH} / {@code +++ b/PATH} headers; empty when the texts are equal. */
    public static String of(String path, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int pre = 0;
        while (pre < a.size() && pre < b.size() && a.get(pre).equals(b.get(pre))) pre++;
        int suf = 0;
        while (suf < a.size() - pre && suf < b.size() - pre
                && a.get(a.size() - 1 - suf).equals(b.get(b.size() - 1 - suf))) suf++;
        if (pre == a.size() && pre == b.size()) return "";
        // ops: ' ' keep, '-' delete, '+' insert, over the whole texts
        List<char[]> ops = new ArrayList<>();
        List<int[]> idx = new ArrayList<>();
        for (int i = 0; i < pre; i++) add(ops, idx, ' ', i, i);
        middle(a, b, pre, a.size() - suf, pre, b.size() - suf, ops, idx);
        for (int k = 0; k < suf; k++) add(ops, idx, ' ', a.size() - suf + k, b.size() - suf + k);

        StringBuilder sb = new StringBuilder();
        sb.append("--- a/").append(path).append('\n').append("+++ b/").append(path).append('\n');
        List<Integer> changes = new ArrayList<>();
        for (int k = 0; k < ops.size(); k++) {
            if (ops.get(k)[0] != ' ') changes.add(k);
        }
        int c = 0;
        while (c < changes.size()) {
            int first = changes.get(c);
            int last = first;
            // changes whose contexts meet (at most 2*CONTEXT kept lines apart) share a hunk
            while (c + 1 < changes.size() && changes.get(c + 1) - last <= 2 * CONTEXT + 1) {
                last = changes.get(++c);
            }
            c++;
            hunk(sb, a, b, ops, idx, Math.max(0, first - CONTEXT), Math.min(ops.size(), last + 1 + CONTEXT));
        }
        return sb.toString();
    }

    private static void hunk(StringBuilder sb, List<String> a, List<String> b, List<char[]> ops, List<int[]> idx,
                             int from, int to) {
        int aStart = -1;
        int bStart = -1;
        int aCount = 0;
        int bCount = 0;
        for (int k = from; k < to; k++) {
            char op = ops.get(k)[0];
            int[] at = idx.get(k);
            if (op != '+') {
                if (aStart < 0) aStart = at[0];
                aCount++;
            }
            if (op != '-') {
                if (bStart < 0) bStart = at[1];
                bCount++;
            }
        }
        // an empty side is numbered by the line before it, as diff does
        int aLine = aCount == 0 ? before(ops, idx, from, 0) : aStart + 1;
        int bLine = bCount == 0 ? before(ops, idx, from, 1) : bStart + 1;
        sb.append("@@ -").append(range(aLine, aCount)).append(" +").append(range(bLine, bCount)).append(" @@\n");
        for (int k = from; k < to; k++) {
            char op = ops.get(k)[0];
            int[] at = idx.get(k);
            String line = op == '+' ? b.get(at[1]) : a.get(at[0]);
            sb.append(op).append(line.endsWith("\n") ? line : line + "\n");
            if (!line.endsWith("\n")) sb.append("\\ No newline at end of file\n");
        }
    }

    private static int before(List<char[]> ops, List<int[]> idx, int from, int side) {
        int count = 0;
        for (int k = 0; k < from; k++) {
            char op = ops.get(k)[0];
            if (side == 0 ? op != '+' : op != '-') count++;
        }
        return count;
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private static void add(List<char[]> ops, List<int[]> idx, char op, int ai, int bi) {
        ops.add(new char[] {op});
        idx.add(new int[] {ai, bi});
    }

    private static void middle(List<String> a, List<String> b, int a0, int a1, int b0, int b1,
                               List<char[]> ops, List<int[]> idx) {
        int n = a1 - a0;
        int m = b1 - b0;
        if ((long) n * m > MAX_CELLS) {
            for (int i = a0; i < a1; i++) add(ops, idx, '-', i, b0);
            for (int j = b0; j < b1; j++) add(ops, idx, '+', a1, j);
            return;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(a0 + i).equals(b.get(b0 + j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(a0 + i).equals(b.get(b0 + j))) {
                add(ops, idx, ' ', a0 + i, b0 + j);
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                add(ops, idx, '-', a0 + i, b0 + j);
                i++;
            } else {
                add(ops, idx, '+', a0 + i, b0 + j);
                j++;
            }
        }
    }

    /** Lines with their newline; a last line without one is kept as it is. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(s, i + 1));
                s = i + 1;
            }
        }
        if (s < text.length()) out.add(text.substring(s));
        return out;
    }
}
