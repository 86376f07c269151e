package io.sparkprune.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one training run needs, validated when built. Immutable and serializable, so
 * it can travel to executors as it is.
 */
public record RunConfig(DataConfig data, ModelConfig model, TrainConfig train, RegularizerConfig regularizer,
                        PruneConfig prune, SparkSettings spark) implements Serializable {

    /** Every key of {@link ConfigKeys} with its value as written in configs, in declaration order. */
    public Map<String, Object> toFlatMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        ConfigKeys.ALL.forEach(k -> m.put(k.name(), k.flatValue(this)));
        return m;
    }
}
