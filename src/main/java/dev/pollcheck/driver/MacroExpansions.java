package dev.pollcheck.driver;

import dev.pollcheck.flow.CText;
import dev.pollcheck.flow.MacroText;
import dev.pollcheck.flow.Program;
import dev.pollcheck.model.Expr;
import dev.pollcheck.model.Node;
import dev.pollcheck.parse.CParser;
import dev.pollcheck.parse.ParseConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parsed expansions of function-like macros invoked in the program's bodies: the text
 * {@link MacroText} makes (the file's own macros and its headers', as the rules expand them), read by
 * the driver model's atoms ({@code is_read_mode(dp->file_mode)} is a test of a flag) and by the
 * simulator's interpreter. One instance per run, so both read one expansion of each invocation. A
 * macro given a string literal is logging and is left unexpanded, as an unknown call.
 * Thread-safe.
 */
public final class MacroExpansions {
    private final Program program;
    private final ParseConfig config;
    private final Map<String, Optional<Node>> cache = new ConcurrentHashMap<>();
    /** Made on the first macro met: most methods have none. */
    private CParser parser;

    public MacroExpansions(Program program, ParseConfig config) {
        this.program = program;
        this.config = config == null ? ParseConfig.defaults() : config;
    }

    /** The expansion of {@code call}, invoked in {@code file}, as an expression or a statement; null when it is no macro of the file. */
    public Node expand(String file, Expr.Call call) {
        if (call.name() == null) return null;
        List<String> args = new ArrayList<>(call.args().size());
        for (Expr a : call.args()) {
            // A string literal argument is a message (IVTV_DEBUG_INFO("...")): logging, whose expansion's
            // tests of debug levels would only multiply the paths the simulator walks.
            if (CText.strip(a) instanceof Expr.StringConst) return null;
            args.add(CText.of(a));
        }
        String text = MacroText.expandCall(program, file, call.name(), args);
        if (text == null) return null;
        String key = file + "\0" + call.span() + "\0" + text;
        return cache.computeIfAbsent(key, k -> {
            synchronized (this) {
                if (parser == null) parser = new CParser(config);
                return Optional.ofNullable(parser.parseExpansion(text, call.span()));
            }
        }).orElse(null);
    }
}
