package io.sparkprune.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one training run needs, validated when built. Immutable and serializable, so
 * it can travel to executors as it is.
 */
public record RunConfig(DataConfig data, ModelConfig model, TrainConfig train, RegularizerConfig regularizer,
                        PruneConfig prune, SparkSettings spark, SweepSettings sweep) implements Serializable {
    public RunConfig {
        checkTarget(model.arch(), regularizer);
    }

    /**
     * BN scales exist only behind a batch norm, and each is one value per filter: no input-channel
     * groups there. Checked here, where architecture and regularizer meet, so sweeps fail at load.
     */
    private static void checkTarget(Architecture arch, RegularizerConfig reg) {
        if (reg.target() == RegularizerTarget.BN_SCALE && !arch.hasBatchNorm()) {
            throw ConfigException.forKey("regularizer.target", "'bn-scale' needs batch normalization after the "
                    + "convolutions, and model.arch '" + arch.configName() + "' has none: use auto or weights");
        }
        boolean onScales = arch.hasBatchNorm() && reg.target().penalizesScales() && !reg.isOff();
        RegularizerGroup g = reg.group();
        if (onScales && (g == RegularizerGroup.CHANNEL || g == RegularizerGroup.FILTER_CHANNEL)) {
            throw ConfigException.forKey("regularizer.group", "'" + g.configName() + "' groups conv input channels, "
                    + "but regularizer.target '" + reg.target().configName() + "' puts the penalty on BN scales of "
                    + "model.arch '" + arch.configName() + "' (one per filter): use group = filter, or target = weights");
        }
    }

    /** Every key of {@link ConfigKeys} with its value as written in configs, in declaration order. */
    public Map<String, Object> toFlatMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        ConfigKeys.ALL.forEach(k -> m.put(k.name(), k.flatValue(this)));
        return m;
    }
}
