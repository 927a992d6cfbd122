package dev.pollcheck.flow;

import dev.pollcheck.model.Param;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.model.TypeRef;
import java.util.List;
import java.util.Set;

/** Recognises poll-related types by their spelling (pollcheck has no type system, see {@link TypeRef}). */
public final class Shapes {
    private static final Set<String> NOISE = Set.of("static", "inline", "__inline", "__inline__", "extern",
            "const", "volatile", "__always_inline", "noinline", "__maybe_unused", "__used", "notrace",
            "__cold", "__hot", "__init", "__exit", "*");

    private Shapes() {
    }

    /** {@code poll_table *} or {@code struct poll_table_struct *}. */
    public static boolean isPollTable(TypeRef t) {
        if (t == null || t.pointerDepth() != 1) {
            return false;
        }
        String b = t.base();
        return b.equals("poll_table") || b.equals("struct poll_table_struct");
    }

    /** {@code struct file *}. */
    public static boolean isFile(TypeRef t) {
        return t != null && t.pointerDepth() == 1 && "struct file".equals(core(t));
    }

    public static boolean isSocket(TypeRef t) {
        return t != null && t.pointerDepth() == 1 && "struct socket".equals(core(t));
    }

    /** A return type a poll method can have: {@code __poll_t}, {@code unsigned int}, {@code int}, {@code unsigned}. */
    public static boolean isPollReturn(TypeRef t) {
        if (t == null || t.pointerDepth() != 0) {
            return false;
        }
        String c = core(t);
        return c.equals("__poll_t") || c.equals("unsigned int") || c.equals("int") || c.equals("unsigned")
                || c.equals("u32") || c.equals("poll_t");
    }

    /** The 0-based index of the first poll_table parameter, or -1. */
    public static int pollTableParam(List<Param> params) {
        for (int i = 0; i < params.size(); i++) {
            if (isPollTable(params.get(i).type())) {
                return i;
            }
        }
        return -1;
    }

    /** Returns a poll mask and takes a poll_table: the shape of every ops poll member. */
    public static boolean hasPollShape(TopLevel.Function f) {
        return isPollReturn(f.returnType()) && pollTableParam(f.params()) >= 0;
    }

    /**
     * The signature alone says poll method: {@code (struct file *, poll_table *)} or
     * {@code (struct file *, struct socket *, poll_table *)} returning a mask.
     */
    public static boolean isPollMethodSignature(TopLevel.Function f) {
        if (!isPollReturn(f.returnType())) {
            return false;
        }
        List<Param> p = f.params();
        if (p.size() == 2) {
            return isFile(p.get(0).type()) && isPollTable(p.get(1).type());
        }
        if (p.size() == 3) {
            return isFile(p.get(0).type()) && isSocket(p.get(1).type()) && isPollTable(p.get(2).type());
        }
        return false;
    }

    /** The type without storage classes, qualifiers, attributes and pointers. */
    static String core(TypeRef t) {
        StringBuilder sb = new StringBuilder();
        for (String w : t.text().split(" ")) {
            if (w.isEmpty() || NOISE.contains(w)) {
                continue;
            }
            if (sb.length() > 0) sb.append(' ');
            sb.append(w);
        }
        return sb.toString();
    }
}
