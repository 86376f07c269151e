package io.sparkprune.spark.sweep;

import io.sparkprune.data.DataSplits;
import io.sparkprune.model.Networks;
import io.sparkprune.pipeline.CurveResult;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.sweep.GridPoint;

import java.util.List;

/**
 * One grid point trained in a single JVM (a grid-parallel task): the local pruning pipeline. Any
 * failure (divergence, an exception anywhere) becomes a {@code failed} result, so one bad point
 * never fails the Spark job or costs the other points their retries.
 */
final class PointTraining {
    private PointTraining() {
    }

    static PointResult run(GridPoint point, DataSplits data, List<Double> thresholds) {
        long start = System.nanoTime();
        try {
            CurveResult curve = PruningPipeline.local(point.config(), data).run(Networks.create(point.config()),
                    1, point.config().train().epochs(), thresholds, trained -> { }, pruned -> { });
            return PointResult.succeeded(point, curve.points(), curve.trainSeconds());
        } catch (RuntimeException e) {
            return PointResult.failed(point, e, secondsSince(start));
        }
    }

    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
