package io.sparkprune.config;

/**
 * How Adam's learning rate moves over the epochs: {@code constant}, or {@code linear} decay from
 * {@code train.lr} in the first epoch to {@code train.lr / train.epochs} in the last. The decay
 * buys the last tenths of a percent of accuracy that a sparsity penalty otherwise costs.
 */
public enum LearningRateSchedule implements Named {
    CONSTANT("constant"),
    LINEAR("linear");

    private final String configName;

    LearningRateSchedule(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
