package dev.pollcheck.parse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.pollcheck.model.MacroDef;

/** Textual substitution of a function-like macro's parameters ({@code #} and {@code ##} included). */
final class MacroExpander {
    private MacroExpander() {
    }

    /** The body with arguments substituted, or null when the argument count does not fit. */
    static String substitute(MacroDef def, List<String> args) {
        List<String> params = def.params();
        Map<String, String> values = new HashMap<>();
        int fixed = params.size();
        String variadic = null;
        if (fixed > 0 && params.get(fixed - 1).endsWith("...")) {
            String p = params.get(fixed - 1);
            variadic = p.equals("...") ? "__VA_ARGS__" : p.substring(0, p.length() - 3);
            fixed--;
        }
        List<String> given = args;
        if (given.size() == 1 && given.get(0).isBlank() && fixed == 0) {
            given = List.of();
        }
        if (given.size() < fixed || (variadic == null && given.size() != fixed)) {
            return null;
        }
        for (int i = 0; i < fixed; i++) {
            values.put(params.get(i), given.get(i).strip());
        }
        if (variadic != null) {
            values.put(variadic, String.join(", ", given.subList(fixed, given.size())).strip());
        }
        String body = def.body() == null ? "" : def.body();
        StringBuilder out = new StringBuilder();
        int n = body.length();
        int i = 0;
        while (i < n) {
            char c = body.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && body.charAt(j) != c) {
                    j += body.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(n, j + 1);
                out.append(body, i, j);
                i = j;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i;
                while (j < n && Character.isJavaIdentifierPart(body.charAt(j))) {
                    j++;
                }
                String id = body.substring(i, j);
                out.append(values.getOrDefault(id, id));
                i = j;
            } else if (c == '#' && i + 1 < n && body.charAt(i + 1) == '#') {
                // Token pasting: drop the operator and the spaces around it.
                while (out.length() > 0 && Character.isWhitespace(out.charAt(out.length() - 1))) {
                    out.setLength(out.length() - 1);
                }
                i += 2;
                while (i < n && Character.isWhitespace(body.charAt(i))) {
                    i++;
                }
            } else if (c == '#') {
                int j = i + 1;
                while (j < n && Character.isWhitespace(body.charAt(j))) {
                    j++;
                }
                int k = j;
                while (k < n && Character.isJavaIdentifierPart(body.charAt(k))) {
                    k++;
                }
                String id = body.substring(j, k);
                if (values.containsKey(id)) {
                    out.append('"').append(values.get(id).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                    i = k;
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
