package io.sparkprune.config;

/** How a sweep spends its epochs on its points. */
public enum SweepSchedule implements Named {
    /** Every point trains the whole epoch budget. */
    FULL("full"),
    /** Successive halving: every point trains a few epochs, then only the best fraction of each regularizer type goes on. */
    HALVING("halving");

    private final String configName;

    SweepSchedule(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
