package io.sparkprune.spark.sweep;

import io.sparkprune.sweep.GridPoint;

import java.io.Serializable;

/**
 * How far a point trains this time and what it measures there: up to epoch {@code epochs}
 * (continuing from its checkpoint; null: the point's own {@code train.epochs}), then its curve.
 * {@code last} is the point's whole budget, measured as the sweep records it (with fine-tuning);
 * otherwise a halving rung's measurement (the grid thresholds only: no fine-tuning, cuts or budget).
 */
record TrainingStage(Integer epochs, boolean last) implements Serializable {
    /** Each point through its own whole budget. */
    static TrainingStage whole() {
        return new TrainingStage(null, true);
    }

    /** Each point up to a successive-halving rung of {@code epochs} epochs. */
    static TrainingStage rung(int epochs) {
        return new TrainingStage(epochs, false);
    }

    int epochsOf(GridPoint p) {
        return epochs == null ? p.config().train().epochs() : epochs;
    }
}
