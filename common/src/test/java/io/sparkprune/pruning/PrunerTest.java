package io.sparkprune.pruning;

import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.prunable.PruningException;
import io.sparkprune.config.PruneRule;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrunerTest {
    /** Float outputs of two networks computing the same function, different summation orders. */
    static final double EXACT_TOLERANCE = 1e-5;
    /**
     * VGG's Same-padded convs see zeros at the border where the masked original sees the removed
     * filter's constant, so folding it into the bias is exact only inside: the max softmax
     * difference measured on this network is 6.7e-4; the bound leaves a margin for other seeds.
     */
    static final double PADDED_TOLERANCE = 5e-3;

    private static double maxDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    private static MultiLayerNetwork roundTrip(MultiLayerNetwork net, Path dir) throws Exception {
        File f = dir.resolve("pruned.zip").toFile();
        ModelSerializer.writeModel(net, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertEquals(net.params(), back.params());
        return back;
    }

    @Test
    void lenetPrunedEqualsMaskedOriginal(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = PruningFixtures.lenet();
        List<PrunableLayer> layers = NetworkTopology.prunableLayers(net, true);
        Map<String, Integer> weakened = PruningFixtures.weaken(net, layers, 1e-3, 11);
        PrunedNetwork pruned = new Pruner(net, null, PruneRule.RELATIVE, true).prune(0.05);

        Map<String, Integer> kept = PruningFixtures.unweakened(layers, weakened);
        assertEquals(kept, pruned.unitsAfter());
        assertTrue(weakened.values().stream().allMatch(n -> n > 0), weakened.toString());
        long k0 = kept.get("conv0");
        long k2 = kept.get("conv2");
        long k4 = kept.get("dense4");
        assertEquals(k0 * 26 + k2 * (k0 * 25 + 1) + k4 * (k2 * 16 + 1) + 10 * (k4 + 1), pruned.network().numParams());
        INDArray x = Nd4j.rand(8, 1, 28, 28);
        MultiLayerNetwork back = roundTrip(pruned.network(), dir);
        INDArray masked = PruningFixtures.masked(net, pruned).output(x);
        double diff = maxDiff(masked, back.output(x));
        assertTrue(diff < EXACT_TOLERANCE, "max |masked - pruned| = " + diff);
        // The check can fail: the same cut without any one layer's bias fold misses the masked original.
        for (PrunableLayer p : layers) {
            double control = maxDiff(masked, PruningFixtures.unfolded(net, pruned, p::equals).output(x));
            assertTrue(control > 100 * EXACT_TOLERANCE, p.name() + " fold changes the output by only " + control);
        }
    }

    @Test
    void vggPrunedMatchesMaskedOriginalWithinPaddingTolerance(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = PruningFixtures.vgg();
        List<PrunableLayer> layers = NetworkTopology.prunableLayers(net, false);
        assertEquals(13, layers.size());
        assertTrue(layers.stream().allMatch(p -> p.batchNorm() == p.index() + 1));
        Map<String, Integer> weakened = PruningFixtures.weaken(net, layers, 1e-4, 12);
        PrunedNetwork pruned = new Pruner(net, null, PruneRule.RELATIVE, false).prune(0.01);
        assertEquals(PruningFixtures.unweakened(layers, weakened), pruned.unitsAfter());
        INDArray x = Nd4j.rand(4, 3, 32, 32);
        INDArray masked = PruningFixtures.masked(net, pruned).output(x);
        double diff = maxDiff(masked, roundTrip(pruned.network(), dir).output(x));
        assertTrue(diff < PADDED_TOLERANCE, "max |masked - pruned| = " + diff);
        // The tolerance is tight enough to see a missing fold: dropping all of them is far outside it.
        double control = maxDiff(masked, PruningFixtures.unfolded(net, pruned, l -> true).output(x));
        assertTrue(control > 2 * PADDED_TOLERANCE, "without folds the output moved only " + control);
    }

    @Test
    void keepingEverythingChangesNothing() {
        MultiLayerNetwork net = PruningFixtures.vgg();
        PrunedNetwork pruned = new Pruner(net, null, PruneRule.ABSOLUTE, false).prune(0.0);
        assertEquals(net.numParams(), pruned.network().numParams());
        assertEquals(net.params(), pruned.network().params());
        INDArray x = Nd4j.rand(2, 3, 32, 32);
        assertTrue(maxDiff(net.output(x), pruned.network().output(x)) < EXACT_TOLERANCE);
    }

    @Test
    void keepingOneFilterPerLayerStillTrains() {
        MultiLayerNetwork net = PruningFixtures.lenet();
        PrunedNetwork pruned = new Pruner(net, null, PruneRule.RELATIVE, true).prune(1.0);
        pruned.unitsAfter().values().forEach(v -> assertEquals(1, v));
        LabeledImages data = PatternImages.mnistShaped(256, 4);
        MultiLayerNetwork small = pruned.network();
        small.fit(data.toDataSet(0, 64));
        double first = small.score();
        LocalTrainer.fit(small, data, 3, 32, 1);
        assertTrue(Double.isFinite(small.score()) && small.score() < first, first + " -> " + small.score());
    }

    @Test
    void groupPenaltiesFollowTheNewShapeSoThePrunedNetworkFineTunes() {
        MultiLayerNetwork net = io.sparkprune.model.Networks.create(PruningFixtures.config("regularizer.type=l1l2",
                "regularizer.lambda=0.1", "regularizer.dense=true", "train.seed=3"));
        PruningFixtures.weaken(net, NetworkTopology.prunableLayers(net, false), 1e-3, 14);
        MultiLayerNetwork small = new Pruner(net, null, PruneRule.RELATIVE, false).prune(0.05).network();
        var conv2 = (io.sparkprune.regularization.GroupPenalty)
                ((org.deeplearning4j.nn.conf.layers.BaseLayer) small.getLayerWiseConfigurations().getConf(2).getLayer())
                        .getRegularization().get(0);
        assertEquals(small.getLayer(2).getParam("W").size(0), conv2.shape().nOut());
        assertEquals(small.getLayer(2).getParam("W").size(1), conv2.shape().nIn());
        LabeledImages data = PatternImages.mnistShaped(128, 4);
        LocalTrainer.fit(small, data, 1, 32, 1);
        assertTrue(Double.isFinite(small.score()));
    }

    @Test
    void manyThresholdsFromOneModelShrinkMonotonically() {
        MultiLayerNetwork net = PruningFixtures.lenet();
        PruningFixtures.weaken(net, NetworkTopology.prunableLayers(net, false), 0.1, 13);
        List<PrunedNetwork> all = new Pruner(net, null, PruneRule.RELATIVE, false).pruneAll(List.of(0.0, 0.3, 0.9, 1.0));
        assertEquals(431_080, all.get(0).network().numParams(), "threshold 0 keeps everything");
        for (int i = 0; i < all.size(); i++) {
            PrunedNetwork p = all.get(i);
            long k0 = p.unitsAfter().get("conv0");
            long k2 = p.unitsAfter().get("conv2");
            assertEquals(k0 * 26 + k2 * (k0 * 25 + 1) + 500 * (k2 * 16 + 1) + 5010, p.network().numParams(),
                    "threshold " + p.threshold() + " " + p.unitsAfter());
            if (i > 0) { // each higher threshold here removes more: a pruner that removes nothing fails
                assertTrue(p.network().numParams() < all.get(i - 1).network().numParams(), all.stream().map(PrunedNetwork::unitsAfter).toList().toString());
            }
        }
    }

    /**
     * The cuts reach every count of kept units between the thresholds asked for, each once: LeNet
     * at the relative rule, conv layers only (20 + 50 units, the largest of each always kept) can keep
     * 2 .. 70 units, so the cuts add every count that 0 and 0.3 do not already reach.
     */
    @Test
    void cutsReachEveryKeptCountOnceAndRespectTheirBudget() {
        MultiLayerNetwork net = PruningFixtures.lenet();
        Pruner pruner = new Pruner(net, null, PruneRule.RELATIVE, false);
        List<Double> asked = List.of(0.0, 0.3);
        List<Double> cuts = pruner.cuts(1000, asked);
        java.util.Set<Integer> counts = new java.util.TreeSet<>();
        asked.forEach(t -> counts.add(kept(pruner, t)));
        for (double cut : cuts) {
            assertTrue(counts.add(kept(pruner, cut)), "cut " + cut + " repeats a kept count");
        }
        assertEquals(2, pruner.layers().size(), "two conv layers");
        assertEquals(java.util.stream.IntStream.rangeClosed(2, 70).boxed().toList(), List.copyOf(counts),
                "every count from one unit per layer to all of them");
        assertEquals(cuts.stream().sorted().toList(), cuts, "ascending");
        List<Double> few = pruner.cuts(5, asked);
        assertEquals(5, few.size());
        assertEquals(cuts.get(0), few.get(0));
        assertEquals(cuts.get(cuts.size() - 1), few.get(4), "spread over the whole range, ends included");
    }

    /**
     * Each layer at its own threshold: conv0 and dense4 lose exactly their weakened units while
     * conv2, at 0, keeps all of its own; the pruned network computes what the masked original does.
     */
    @Test
    void perLayerThresholdsCutEachLayerAloneAndEqualTheMaskedOriginal(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = PruningFixtures.lenet();
        List<PrunableLayer> layers = NetworkTopology.prunableLayers(net, true);
        Map<String, Integer> weakened = PruningFixtures.weaken(net, layers, 1e-3, 11);
        Pruner pruner = new Pruner(net, null, PruneRule.RELATIVE, true);
        PrunableLayer conv2 = layers.get(1);
        Map<Integer, Double> perLayer = new java.util.HashMap<>();
        layers.forEach(p -> perLayer.put(p.index(), p == conv2 ? 0.0 : 0.05));
        PrunedNetwork pruned = pruner.prune(perLayer);

        Map<String, Integer> expected = new java.util.LinkedHashMap<>(PruningFixtures.unweakened(layers, weakened));
        expected.put(conv2.name(), conv2.units());
        assertEquals(expected, pruned.unitsAfter());
        assertTrue(weakened.get(conv2.name()) > 0, "conv2 has weakened units that its threshold 0 keeps");
        assertTrue(Double.isNaN(pruned.threshold()));
        INDArray x = Nd4j.rand(8, 1, 28, 28);
        double diff = maxDiff(PruningFixtures.masked(net, pruned).output(x), roundTrip(pruned.network(), dir).output(x));
        assertTrue(diff < EXACT_TOLERANCE, "max |masked - pruned| = " + diff);
        assertEquals(pruner.prune(0.0).network().params(), pruner.prune(Map.of()).network().params(),
                "a layer the map leaves out keeps everything");
        assertThrows(PruningException.class, () -> pruner.prune(Map.of(1, 0.1)), "layer 1 is a pooling layer");
        assertThrows(PruningException.class, () -> pruner.prune(Map.of(0, -0.1)));
    }

    @Test
    void oneThresholdForEveryLayerIsTheSingleThresholdCut() {
        MultiLayerNetwork net = PruningFixtures.vgg();
        PruningFixtures.weaken(net, NetworkTopology.prunableLayers(net, false), 1e-4, 12);
        Pruner pruner = new Pruner(net, null, PruneRule.RELATIVE, false);
        Map<Integer, Double> same = new java.util.HashMap<>();
        pruner.layers().forEach(p -> same.put(p.index(), 0.01));
        PrunedNetwork one = pruner.prune(0.01);
        PrunedNetwork each = pruner.prune(same);
        assertEquals(one.unitsAfter(), each.unitsAfter());
        assertEquals(one.network().params(), each.network().params());
    }

    /** A layer's own cuts remove its units one distinct score at a time, largest always kept; others untouched. */
    @Test
    void layerCutsStepThroughOneLayersDistinctScores() {
        MultiLayerNetwork net = PruningFixtures.lenet();
        Pruner pruner = new Pruner(net, null, PruneRule.RELATIVE, false);
        for (PrunableLayer p : pruner.layers()) {
            List<Double> cuts = pruner.layerCuts(p, 1000);
            assertEquals(p.units() - 1, cuts.size(), p.name() + ": random weights have distinct norms");
            for (int i = 0; i < cuts.size(); i++) {
                Map<Integer, int[]> kept = pruner.decide(Map.of(p.index(), cuts.get(i)));
                assertEquals(p.units() - 1 - i, kept.get(p.index()).length, p.name() + " cut " + i);
                for (PrunableLayer other : pruner.layers()) {
                    if (other != p) {
                        assertEquals(other.units(), kept.get(other.index()).length);
                    }
                }
            }
            List<Double> few = pruner.layerCuts(p, 3);
            assertEquals(3, few.size());
            assertEquals(cuts.get(0), few.get(0));
            assertEquals(cuts.get(cuts.size() - 1), few.get(2));
        }
    }

    private static int kept(Pruner pruner, double threshold) {
        return pruner.decide(threshold).values().stream().mapToInt(k -> k.length).sum();
    }
}
