package io.sparkprune.pruning;

import io.sparkprune.config.PruneRule;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.stats.FilterNorm;
import io.sparkprune.stats.FilterScore;
import io.sparkprune.stats.WeightStats;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For conv -> batch norm the pruning score is |gamma|, which no function-preserving rescaling of a
 * filter can move; a filter with gamma 0 is removed exactly, its constant output (beta through the
 * activation) folded into the next layer's bias.
 */
class BatchNormScoreTest {

    private static double maxDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    /** Every threshold at which some layer's decision can change (each relative score and just above it). */
    private static List<Double> everyCutPoint(Pruner pruner, MultiLayerNetwork net, PruneRule rule) {
        TreeSet<Double> cuts = new TreeSet<>(List.of(0.0, 1.0));
        for (PrunableLayer p : pruner.layers()) {
            double[] s = FilterScore.of(p, WeightStats.of(net, p));
            double max = Arrays.stream(s).max().orElse(0);
            for (double v : s) {
                double t = rule == PruneRule.RELATIVE ? v / max : v;
                cuts.add(t);
                cuts.add(Math.nextUp(t));
            }
        }
        return List.copyOf(cuts);
    }

    private static boolean sameDecisions(Map<Integer, int[]> a, Map<Integer, int[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }

    @Test
    void rescalingAnyFilterChangesNoDecisionAtAnyThreshold() {
        MultiLayerNetwork a = PruningFixtures.vgg();
        List<PrunableLayer> layers = NetworkTopology.prunableLayers(a, false);
        PruningFixtures.weaken(a, layers, 0.05, 21); // a spread of gammas, so thresholds have something to cut
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32);
        for (double factor : new double[]{0.01, 100}) {
            MultiLayerNetwork b = a.clone();
            for (PrunableLayer p : layers) {
                PruningFixtures.rescale(b, p, p.index() % p.units(), factor); // one filter in every layer
            }
            double function = maxDiff(a.output(x), b.output(x));
            assertTrue(function < 1e-4, "the rescaling preserves the function: max |A - B| = " + function);
            for (PruneRule rule : PruneRule.values()) {
                Pruner pa = new Pruner(a, null, rule, false);
                Pruner pb = new Pruner(b, null, rule, false);
                List<Double> cuts = everyCutPoint(pa, a, rule);
                for (double t : cuts) {
                    assertTrue(sameDecisions(pa.decide(t), pb.decide(t)), rule + " threshold " + t + ", factor " + factor);
                }
                // the control: the weight-norm rule does tell A from B
                boolean weightRuleDiffers = false;
                for (PrunableLayer p : layers) {
                    double[] normsA = WeightStats.of(a, p).l2();
                    double[] normsB = WeightStats.of(b, p).l2();
                    for (double t : cuts) {
                        weightRuleDiffers |= !Arrays.equals(PruneDecision.kept(normsA, rule, t),
                                PruneDecision.kept(normsB, rule, t));
                    }
                }
                assertTrue(weightRuleDiffers, "weight norms move under the rescaling (" + rule + ", " + factor + ")");
            }
            // and the networks pruned from A and B compute the same function
            Pruner pa = new Pruner(a, null, PruneRule.RELATIVE, false);
            Pruner pb = new Pruner(b, null, PruneRule.RELATIVE, false);
            double pruned = maxDiff(pa.prune(0.3).network().output(x), pb.prune(0.3).network().output(x));
            assertTrue(pruned < 1e-4, "pruned A vs pruned B: " + pruned);
        }
    }

    /**
     * conv 3x3 (6) -> BN -> ReLU -> conv 3x3 (5) -> BN -> ReLU -> max-pool -> dense 7 -> softmax 4 on
     * 10x10x2, in double, with Truncate convolutions so that no padding sees a removed filter's constant.
     */
    private static MultiLayerNetwork convBnNet() {
        var conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .convolutionMode(ConvolutionMode.Truncate).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(5).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(7).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(10, 10, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(3);
        for (int bn : new int[]{1, 4}) {
            var l = net.getLayer(bn);
            l.getParam("gamma").assign(Nd4j.rand(DataType.DOUBLE, l.getParam("gamma").shape()).addi(0.5));
            l.getParam("beta").assign(Nd4j.rand(DataType.DOUBLE, l.getParam("beta").shape()).addi(0.2));
            l.getParam("mean").assign(Nd4j.rand(DataType.DOUBLE, l.getParam("mean").shape()).subi(0.5));
            INDArray logStd = l.getParam("log10stdev");
            logStd.assign(Nd4j.rand(DataType.DOUBLE, logStd.shape()).subi(0.5));
        }
        return net;
    }

    @Test
    void aFilterWithZeroGammaIsRemovedAndThePrunedNetworkEqualsTheMaskedOne() {
        MultiLayerNetwork net = convBnNet();
        // gamma 0 for filters 1 and 4 of conv0, filter 2 of conv3; their weights stay large
        net.getLayer(1).getParam("gamma").putScalar(0, 1, 0.0).putScalar(0, 4, 0.0);
        net.getLayer(4).getParam("gamma").putScalar(0, 2, 0.0);
        PrunedNetwork pruned = new Pruner(net, null, PruneRule.RELATIVE, false).prune(1e-9);
        assertArrayEquals(new int[]{0, 2, 3, 5}, pruned.kept().get(0));
        assertArrayEquals(new int[]{0, 1, 3, 4}, pruned.kept().get(3));

        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 2, 10, 10).subi(0.5);
        // net itself is the masked network: its removed filters already have gamma 0
        double diff = maxDiff(net.output(x), pruned.network().output(x));
        assertTrue(diff < 1e-12, "max |masked - pruned| = " + diff);

        // The control: what the pruned network would compute without folding beta into the next bias
        MultiLayerNetwork unfolded = net.clone();
        unfolded.getLayer(1).getParam("beta").putScalar(0, 1, 0.0).putScalar(0, 4, 0.0);
        unfolded.getLayer(4).getParam("beta").putScalar(0, 2, 0.0);
        assertTrue(maxDiff(unfolded.output(x), pruned.network().output(x)) > 1e-3, "the fold is what makes them equal");
    }

    /** filter-stats.csv's score column is what decided: |gamma| behind a batch norm, and kept iff it passed. */
    @Test
    void filterStatsRecordTheScoreThatDecided() {
        MultiLayerNetwork net = convBnNet();
        net.getLayer(1).getParam("gamma").putScalar(0, 1, 0.0).putScalar(0, 4, -0.8);
        Pruner pruner = new Pruner(net, null, PruneRule.ABSOLUTE, false);
        List<String> rows = FilterStatsCsv.write(pruner, null, pruner.prune(0.5)).lines().toList();
        List<String> header = List.of(rows.get(0).split(","));
        double[] gamma = net.getLayer(1).getParam("gamma").toDoubleVector();
        for (int f = 0; f < 6; f++) {
            String[] cells = rows.get(1 + f).split(",", -1);
            double score = Double.parseDouble(cells[header.indexOf("score")]);
            assertEquals(Math.abs(gamma[f]), score, 1e-5 * Math.max(1, score), "conv0 filter " + f);
            assertEquals(String.valueOf(Math.abs(gamma[f]) >= 0.5), cells[header.indexOf("kept")], "conv0 filter " + f);
        }
        // the notebooks' rows carry the same score, and relative to the layer's largest for the relative rule
        List<FilterNorm> norms = FilterNorm.of(net);
        double max = Arrays.stream(gamma).map(Math::abs).max().orElseThrow();
        for (int f = 0; f < 6; f++) {
            assertEquals(Math.abs(gamma[f]), norms.get(f).score(), 1e-12);
            assertEquals(Math.abs(gamma[f]) / max, norms.get(f).relativeScore(), 1e-12);
        }
    }

    @Test
    void theDerivedConstantIsBetaThroughTheActivation() {
        MultiLayerNetwork net = convBnNet();
        PrunableLayer conv0 = NetworkTopology.prunableLayers(net, false).get(0);
        double beta = net.getLayer(1).getParam("beta").getDouble(0, 3);
        assertEquals(Math.max(0, beta), RemovedUnitOutput.of(net, conv0, 3, 123.0), 0.0,
                "gamma = 0 leaves beta, whatever the filter's bias");
        net.getLayer(1).getParam("beta").putScalar(0, 3, -0.4);
        assertEquals(0.0, RemovedUnitOutput.of(net, conv0, 3, 123.0), 0.0, "a negative beta dies in the ReLU");
        net.getLayer(1).getParam("gamma").putScalar(0, 2, -0.7);
        double[] absGamma = Arrays.stream(net.getLayer(1).getParam("gamma").toDoubleVector()).map(Math::abs).toArray();
        assertArrayEquals(absGamma, FilterScore.of(conv0, WeightStats.of(net, conv0)), 0.0, "the score is |gamma|");
    }
}
