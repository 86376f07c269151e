package io.sparkprune.pruning;

import io.sparkprune.data.DataSplits;
import io.sparkprune.config.PruneRule;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.model.Networks;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.results.CurvePoint;
import io.sparkprune.stats.WeightStats;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20's A/B experiment, through what {@code sparkprune prune} runs ({@link PruningPipeline#local}
 * without fine-tuning: activation statistics on the training images, then the curve at 0.05 and 0.2): A = a VGG-16 (width 0.125)
 * trained a few steps; B = A with filter 0 of the first conv scaled by 0.01 and its batch norm's
 * running mean and standard deviation scaled to match. B computes A's function, so pruning must
 * treat them alike; under the old weight-norm rule it removed B's filter 0 and kept A's.
 */
class RescaledFilterExperimentTest {
    private static final List<Double> THRESHOLDS = List.of(0.05, 0.2);

    @Test
    void aFilterRescaledBehindBatchNormIsPrunedExactlyLikeTheOriginal() {
        LabeledImages train = PatternImages.of(128, 3, 32, 32, 51);
        LabeledImages test = PatternImages.of(64, 3, 32, 32, 52);
        RunConfig cfg = PruningFixtures.config("model.arch=vgg16", "data.name=cifar10", "model.width=0.125",
                "train.seed=3");
        MultiLayerNetwork a = Networks.create(cfg);
        LocalTrainer.fit(a, train, 1, 32, 4); // 4 steps
        MultiLayerNetwork b = a.clone();
        List<PrunableLayer> layers = NetworkTopology.prunableLayers(a, false);
        PrunableLayer conv0 = layers.get(0);
        PruningFixtures.rescale(b, conv0, 0, 0.01);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 32, 32);
        double function = a.output(x).sub(b.output(x)).amaxNumber().doubleValue();
        assertTrue(function < 2e-4, "B computes A's function: max |A - B| = " + function);

        PruningPipeline prune = PruningPipeline.local(cfg, DataSplits.of(train, test)).withoutFinetuning();
        List<CurvePoint> curveA = prune.curve(a, THRESHOLDS, p -> { }).points();
        List<CurvePoint> curveB = prune.curve(b, THRESHOLDS, p -> { }).points();
        for (int i = 0; i < THRESHOLDS.size(); i++) {
            assertEquals(curveA.get(i).filtersAfter(), curveB.get(i).filtersAfter(), "filters kept at " + THRESHOLDS.get(i));
            assertEquals(curveA.get(i).accuracyAfterPrune(), curveB.get(i).accuracyAfterPrune(),
                    1.0 / test.count() + 1e-9, "accuracy at " + THRESHOLDS.get(i));
        }
        for (double t : THRESHOLDS) {
            assertArrayEquals(new Pruner(a, null, PruneRule.RELATIVE, false).decide(t).get(conv0.index()),
                    new Pruner(b, null, PruneRule.RELATIVE, false).decide(t).get(conv0.index()));
        }
        // The control: the old rule (weight norms) keeps A's filter 0 and drops B's at both thresholds
        for (double t : THRESHOLDS) {
            assertTrue(contains(PruneDecision.kept(WeightStats.of(a, conv0).l2(), PruneRule.RELATIVE, t), 0));
            assertFalse(contains(PruneDecision.kept(WeightStats.of(b, conv0).l2(), PruneRule.RELATIVE, t), 0));
        }
        System.out.printf("A/B (VGG-16 width 0.125, 4 steps): max |A - B| = %.2e; new rule keeps %s / %s filters "
                        + "at %s (accuracy %s / %s)%n", function, curveA.get(0).filtersAfter(), curveB.get(0).filtersAfter(),
                THRESHOLDS.get(0), curveA.get(0).accuracyAfterPrune(), curveB.get(0).accuracyAfterPrune());
    }

    private static boolean contains(int[] kept, int unit) {
        return java.util.Arrays.binarySearch(kept, unit) >= 0;
    }
}
