package io.sparkprune.config;

import java.io.Serializable;

/** Which penalty, its strength lambda, its grouping, and whether dense weights get it too. */
public record RegularizerConfig(RegularizerType type, double lambda, RegularizerGroup group, boolean dense)
        implements Serializable {
    public RegularizerConfig {
        Check.nonNegative("regularizer.lambda", lambda);
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
