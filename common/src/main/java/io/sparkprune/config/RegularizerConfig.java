package io.sparkprune.config;

import java.io.Serializable;

/**
 * Which penalty, its strength lambda, its grouping, whether dense weights get it too, and what it
 * acts on behind a batch norm ({@link RegularizerTarget}). A run without a penalty is {@code none}
 * with lambda 0, group filter, dense false and target auto whatever was set, a penalty type at
 * lambda 0 included: equal runs are equal configs, and a result labelled with a penalty type was
 * trained with that penalty.
 */
public record RegularizerConfig(RegularizerType type, double lambda, RegularizerGroup group, boolean dense,
                                RegularizerTarget target) implements Serializable {
    public RegularizerConfig {
        ConfigKeys.REGULARIZER_LAMBDA.check(lambda);
        if (!type.allowedGroups().contains(group)) {
            throw ConfigException.forKey("regularizer.group", "'" + group.configName()
                    + "' is not a grouping of regularizer.type '" + type.configName() + "'; allowed: "
                    + type.allowedGroups().stream().map(Named::configName).toList());
        }
        if (type == RegularizerType.NONE || lambda == 0.0) {
            type = RegularizerType.NONE;
            lambda = 0.0;
            group = RegularizerGroup.FILTER;
            dense = false;
            target = RegularizerTarget.AUTO;
        }
    }

    /** With the default target, {@code auto}. */
    public RegularizerConfig(RegularizerType type, double lambda, RegularizerGroup group, boolean dense) {
        this(type, lambda, group, dense, RegularizerTarget.AUTO);
    }

    /** True when training sees no penalty at all. */
    public boolean isOff() {
        return type == RegularizerType.NONE;
    }
}
