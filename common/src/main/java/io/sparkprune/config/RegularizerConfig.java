package io.sparkprune.config;

import java.io.Serializable;

/**
 * Which penalty, its strength lambda, its grouping, and whether dense weights get it too. For
 * {@code none} lambda reads 0 and dense false whatever was set, so that equal runs are equal configs.
 */
public record RegularizerConfig(RegularizerType type, double lambda, RegularizerGroup group, boolean dense)
        implements Serializable {
    public RegularizerConfig {
        Check.nonNegative("regularizer.lambda", lambda);
        if (type == RegularizerType.NONE) {
            lambda = 0.0;
            dense = false;
        }
        if (!type.allowedGroups().contains(group)) {
            throw ConfigException.forKey("regularizer.group", "'" + group.configName()
                    + "' is not a grouping of regularizer.type '" + type.configName() + "'; allowed: "
                    + type.allowedGroups().stream().map(Named::configName).toList());
        }
    }

    /** True when training sees no penalty at all. */
    public boolean isOff() {
        return type == RegularizerType.NONE || lambda == 0.0;
    }
}
