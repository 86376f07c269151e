package io.sparkprune.spark.sweep;

import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.model.Networks;
import io.sparkprune.pruning.NetworkTopology;
import io.sparkprune.pruning.ThresholdCurve;
import io.sparkprune.pruning.ThresholdRecord;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * One grid point trained in a single JVM (a grid-parallel task): train, measure, prune at every
 * threshold. Any failure (divergence, an exception anywhere) becomes a {@code failed} result, so
 * one bad point never fails the Spark job or costs the other points their retries.
 */
final class PointTraining {
    static final int STATS_BATCH = 256;

    private PointTraining() {
    }

    static PointResult run(GridPoint point, LabeledImages train, LabeledImages test, List<Double> thresholds) {
        RunConfig cfg = point.config();
        long start = System.nanoTime();
        try {
            MultiLayerNetwork net = Networks.create(cfg);
            LocalTrainer.fit(net, train, cfg.train().epochs(), cfg.train().batchSize(), cfg.train().seed());
            double seconds = secondsSince(start);
            Finetuning finetuning = pruned -> {
                LocalTrainer.fit(pruned, train, cfg.prune().finetuneEpochs(), cfg.train().batchSize(),
                        cfg.train().seed());
                return LocalTrainer.accuracy(pruned, test, STATS_BATCH);
            };
            return curve(point, net, ActivationStats.over(net, NetworkTopology.prunableLayers(net, false), train,
                    STATS_BATCH), thresholds, test, seconds, finetuning);
        } catch (RuntimeException e) {
            return PointResult.failed(point, e, secondsSince(start));
        }
    }

    /** Fine-tunes a pruned network in place (how depends on the sweep mode); returns its test accuracy. */
    @FunctionalInterface
    interface Finetuning {
        double accuracyAfter(MultiLayerNetwork pruned);
    }

    /**
     * The trained model's accuracy and threshold curve (shared by both sweep modes); with
     * {@code prune.finetune-epochs > 0}, each threshold's pruned network is also fine-tuned.
     */
    static PointResult curve(GridPoint point, MultiLayerNetwork trained, ActivationStats activations,
                             List<Double> thresholds, LabeledImages test, double trainSeconds, Finetuning finetuning) {
        double accuracy = LocalTrainer.accuracy(trained, test, STATS_BATCH);
        boolean finetune = point.config().prune().finetuneEpochs() > 0;
        List<Double> finetuned = new ArrayList<>();
        List<ThresholdRecord> records = ThresholdCurve.of(trained, activations, point.config().prune().rule(),
                thresholds, test, (tau, pruned) -> finetuned.add(finetune ? finetuning.accuracyAfter(pruned) : null));
        return PointResult.succeeded(point, accuracy, records, finetuned, trainSeconds);
    }

    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
