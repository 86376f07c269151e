package io.sparkprune.config;

import java.io.Serializable;

/**
 * How a sweep schedules its points' epochs (read by the {@code sweep} command only; a single run
 * ignores it). With {@code halving}, points are measured at rungs of {@code minEpochs * eta^k}
 * epochs (capped at {@code train.epochs}) and only the best 1/eta of each regularizer type go on.
 */
public record SweepSettings(SweepSchedule schedule, int halvingMinEpochs, int halvingEta) implements Serializable {
    public SweepSettings {
        ConfigKeys.SWEEP_HALVING_MIN_EPOCHS.check(halvingMinEpochs);
        ConfigKeys.SWEEP_HALVING_ETA.check(halvingEta);
    }
}
