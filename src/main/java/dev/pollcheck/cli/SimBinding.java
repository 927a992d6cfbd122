package dev.pollcheck.cli;

import dev.pollcheck.flow.HelperModel;
import dev.pollcheck.flow.HelperModels;
import dev.pollcheck.flow.Program;
import dev.pollcheck.model.MacroDef;
import dev.pollcheck.model.TopLevel;
import dev.pollcheck.sim.FunctionSource;
import dev.pollcheck.sim.HelperSemantics;
import java.util.List;
import java.util.Map;

/**
 * Hands the flow stage's program index and helper models to the simulator, which does not depend on
 * the flow stage: the simulator sees definitions and helper behaviour through its own interfaces.
 */
public final class SimBinding {

    private SimBinding() {
    }

    public static FunctionSource functions(Program program) {
        return new FunctionSource() {
            @Override
            public TopLevel.Function function(String name, String fromFile) {
                return program.function(name, fromFile);
            }

            @Override
            public Map<String, MacroDef> macros(String file) {
                return program.macros(file);
            }
        };
    }

    /**
     * The models as the simulator reads them. A helper that registers only sometimes is taken as
     * registering: the model cannot say when, and a witness must not rest on a guess that it did not.
     */
    public static HelperSemantics helpers(HelperModels models) {
        return name -> {
            HelperModel m = models.get(name);
            if (m == null) return null;
            List<String> queues = m.registers() == HelperModel.Registers.NEVER ? List.of() : m.queues();
            return new HelperSemantics.Helper(m.name(), m.ptArg(), queues,
                    HelperSemantics.Returns.valueOf(m.returns().name()));
        };
    }
}
