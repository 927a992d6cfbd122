package dev.pollcheck.rules;

import dev.pollcheck.driver.DriverModels;
import dev.pollcheck.flow.FlowConfig;

/**
 * The run's configuration for the flow stage and the rules.
 *
 * @param drivers the run's driver models, shared with the simulator; null: made from the program's
 *                own units (every body parsed, as in the tests and {@code --all-files})
 */
public record AnalysisConfig(FlowConfig flow, DriverModels drivers) {
    public AnalysisConfig(FlowConfig flow) {
        this(flow, null);
    }

    public static AnalysisConfig defaults() {
        return new AnalysisConfig(FlowConfig.defaults());
    }
}
