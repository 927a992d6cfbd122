package dev.pollcheck.sim;

import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.TopLevel;
import java.util.Map;

/** Where the interpreter finds the definitions of called functions and the macros of a file. */
public interface FunctionSource {

    /** The definition a call to {@code name} from {@code fromFile} reaches, or null. */
    TopLevel.Function function(String name, String fromFile);

    /** The object-like and function-like macros a file defines, by name. */
    Map<String, MacroDef> macros(String file);

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
