package io.sparkprune.config;

/** {@code data.normalize}: how pixel bytes become the network's input values. */
public enum Normalization implements Named {
    /** pixel / 255, in [0, 1]. */
    UNIT("unit"),
    /** (pixel / 255 - mean_c) / std_c, with each channel's mean and std over the training images. */
    PER_CHANNEL("per-channel");

    private final String configName;

    Normalization(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
