package io.sparkprune.config;

import java.io.Serializable;
import java.util.Objects;

/** Optimisation budget: Adam with this learning rate and schedule, minibatch size per worker, one seed. */
public record TrainConfig(int epochs, int batchSize, double lr, LearningRateSchedule lrSchedule, long seed)
        implements Serializable {
    public TrainConfig {
        Check.nonNegative("train.epochs", epochs);
        Check.positive("train.batch-size", batchSize);
        Check.positive("train.lr", lr);
        Objects.requireNonNull(lrSchedule, "train.lr-schedule");
        if (lr >= 1.0) {
            throw ConfigException.forKey("train.lr", "must be < 1.0 for Adam, got " + lr);
        }
    }
}
