package io.sparkprune.config;

import java.util.EnumSet;
import java.util.Set;

/** The penalties compared by sparkprune, with the groupings each one accepts. */
public enum RegularizerType implements Named {
    NONE("none", EnumSet.of(RegularizerGroup.FILTER)),
    L2("l2", EnumSet.of(RegularizerGroup.FILTER)),
    L1("l1", EnumSet.of(RegularizerGroup.FILTER)),
    L1L2("l1l2", EnumSet.of(RegularizerGroup.FILTER, RegularizerGroup.ELEMENT, RegularizerGroup.CHANNEL)),
    SSL("ssl", EnumSet.of(RegularizerGroup.FILTER, RegularizerGroup.FILTER_CHANNEL)),
    HOYER_SQUARE("hoyer-square", EnumSet.of(RegularizerGroup.FILTER));

    private final String configName;
    private final Set<RegularizerGroup> groups;

    RegularizerType(String configName, Set<RegularizerGroup> groups) {
        this.configName = configName;
        this.groups = groups;
    }

    @Override
    public String configName() {
        return configName;
    }

    /** Groupings this type accepts; element-wise types ignore grouping and accept only the default. */
    public Set<RegularizerGroup> allowedGroups() {
        return EnumSet.copyOf(groups);
    }
}
