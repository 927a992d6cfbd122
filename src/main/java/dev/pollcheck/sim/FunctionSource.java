package dev.pollcheck.sim;

import dev.pollcheck.model.Expr;
import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.Node;
import dev.pollcheck.model.TopLevel;
import java.util.Map;

/** Where the interpreter finds the definitions of called functions and the macros of a file. */
public interface FunctionSource {

    /** The definition a call to {@code name} from {@code fromFile} reaches, or null. */
    TopLevel.Function function(String name, String fromFile);

    /** The object-like and function-like macros a file defines, by name. */
    Map<String, MacroDef> macros(String file);

    /**
     * The expansion of a same-file function-like macro invoked as {@code call} in {@code file}, parsed
     * (an {@link dev.pollcheck.model.Expr} or a {@link dev.pollcheck.model.Stmt}); null when there is none
     * or it does not parse.
     */
    default Node macroExpansion(String file, Expr.Call call) {
        return null;
    }

    FunctionSource NONE = new FunctionSource() {
        @Override
        public TopLevel.Function function(String name, String fromFile) {
            return null;
        }

        @Override
        public Map<String, MacroDef> macros(String file) {
            return Map.of();
        }
    };
}
