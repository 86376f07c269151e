package io.sparkprune.config;

import java.io.Serializable;
import java.util.Objects;

/** Optimisation budget: Adam with this learning rate and schedule, minibatch size per worker, one seed. */
public record TrainConfig(int epochs, int batchSize, double lr, LearningRateSchedule lrSchedule, long seed)
        implements Serializable {
    public TrainConfig {
        ConfigKeys.TRAIN_EPOCHS.check(epochs);
        ConfigKeys.TRAIN_BATCH_SIZE.check(batchSize);
        ConfigKeys.TRAIN_LR.check(lr);
        Objects.requireNonNull(lrSchedule, "train.lr-schedule");
    }
}
