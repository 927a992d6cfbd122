package dev.pollcheck.flow;

import java.nio.file.Path;
import java.util.List;

/**
 * What the user can add to the flow stage.
 *
 * @param extraOps    {@code TYPE.member} strings ({@code struct foo_ops.poll}) naming more poll members
 * @param opsFiles    extra files in the format of {@code ops-types.txt}
 * @param modelFiles  extra files in the format of {@code helper-models.txt}
 */
public record FlowConfig(List<String> extraOps, List<Path> opsFiles, List<Path> modelFiles) {
    public FlowConfig {
        extraOps = List.copyOf(extraOps);
        opsFiles = List.copyOf(opsFiles);
        modelFiles = List.copyOf(modelFiles);
    }

    public static FlowConfig defaults() {
        return new FlowConfig(List.of(), List.of(), List.of());
    }
}
