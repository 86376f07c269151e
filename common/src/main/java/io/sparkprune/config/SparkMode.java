package io.sparkprune.config;

/** How a sweep spreads work over the cluster. */
public enum SparkMode implements Named {
    /** Grid points in turn, each trained by parameter averaging across executors. */
    DATA_PARALLEL("data-parallel"),
    /** One Spark task per grid point, trained in a single executor JVM. */
    GRID_PARALLEL("grid-parallel");

    private final String configName;

    SparkMode(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
