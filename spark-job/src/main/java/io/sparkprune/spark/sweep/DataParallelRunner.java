package io.sparkprune.spark.sweep;

import io.sparkprune.config.RunConfig;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.model.Networks;
import io.sparkprune.pipeline.CurveResult;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.spark.train.Checkpoints;
import io.sparkprune.spark.train.DistributedPipeline;
import io.sparkprune.spark.train.TrainingData;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.train.TrainingDivergedException;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code spark.mode = data-parallel}: points in turn, each through the distributed pruning pipeline
 * (parameter averaging across the whole cluster, the choice for big models; statistics and
 * evaluation on the executors), each checkpointed every epoch in {@code OUT/checkpoints/<point id>/}
 * and continued from there when it has a checkpoint.
 */
final class DataParallelRunner implements PointRunner {
    private final JavaSparkContext sc;
    private final List<Double> thresholds;
    private final RunDirectory out;

    DataParallelRunner(JavaSparkContext sc, List<Double> thresholds, RunDirectory out) {
        this.sc = sc;
        this.thresholds = thresholds;
        this.out = out;
    }

    @Override
    public void run(List<GridPoint> points, TrainingStage stage, Consumer<PointResult> onFinished) {
        for (GridPoint p : points) {
            onFinished.accept(runOne(p, stage));
        }
    }

    private PointResult runOne(GridPoint p, TrainingStage stage) {
        RunConfig cfg = p.config();
        // Unreadable data is the user's error, not the point's: it fails the sweep (exit 2).
        TrainingData data = TrainingData.load(sc, cfg);
        long start = System.nanoTime();
        try {
            Checkpoints checkpoints = Checkpoints.ofSweepPoint(out, p.id());
            Optional<Integer> last = checkpoints.latestEpoch();
            MultiLayerNetwork net = last.map(checkpoints::load).orElseGet(() -> Networks.create(cfg));
            double before = checkpoints.trainedSeconds();
            long trainStart = System.nanoTime();
            PruningPipeline pipeline = DistributedPipeline.of(sc, cfg, data, (report, trained) -> {
                if (!Double.isFinite(report.loss())) {
                    throw new TrainingDivergedException("training diverged in epoch " + report.epoch()
                            + ": loss " + report.loss());
                }
                checkpoints.save(report.epoch(), trained, before + PointTraining.secondsSince(trainStart));
            });
            CurveResult curve = (stage.last() ? pipeline : pipeline.rungMeasurement())
                    .run(net, last.map(e -> e + 1).orElse(1), stage.epochsOf(p), thresholds, trained -> { }, pruned -> { });
            return PointResult.succeeded(p, curve.points(), before + curve.trainSeconds(), stage.epochsOf(p));
        } catch (Exception e) { // SparkException is checked but thrown undeclared (e.g. evaluating NaN outputs)
            return PointRunner.failedUnlessStopped(sc, p, e, start);
        } finally {
            data.release();
        }
    }
}
