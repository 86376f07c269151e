package io.sparkprune.pruning;

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
        // Non-trivial batch-norm statistics and biases, so their slicing and folding are exercised.
        Random r = new Random(5);
        for (int i = 0; i < net.getnLayers(); i++) {
            for (var e : net.getLayer(i).paramTable().entrySet()) {
                if (!e.getKey().equals("W")) {
                    INDArray p = e.getValue();
                    p.assign(Nd4j.rand(p.dataType(), p.shape()).muli(0.5).addi(e.getKey().equals("var") ? 0.5 : -0.1));
                }
            }
        }
        return net;
    }

    /**
     * Scales a seeded random third of each prunable layer's filters' weights by {@code factor}.
     *
     * @return per layer name, how many units were weakened
     */
    static Map<String, Integer> weaken(MultiLayerNetwork net, List<PrunableLayer> layers, double factor, long seed) {
        Random r = new Random(seed);
        Map<String, Integer> weakened = new LinkedHashMap<>();
        for (PrunableLayer p : layers) {
            INDArray w = net.getLayer(p.index()).getParam("W");
            int n = 0;
            for (int f = 0; f < p.units(); f++) {
                if (r.nextInt(3) == 0) {
                    unit(w, p, f).muli(factor);
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

    /** Zeroes the weights (not the bias) of every unit the pruned network removed: the masked original. */
    static MultiLayerNetwork masked(MultiLayerNetwork net, PrunedNetwork pruned) {
        MultiLayerNetwork m = net.clone();
        for (PrunableLayer p : pruned.layers()) {
            INDArray w = m.getLayer(p.index()).getParam("W");
            for (int f = 0; f < p.units(); f++) {
                if (!pruned.isKept(p, f)) {
                    unit(w, p, f).assign(0);
                }
            }
        }
        return m;
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
