package io.sparkprune.config;

import java.io.Serializable;

/**
 * Which penalty, its strength lambda, its grouping, whether dense weights get it too, and what it
 * acts on behind a batch norm ({@link RegularizerTarget}). For {@code none} lambda reads 0, dense
 * false and target auto whatever was set, so that equal runs are equal configs.
 */
public record RegularizerConfig(RegularizerType type, double lambda, RegularizerGroup group, boolean dense,
                                RegularizerTarget target) implements Serializable {
    public RegularizerConfig {
        Check.nonNegative("regularizer.lambda", lambda);
        if (type == RegularizerType.NONE) {
            lambda = 0.0;
            dense = false;
            target = RegularizerTarget.AUTO;
        }
        if (!type.allowedGroups().contains(group)) {
            throw ConfigException.forKey("regularizer.group", "'" + group.configName()
                    + "' is not a grouping of regularizer.type '" + type.configName() + "'; allowed: "
                    + type.allowedGroups().stream().map(Named::configName).toList());
        }
    }

    /** With the default target, {@code auto}. */
    public RegularizerConfig(RegularizerType type, double lambda, RegularizerGroup group, boolean dense) {
        this(type, lambda, group, dense, RegularizerTarget.AUTO);
    }

    /** True when training sees no penalty at all. */
    public boolean isOff() {
        return type == RegularizerType.NONE || lambda == 0.0;
    }
}
