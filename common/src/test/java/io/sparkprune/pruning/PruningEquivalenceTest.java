package io.sparkprune.pruning;

import io.sparkprune.pipeline.Evaluation;
import io.sparkprune.data.DataSplits;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.PruneRule;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.pipeline.PrunedModel;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.results.CurvePoint;
import io.sparkprune.stats.ActivationStats;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pruned network computes exactly what the original computes with the removed units' weights
 * zeroed (bias-only constants) or their outputs replaced by their measured means, on every path the
 * surgery supports. Double precision and no padding, so "exactly" is 1e-10; every test shows how many
 * units each layer lost and that the same cut without a layer's fold misses by far more.
 */
class PruningEquivalenceTest {
    /** Same function, different summation order, in double precision. */
    private static final double EXACT = 1e-10;
    /** What a missing fold must at least change the output by (the folds here move outputs by ~0.1). */
    private static final double CONTROL = 1e-3;

    @Test
    void absoluteRuleOnConvConvDenseDensePathsIsExact(@TempDir Path dir) throws Exception {
        // conv0: 0.04, 0.02 < 0.5; conv2: 0.03, 0.05; dense3: 0.01, 0.03, 0.04; dense4: 0.02, 0.06.
        checkPlain(PruneRule.ABSOLUTE, 0.5, Map.of("conv0", 6, "conv2", 4, "dense3", 7, "dense4", 5), dir);
    }

    @Test
    void relativeRuleOnConvConvDenseDensePathsIsExact(@TempDir Path dir) throws Exception {
        // Cut at half the largest norm: 0.95, 0.9, 0.85, 0.75 - also removes the middling units.
        checkPlain(PruneRule.RELATIVE, 0.5, Map.of("conv0", 4, "conv2", 3, "dense3", 6, "dense4", 4), dir);
    }

    /**
     * conv -> BN -> ReLU -> conv and conv -> BN -> ReLU -> pool -> flatten -> dense. Pruned through the
     * weight-norm rules (the weak units also have small gammas, so a gamma-based score removes the same
     * units). DL4J's default log-std batch norm and the variance form.
     */
    @ParameterizedTest(name = "{0} {1}, log-std {2}")
    @CsvSource({"ABSOLUTE, 0.5, true", "RELATIVE, 0.3, true", "ABSOLUTE, 0.5, false", "RELATIVE, 0.3, false"})
    void batchNormPathsAreExact(PruneRule rule, double threshold, boolean logStd, @TempDir Path dir) throws Exception {
        MultiLayerNetwork net = EquivalenceNets.batchNormed(logStd);
        PrunedNetwork pruned = new Pruner(net, null, rule, true).prune(threshold);
        assertEquals(Map.of("conv0", 6, "conv3", 4), pruned.unitsAfter());
        int k0 = 6;
        int k3 = 4;
        assertEquals(k0 * 19 + 4 * k0 + k3 * (k0 * 9 + 1) + 4 * k3 + 4 * (k3 * 9 + 1),
                roundTrip(pruned.network(), dir).numParams());
        assertExactWithEveryFoldNeeded(net, pruned, EquivalenceNets.input(EquivalenceNets.BN_SIDE, 16));
    }

    /**
     * What the train job's prune step does: activation statistics measured over data, then the cut at
     * the configured rule. Each removed unit must be replaced by its measured mean where its consumer reads it.
     */
    @ParameterizedTest(name = "batch norm {0}")
    @ValueSource(booleans = {false, true})
    void measuredMeansReplaceRemovedUnitsExactly(boolean batchNorm) {
        MultiLayerNetwork net = batchNorm ? EquivalenceNets.batchNormed(true) : EquivalenceNets.plain();
        int side = batchNorm ? EquivalenceNets.BN_SIDE : EquivalenceNets.PLAIN_SIDE;
        Map<Integer, double[]> norms = batchNorm ? EquivalenceNets.BN_NORMS : EquivalenceNets.PLAIN_NORMS;
        List<PrunableLayer> layers = NetworkTopology.prunableLayers(net, true);
        ActivationStats stats = ActivationStats.empty(layers);
        INDArray all = EquivalenceNets.input(side, 48);
        for (int start = 0; start < 48; start += 16) {
            INDArray batch = all.get(NDArrayIndex.interval(start, start + 16));
            stats = stats.add(net, layers, new DataSet(batch, Nd4j.zeros(16, 4)));
        }
        Map<Integer, double[]> means = new HashMap<>();
        List<INDArray> acts = net.feedForward(all, false);
        for (PrunableLayer p : layers) {
            means.put(p.index(), stats.mean(p.index()));
            INDArray a = acts.get(p.lastBeforeConsumer() + 1);
            double[] direct = (a.rank() == 4 ? a.mean(0, 2, 3) : a.mean(0)).toDoubleVector();
            for (int u = 0; u < p.units(); u++) { // the statistics accumulate float copies
                assertEquals(direct[u], means.get(p.index())[u], 1e-6, p.name() + " unit " + u);
            }
        }

        PrunedNetwork pruned = new Pruner(net, stats, PruneRule.ABSOLUTE, true).prune(0.5);
        Map<String, Integer> expected = new HashMap<>();
        for (PrunableLayer p : layers) {
            expected.put(p.name(), p.units() - EquivalenceNets.removedCount(norms.get(p.index()), 0.5));
        }
        assertEquals(expected, pruned.unitsAfter());

        INDArray x = EquivalenceNets.input(side, 16);
        MultiLayerNetwork reference = EquivalenceNets.forced(net, pruned, means);
        double diff = maxDiff(reference.output(x), pruned.network().output(x));
        assertTrue(diff < EXACT, "max |forced means - pruned| = " + diff);
        // Control: the bias-only constants give another network.
        MultiLayerNetwork biasOnly = new Pruner(net, null, PruneRule.ABSOLUTE, true).prune(0.5).network();
        double control = maxDiff(reference.output(x), biasOnly.output(x));
        assertTrue(control > CONTROL, "bias-only constants are indistinguishable from the means: " + control);
    }

    /**
     * The production path: {@link PruningPipeline}'s statistics strategy measures the activation means
     * over the training images, and the curve's pruned network replaces each removed filter by its mean.
     * Pattern images in MNIST's shape (the pipeline's input type comes from {@code data.name}); conv
     * layers only, as the pipeline prunes them, so conv2's means cross a real 11x11 flatten into dense3.
     */
    @ParameterizedTest(name = "batch norm {0}")
    @ValueSource(booleans = {false, true})
    void thePipelineReplacesRemovedFiltersByTheMeansItsStatisticsMeasured(boolean batchNorm) {
        MultiLayerNetwork net = batchNorm ? EquivalenceNets.batchNormed(true, 28, 1, LabeledImages.NUM_CLASSES)
                : EquivalenceNets.plain(28, 1, LabeledImages.NUM_CLASSES);
        Map<Integer, double[]> norms = batchNorm ? EquivalenceNets.BN_NORMS : EquivalenceNets.PLAIN_NORMS;
        // More than one inference batch, so the means are accumulated over batches.
        LabeledImages train = PatternImages.mnistShaped(PruningPipeline.INFERENCE_BATCH + 44, 1);
        RunConfig cfg = ConfigLoader.runConfig(ConfigLoader.load(null, List.of("prune.rule=absolute")));
        List<PrunedModel> seen = new ArrayList<>();
        PruningPipeline.local(cfg, DataSplits.of(train, PatternImages.mnistShaped(32, 2))).curve(net, List.of(0.5), seen::add);
        PrunedModel model = seen.get(0);
        PrunedNetwork pruned = model.pruned();

        Map<String, Integer> expected = new HashMap<>();
        Map<Integer, double[]> means = new HashMap<>();
        List<INDArray> acts = net.feedForward(train.toDataSet().getFeatures().castTo(DataType.DOUBLE), false);
        for (PrunableLayer p : pruned.layers()) {
            assertTrue(p.conv(), p.name());
            expected.put(p.name(), p.units() - EquivalenceNets.removedCount(norms.get(p.index()), 0.5));
            means.put(p.index(), model.activations().mean(p.index()));
            INDArray a = acts.get(p.lastBeforeConsumer() + 1);
            double[] direct = a.mean(0, 2, 3).toDoubleVector();
            for (int u = 0; u < p.units(); u++) { // measured over the training images (float copies)
                assertEquals(direct[u], means.get(p.index())[u], 1e-6, p.name() + " unit " + u);
            }
        }
        assertEquals(expected.keySet(), Set.of("conv0", batchNorm ? "conv3" : "conv2"));
        assertEquals(expected, pruned.unitsAfter());
        assertEquals(CurvePoint.join(pruned.unitsAfter()), model.point().filtersAfter());

        INDArray x = PatternImages.mnistShaped(16, 3).toDataSet().getFeatures().castTo(DataType.DOUBLE);
        MultiLayerNetwork reference = EquivalenceNets.forced(net, pruned, means);
        double diff = maxDiff(reference.output(x), model.result().output(x));
        assertTrue(diff < EXACT, "max |forced means - pipeline's pruned| = " + diff);
        // Control: a pipeline whose statistics strategy measured nothing cuts the same filters with
        // bias-only constants, another network.
        List<PrunedModel> unmeasured = new ArrayList<>();
        PruningPipeline.of(cfg, (n, first, last) -> n, (n, first, last) -> n, (n, layers) -> ActivationStats.empty(layers),
                Evaluation.of(n -> 0, null)).curve(net, List.of(0.5), unmeasured::add);
        assertEquals(expected, unmeasured.get(0).pruned().unitsAfter());
        double control = maxDiff(reference.output(x), unmeasured.get(0).result().output(x));
        assertTrue(control > CONTROL, "bias-only constants are indistinguishable from the means: " + control);
    }

    private static void checkPlain(PruneRule rule, double threshold, Map<String, Integer> after, Path dir)
            throws Exception {
        MultiLayerNetwork net = EquivalenceNets.plain();
        PrunedNetwork pruned = new Pruner(net, null, rule, true).prune(threshold);
        assertEquals(after, pruned.unitsAfter());
        long k0 = after.get("conv0");
        long k2 = after.get("conv2");
        long k3 = after.get("dense3");
        long k4 = after.get("dense4");
        assertEquals(k0 * 19 + k2 * (k0 * 9 + 1) + k3 * (k2 * 9 + 1) + k4 * (k3 + 1) + 4 * (k4 + 1),
                roundTrip(pruned.network(), dir).numParams());
        assertExactWithEveryFoldNeeded(net, pruned, EquivalenceNets.input(EquivalenceNets.PLAIN_SIDE, 16));
    }

    /**
     * Pruned == masked original within {@link #EXACT}; and for each prunable layer, the same cut with
     * that layer's fold left out (its constants zero) misses the masked original by more than {@link #CONTROL}.
     */
    private static void assertExactWithEveryFoldNeeded(MultiLayerNetwork net, PrunedNetwork pruned, INDArray x) {
        INDArray expected = PruningFixtures.masked(net, pruned).output(x);
        double diff = maxDiff(expected, pruned.network().output(x));
        assertTrue(diff < EXACT, "max |masked - pruned| = " + diff);

        for (PrunableLayer p : pruned.layers()) {
            double control = maxDiff(expected, PruningFixtures.unfolded(net, pruned, p::equals).output(x));
            assertTrue(control > CONTROL, "without " + p.name() + "'s fold the output moved only " + control);
        }
    }

    static double maxDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    private static MultiLayerNetwork roundTrip(MultiLayerNetwork net, Path dir) throws Exception {
        File f = dir.resolve("pruned.zip").toFile();
        ModelSerializer.writeModel(net, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertEquals(net.params(), back.params());
        return back;
    }
}
