package io.sparkprune.spark.sweep;

import io.sparkprune.data.DataSplits;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.model.Networks;
import io.sparkprune.pipeline.CurveResult;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.spark.train.Checkpoints;
import io.sparkprune.sweep.GridPoint;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Optional;

/**
 * One grid point trained in a single JVM (a grid-parallel task): the local pruning pipeline, from
 * the point's last epoch checkpoint when it has one, checkpointing every epoch while the Spark context
 * that launched it lives. Any failure
 * (divergence, an exception anywhere) becomes a {@code failed} result, so one bad point never
 * fails the Spark job or costs the other points their retries.
 */
final class PointTraining {
    private PointTraining() {
    }

    static PointResult run(GridPoint point, DataSplits data, List<Double> thresholds, TrainingStage stage,
                           RunDirectory out) {
        long start = System.nanoTime();
        try {
            LaunchingContext context = new LaunchingContext();
            Checkpoints checkpoints = Checkpoints.ofSweepPoint(out, point.id());
            Optional<Integer> last = checkpoints.latestEpoch();
            MultiLayerNetwork net = last.map(checkpoints::load).orElseGet(() -> Networks.create(point.config()));
            double before = checkpoints.trainedSeconds();
            long trainStart = System.nanoTime();
            PruningPipeline pipeline = PruningPipeline.local(point.config(), data,
                    (n, epoch) -> {
                        context.requireAlive("epoch " + epoch + "'s checkpoint");
                        checkpoints.save(epoch, n, before + secondsSince(trainStart));
                    });
            CurveResult curve = (stage.last() ? pipeline : pipeline.rungMeasurement())
                    .run(net, last.map(e -> e + 1).orElse(1), stage.epochsOf(point), thresholds, trained -> { }, pruned -> { });
            return PointResult.succeeded(point, curve.points(), before + curve.trainSeconds(), stage.epochsOf(point));
        } catch (RuntimeException e) {
            return PointResult.failed(point, e, secondsSince(start));
        }
    }

    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
