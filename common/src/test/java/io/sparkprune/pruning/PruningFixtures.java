package io.sparkprune.pruning;

import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/** Networks with random weights and a seeded random set of near-dead filters, for pruning tests. */
final class PruningFixtures {
    private PruningFixtures() {
    }

    static RunConfig config(String... sets) {
        return ConfigLoader.runConfig(ConfigLoader.load(null, List.of(sets)));
    }

    /** LeNet-5 with biases in [0.1, 0.6] (DL4J starts them at 0), so removed units fold nonzero constants. */
    static MultiLayerNetwork lenet() {
        MultiLayerNetwork net = Networks.create(config("model.arch=lenet5", "train.seed=3"));
        Random r = new Random(4);
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray b = net.getLayer(i).getParam("b");
            for (long k = 0; b != null && k < b.length(); k++) {
                b.putScalar(k, 0.1 + 0.5 * r.nextDouble());
            }
        }
        return net;
    }

    static MultiLayerNetwork vgg() {
        MultiLayerNetwork net = Networks.create(config("model.arch=vgg16", "data.name=cifar10", "model.width=0.125",
                "train.seed=3"));
        // Non-trivial batch-norm statistics and biases, so their slicing and folding are exercised. Gamma
        // (the score behind a batch norm) stays in [0.5, 1): only the units a test weakens fall below a threshold.
        for (int i = 0; i < net.getnLayers(); i++) {
            for (var e : net.getLayer(i).paramTable().entrySet()) {
                if (!e.getKey().equals("W")) {
                    INDArray p = e.getValue();
                    boolean positive = e.getKey().equals("var") || e.getKey().equals("gamma");
                    p.assign(Nd4j.rand(p.dataType(), p.shape()).muli(0.5).addi(positive ? 0.5 : -0.1));
                }
            }
        }
        return net;
    }

    /**
     * Scales the score (see {@link io.sparkprune.stats.FilterScore}) of a seeded random third of each
     * prunable layer's units by {@code factor}: BN's gamma behind a batch norm, the weights elsewhere.
     *
     * @return per layer name, how many units were weakened
     */
    static Map<String, Integer> weaken(MultiLayerNetwork net, List<PrunableLayer> layers, double factor, long seed) {
        Random r = new Random(seed);
        Map<String, Integer> weakened = new LinkedHashMap<>();
        for (PrunableLayer p : layers) {
            int n = 0;
            for (int f = 0; f < p.units(); f++) {
                if (r.nextInt(3) == 0) {
                    scored(net, p, f).muli(factor);
                    n++;
                }
            }
            weakened.put(p.name(), n);
        }
        return weakened;
    }

    /** Units each layer keeps when exactly the weakened ones are removed. */
    static Map<String, Integer> unweakened(List<PrunableLayer> layers, Map<String, Integer> weakened) {
        Map<String, Integer> kept = new LinkedHashMap<>();
        layers.forEach(p -> kept.put(p.name(), p.units() - weakened.get(p.name())));
        return kept;
    }

    /**
     * Zeroes the score of every unit the pruned network removed: the masked original. That is the
     * weights (not the bias) without a batch norm, BN's gamma (not beta) behind one.
     */
    static MultiLayerNetwork masked(MultiLayerNetwork net, PrunedNetwork pruned) {
        MultiLayerNetwork m = net.clone();
        for (PrunableLayer p : pruned.layers()) {
            for (int f = 0; f < p.units(); f++) {
                if (!pruned.isKept(p, f)) {
                    scored(m, p, f).assign(0);
                }
            }
        }
        return m;
    }

    /**
     * A function-preserving rescaling of conv filter {@code f} followed by batch norm: its weights
     * and bias times {@code a}, BN's running mean and standard deviation sqrt(var + eps) times
     * {@code a} too, so BN's output (and the network's) is unchanged.
     */
    static void rescale(MultiLayerNetwork net, PrunableLayer p, int f, double a) {
        unit(net.getLayer(p.index()).getParam("W"), p, f).muli(a);
        element(net.getLayer(p.index()).getParam("b"), f).muli(a);
        var bn = net.getLayer(p.batchNorm());
        double eps = ((org.deeplearning4j.nn.conf.layers.BatchNormalization) NetworkTopology.layer(net, p.batchNorm()))
                .getEps();
        element(bn.getParam("mean"), f).muli(a);
        INDArray logStd = bn.getParam("log10stdev");
        if (logStd != null) { // DL4J's default: std = sqrt(var + eps) is stored as its log10
            element(logStd, f).addi(Math.log10(a));
            return;
        }
        INDArray var = element(bn.getParam("var"), f);
        double scaled = a * a * (var.getDouble(0) + eps) - eps;
        if (!(scaled > 0)) {
            throw new IllegalArgumentException("rescaling filter " + f + " by " + a + " needs var > " + eps / (a * a) + " - eps");
        }
        var.assign(scaled);
    }

    /** The parameter slice holding unit {@code f}'s score: gamma_f behind a batch norm, else W_f. */
    private static INDArray scored(MultiLayerNetwork net, PrunableLayer p, int f) {
        return p.batchNorm() >= 0 ? element(net.getLayer(p.batchNorm()).getParam("gamma"), f)
                : unit(net.getLayer(p.index()).getParam("W"), p, f);
    }

    /** A view of element {@code f} of a per-unit parameter ([n] or [1, n]). */
    private static INDArray element(INDArray perUnit, int f) {
        return perUnit.rank() == 2 ? perUnit.get(NDArrayIndex.all(), NDArrayIndex.interval(f, f + 1))
                : perUnit.get(NDArrayIndex.interval(f, f + 1));
    }

    /**
     * The control for a fold test: the same cut as {@code pruned}, with bias-only constants folded for
     * every layer except those {@code withoutFold} selects, whose removed units are simply dropped.
     */
    static MultiLayerNetwork unfolded(MultiLayerNetwork net, PrunedNetwork pruned, Predicate<PrunableLayer> withoutFold) {
        Map<Integer, double[]> constants = new HashMap<>();
        for (PrunableLayer p : pruned.layers()) {
            double[] c = new double[p.units()];
            double[] bias = net.getLayer(p.index()).getParam("b").toDoubleVector();
            for (int u = 0; u < c.length && !withoutFold.test(p); u++) {
                c[u] = RemovedUnitOutput.of(net, p, u, bias[u]);
            }
            constants.put(p.index(), c);
        }
        return NetworkSurgery.apply(net, pruned.layers(), pruned.kept(), constants);
    }

    private static INDArray unit(INDArray w, PrunableLayer p, int f) {
        return p.conv() ? w.get(NDArrayIndex.point(f), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                : w.get(NDArrayIndex.all(), NDArrayIndex.point(f));
    }
}
