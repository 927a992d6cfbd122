package dev.pollcheck.driver;

import java.util.HashMap;
import java.util.Map;

/**
 * The run's driver models, one per directory, made on first use: a run whose poll methods have no
 * state condition to judge reads nothing more. Thread-safe.
 */
public final class DriverModels {
    private final DriverSources sources;
    private final DriverKnowledge knowledge;
    private final Map<String, DriverModel> byDir = new HashMap<>();

    public DriverModels(DriverSources sources, DriverKnowledge knowledge) {
        this.sources = sources;
        this.knowledge = knowledge;
    }

    /** The model of the driver whose directory holds {@code file}. */
    public synchronized DriverModel forFile(String file) {
        return byDir.computeIfAbsent(DriverSources.dirOf(file), d -> DriverModel.of(sources, knowledge, file));
    }

    public DriverKnowledge knowledge() {
        return knowledge;
    }
}
