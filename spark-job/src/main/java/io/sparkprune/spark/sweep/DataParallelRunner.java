package io.sparkprune.spark.sweep;

import io.sparkprune.config.RunConfig;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Split;
import io.sparkprune.model.Networks;
import io.sparkprune.pruning.NetworkTopology;
import io.sparkprune.spark.stats.DistributedStatistics;
import io.sparkprune.spark.train.DistributedTrainer;
import io.sparkprune.spark.train.TrainingData;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.train.LocalTrainer;
import io.sparkprune.train.TrainingDivergedException;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.function.Consumer;

/**
 * {@code spark.mode = data-parallel}: points in turn, each trained with parameter averaging across
 * the whole cluster (the choice for big models), statistics gathered on the executors, and the
 * threshold curve evaluated on the driver.
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
        LabeledImages test = Datasets.load(cfg.data(), Split.TEST, sc.hadoopConfiguration());
        long start = System.nanoTime();
        try {
            DistributedTrainer trainer = new DistributedTrainer(sc, cfg);
            MultiLayerNetwork trained = trainer.train(Networks.create(cfg), data::trainEpoch, data.test(), 1,
                    cfg.train().epochs(), (report, net) -> {
                        if (!Double.isFinite(report.loss())) {
                            throw new TrainingDivergedException("training diverged in epoch " + report.epoch()
                                    + ": loss " + report.loss());
                        }
                    });
            double seconds = PointTraining.secondsSince(start);
            PointTraining.Finetuning finetuning = pruned -> LocalTrainer.accuracy(trainer.train(pruned, data::trainEpoch,
                    data.test(), 1, cfg.prune().finetuneEpochs(), (report, net) -> { }), test, PointTraining.STATS_BATCH);
            return PointTraining.curve(p, trained, DistributedStatistics.activations(sc, trained,
                    NetworkTopology.prunableLayers(trained, false), data.train()), thresholds, test, seconds, finetuning);
        } catch (Exception e) { // SparkException is checked but thrown undeclared (e.g. evaluating NaN outputs)
            return PointRunner.failedUnlessStopped(sc, p, e, start);
        } finally {
            data.release();
        }
    }
}
