package dev.pollcheck.model;

import java.util.List;

/**
 * A C type as written, reduced to its tokens with attribute macros dropped: {@code struct file *},
 * {@code poll_table *}, {@code const struct file_operations}. pollcheck never needs a type system,
 * only the spelling, so the tokens are kept joined by single spaces.
 */
public record TypeRef(String text) {

    public static final TypeRef UNKNOWN = new TypeRef("");

    public static TypeRef of(List<String> tokens) {
        return new TypeRef(String.join(" ", tokens));
    }

    /** The tag of the first struct/union/enum named in the type, or null: {@code file} for {@code struct file *}. */
    public String tag() {
        String[] parts = text.split(" ");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals("struct") || parts[i].equals("union") || parts[i].equals("enum")) {
                return parts[i + 1];
            }
        }
        return null;
    }

    /** How many {@code *} the spelling carries. */
    public int pointerDepth() {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '*') {
                n++;
            }
        }
        return n;
    }

    /** The spelling without qualifiers and pointers: {@code struct file} for {@code const struct file *}. */
    public String base() {
        StringBuilder sb = new StringBuilder();
        for (String p : text.split(" ")) {
            if (p.isEmpty() || p.equals("*") || p.equals("const") || p.equals("volatile") || p.equals("restrict")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(p);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
