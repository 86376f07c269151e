package io.sparkprune.spark.sweep;

import io.sparkprune.config.RunConfig;
import io.sparkprune.model.Networks;
import io.sparkprune.pipeline.CurveResult;
import io.sparkprune.spark.train.DistributedPipeline;
import io.sparkprune.spark.train.TrainingData;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.train.TrainingDivergedException;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.List;
import java.util.function.Consumer;

/**
 * {@code spark.mode = data-parallel}: points in turn, each through the distributed pruning pipeline
 * (parameter averaging across the whole cluster, the choice for big models; statistics and
 * evaluation on the executors).
 */
final class DataParallelRunner implements PointRunner {
    private final JavaSparkContext sc;
    private final List<Double> thresholds;

    DataParallelRunner(JavaSparkContext sc, List<Double> thresholds) {
        this.sc = sc;
        this.thresholds = thresholds;
    }

    @Override
    public void run(List<GridPoint> points, Consumer<PointResult> onFinished) {
        for (GridPoint p : points) {
            onFinished.accept(runOne(p));
        }
    }

    private PointResult runOne(GridPoint p) {
        RunConfig cfg = p.config();
        // Unreadable data is the user's error, not the point's: it fails the sweep (exit 2).
        TrainingData data = TrainingData.load(sc, cfg);
        long start = System.nanoTime();
        try {
            CurveResult curve = DistributedPipeline.of(sc, cfg, data, (report, net) -> {
                if (!Double.isFinite(report.loss())) {
                    throw new TrainingDivergedException("training diverged in epoch " + report.epoch()
                            + ": loss " + report.loss());
                }
            }).run(Networks.create(cfg), 1, cfg.train().epochs(), thresholds, trained -> { }, pruned -> { });
            return PointResult.succeeded(p, curve.points(), curve.trainSeconds());
        } catch (Exception e) { // SparkException is checked but thrown undeclared (e.g. evaluating NaN outputs)
            return PointRunner.failedUnlessStopped(sc, p, e, start);
        } finally {
            data.release();
        }
    }
}
