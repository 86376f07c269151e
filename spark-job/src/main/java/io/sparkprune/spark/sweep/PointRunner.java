package io.sparkprune.spark.sweep;

import io.sparkprune.sweep.GridPoint;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.List;
import java.util.function.Consumer;

/**
 * Trains grid points through a stage (each from its last epoch checkpoint) and hands each result to
 * the driver as soon as that point is measured.
 */
interface PointRunner {
    void run(List<GridPoint> points, TrainingStage stage, Consumer<PointResult> onFinished);

    /**
     * The failed result for a point whose Spark job threw, unless the job failed because the context was
     * stopped (SIGTERM, Ctrl-C, a notebook's stop): that is no verdict on the point, and recording it as
     * failed would make {@code --resume} skip it. Then the sweep stops without writing the point.
     */
    static PointResult failedUnlessStopped(JavaSparkContext sc, GridPoint p, Exception cause, long startNanos) {
        if (sc.sc().isStopped()) {
            throw new IllegalStateException("the Spark context was stopped while point " + p.index() + " ("
                    + p.id() + ") was training; it is not recorded, so --resume trains it", cause);
        }
        return PointResult.failed(p, cause, PointTraining.secondsSince(startNanos));
    }
}
