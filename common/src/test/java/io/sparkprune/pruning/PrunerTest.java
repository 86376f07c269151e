package io.sparkprune.pruning;

import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        PruningFixtures.weaken(net, layers, 1e-3, 11);
        PrunedNetwork pruned = new Pruner(net, null, PruneRule.RELATIVE, true).prune(0.05);

        assertTrue(pruned.unitsAfter().get("conv0") < 20 && pruned.unitsAfter().get("conv2") < 50,
                pruned.unitsAfter().toString());
        assertTrue(pruned.network().numParams() < net.numParams());
        INDArray x = Nd4j.rand(8, 1, 28, 28);
        MultiLayerNetwork back = roundTrip(pruned.network(), dir);
        double diff = maxDiff(PruningFixtures.masked(net, pruned).output(x), back.output(x));
        assertTrue(diff < EXACT_TOLERANCE, "max |masked - pruned| = " + diff);
        // The check can fail: without folding the removed filters' bias the outputs differ.
        assertTrue(maxDiff(net.output(x), back.output(x)) > EXACT_TOLERANCE);
    }

    @Test
    void vggPrunedMatchesMaskedOriginalWithinPaddingTolerance(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = PruningFixtures.vgg();
        List<PrunableLayer> layers = NetworkTopology.prunableLayers(net, false);
        assertEquals(13, layers.size());
        assertTrue(layers.stream().allMatch(p -> p.batchNorm() == p.index() + 1));
        PruningFixtures.weaken(net, layers, 1e-4, 12);
        PrunedNetwork pruned = new Pruner(net, null, PruneRule.RELATIVE, false).prune(0.01);
        INDArray x = Nd4j.rand(4, 3, 32, 32);
        double diff = maxDiff(PruningFixtures.masked(net, pruned).output(x), roundTrip(pruned.network(), dir).output(x));
        assertTrue(diff < PADDED_TOLERANCE, "max |masked - pruned| = " + diff);
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
        List<PrunedNetwork> all = new Pruner(net, null, PruneRule.RELATIVE, false).pruneAll(List.of(0.0, 0.3, 0.6, 0.9));
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i).network().numParams() <= all.get(i - 1).network().numParams());
        }
        assertArrayEquals(new long[]{431_080}, new long[]{all.get(0).network().numParams()});
    }
}
