package io.sparkprune.config;

import java.io.Serializable;

/**
 * Which penalty, its strength lambda, its grouping, and whether dense weights get it too. A run
 * without a penalty is {@code none} with lambda 0, group filter and dense false whatever was set,
 * a penalty type at lambda 0 included: equal runs are equal configs, and a result labelled with a
 * penalty type was trained with that penalty.
 */
public record RegularizerConfig(RegularizerType type, double lambda, RegularizerGroup group, boolean dense)
        implements Serializable {
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
        }
    }

    /** True when training sees no penalty at all. */
    public boolean isOff() {
        return type == RegularizerType.NONE;
    }
}
