package io.sparkprune.config;

/** How weights are grouped by a group-sparsity penalty. */
public enum RegularizerGroup implements Named {
    /** One group per output filter (conv) or output neuron (dense). */
    FILTER("filter"),
    /** Every coefficient on its own. */
    ELEMENT("element"),
    /** One group per input channel. */
    CHANNEL("channel"),
    /** Filter groups plus input-channel groups (SSL). */
    FILTER_CHANNEL("filter+channel");

    private final String configName;

    RegularizerGroup(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
