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

    private final MacroExpansions expansions;

    public DriverModels(DriverSources sources, DriverKnowledge knowledge) {
        this(sources, knowledge, null);
    }

    /** {@code expansions}: the run's macro expansions, which the atoms of a condition read (null: none). */
    public DriverModels(DriverSources sources, DriverKnowledge knowledge, MacroExpansions expansions) {
        this.sources = sources;
        this.knowledge = knowledge;
        this.expansions = expansions;
    }

    /** The model of the driver whose directory holds {@code file}. */
    public synchronized DriverModel forFile(String file) {
        return byDir.computeIfAbsent(DriverSources.dirOf(file), d -> DriverModel.of(sources, knowledge, file, expansions));
    }

    /** The run's macro expansions, shared with the simulator; null when none were given. */
    public MacroExpansions expansions() {
        return expansions;
    }

    public DriverKnowledge knowledge() {
        return knowledge;
    }
}
