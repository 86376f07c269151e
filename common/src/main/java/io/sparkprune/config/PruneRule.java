package io.sparkprune.config;

/** How a filter's norm is compared with the threshold. */
public enum PruneRule implements Named {
    /** Irrelevant when s_f / max_g s_g &lt; tau within its layer. */
    RELATIVE("relative"),
    /** Irrelevant when s_f &lt; tau. */
    ABSOLUTE("absolute");

    private final String configName;

    PruneRule(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
