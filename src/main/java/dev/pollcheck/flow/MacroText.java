package dev.pollcheck.flow;

import dev.pollcheck.model.MacroDef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Textual expansion of same-file macros, for the few places pollcheck needs to look inside one. The
 * rules ({@link PollFlow}) and the simulator read a function-like macro invoked in a body through
 * {@link #expandCall}, so both see the same expansion.
 */
public final class MacroText {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_]\\w*|\\S|\\s+");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_]\\w*");
    static final int MAX_DEPTH = 3;
    static final int MAX_LENGTH = 1 << 16;

    private final Program program;
    private final String file;

    MacroText(Program program, String file) {
        this.program = program;
        this.file = file;
    }

    String expand(MacroDef def, List<String> args) {
        return expand(def, args, 0);
    }

    /**
     * The expansion of {@code name(args...)} invoked in {@code file}, when {@code name} is a
     * function-like macro of that file; null otherwise. {@code args} are the arguments' texts.
     */
    public static String expandCall(Program program, String file, String name, List<String> args) {
        MacroDef macro = name == null ? null : program.macro(file, name);
        if (macro == null || !macro.functionLike()) return null;
        return new MacroText(program, file).expand(macro, args);
    }

    /** Parameters replaced by arguments, {@code ##} pasted, object-like macros of the file expanded again. */
    String expand(MacroDef def, List<String> args, int depth) {
        String body = def.body() == null ? "" : def.body();
        if (def.functionLike()) {
            List<String> params = def.params();
            StringBuilder sb = new StringBuilder();
            Matcher m = TOKEN.matcher(body);
            while (m.find()) {
                String tok = m.group();
                int idx = params.indexOf(tok);
                boolean variadic = !params.isEmpty() && params.get(params.size() - 1).equals("...");
                if (tok.equals("__VA_ARGS__") && variadic) {
                    int from = Math.min(params.size() - 1, args.size());
                    sb.append(String.join(", ", args.subList(from, args.size())));
                } else if (idx >= 0 && idx < args.size()) {
                    sb.append(args.get(idx));
                } else {
                    sb.append(tok);
                }
            }
            body = sb.toString();
        }
        body = body.replaceAll("\\s*##\\s*", "");
        if (depth >= MAX_DEPTH || body.length() > MAX_LENGTH) return body;
        StringBuilder out = new StringBuilder();
        Matcher m = IDENT.matcher(body);
        int last = 0;
        while (m.find()) {
            out.append(body, last, m.start());
            MacroDef inner = program.macro(file, m.group());
            if (inner != null && !inner.functionLike() && inner != def && out.length() < MAX_LENGTH && !numeric(inner)) {
                out.append(expand(inner, List.of(), depth + 1));
            } else {
                out.append(m.group());
            }
            last = m.end();
        }
        out.append(body.substring(last));
        return out.toString();
    }

    /** A number, a shift of numbers or {@code BIT(n)}, in parentheses or not: {@code 4}, {@code (1 << 2)}, {@code BIT(3)}. */
    private static final Pattern NUMERIC = Pattern.compile(
            "\\(*(?:\\d[0-9a-fA-FxXuUlL]*(?:<<\\d+)?|BIT(?:_ULL)?\\(\\d+\\))\\)*");

    /**
     * Whether an object-like macro is a plain number ({@code #define SEQ_OVERRUN 4}): its name is
     * kept, for it says which bit a test reads ({@code status & SEQ_OVERRUN} is a flag the driver
     * sets by name), and whoever needs the value evaluates the name.
     */
    private static boolean numeric(MacroDef m) {
        return m.body() != null && NUMERIC.matcher(m.body().replaceAll("\\s+", "")).matches();
    }

    /** The comma-separated arguments of a call whose '(' ends just before {@code from}; null if unbalanced. */
    static List<String> splitArgs(String text, int from) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') depth++;
            if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    out.add(cur.toString().strip());
                    return out;
                }
                depth--;
            }
            if (c == ',' && depth == 0) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        return null;
    }
}
