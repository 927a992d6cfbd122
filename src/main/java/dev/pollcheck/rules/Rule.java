package dev.pollcheck.rules;

import dev.pollcheck.driver.Atoms;
import dev.pollcheck.driver.DriverModels;
import dev.pollcheck.flow.FunctionFlow;
import dev.pollcheck.flow.Program;
import dev.pollcheck.flow.Registration;
import dev.pollcheck.flow.Summary;
import dev.pollcheck.model.TopLevel;
import java.util.Set;

/**
 * One rule: its metadata and what it says about a registration or a whole poll method. The
 * {@link Analyzer} asks the rules in registry order; for one registration the first finding wins.
 */
public interface Rule {
    RuleInfo info();

    /**
     * A registration reached from a poll method.
     *
     * @param method the poll method the walk started from
     * @param owner  the summary of the function containing the registration (the method or a helper)
     * @param drivers    the run's driver models (who writes the state a condition reads)
     * @param binding    how the owner was called from the method (its parameters' arguments), null
     *                   when the owner is the method
     * @param registered the last members of the queues the method registers on some path
     */
    record RegistrationSite(Program program, TopLevel.Function method, Summary owner, Registration registration,
                            DriverModels drivers, Atoms.Binding binding, Set<String> registered) {
        public RegistrationSite(Program program, TopLevel.Function method, Summary owner, Registration registration) {
            this(program, method, owner, registration, null, null, Set.of());
        }

        public FunctionFlow flow() {
            return owner.flow();
        }
    }

    /** A poll method with its summary. */
    record MethodSite(Program program, TopLevel.Function method, Summary summary) {
    }

    default Finding check(RegistrationSite site) {
        return null;
    }

    default Finding check(MethodSite site) {
        return null;
    }
}
