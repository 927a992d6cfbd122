package dev.pollcheck.rules;

import dev.pollcheck.flow.FlowConfig;

/** The run's configuration for the flow stage and the rules. */
public record AnalysisConfig(FlowConfig flow) {
    public static AnalysisConfig defaults() {
        return new AnalysisConfig(FlowConfig.defaults());
    }
}
