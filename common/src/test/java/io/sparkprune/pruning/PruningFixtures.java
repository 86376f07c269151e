package io.sparkprune.pruning;

import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Random;

/** Networks with random weights and a seeded random set of near-dead filters, for pruning tests. */
final class PruningFixtures {
    private PruningFixtures() {
    }

    static RunConfig config(String... sets) {
        return ConfigLoader.runConfig(ConfigLoader.load(null, List.of(sets)));
    }

    static MultiLayerNetwork lenet() {
        return Networks.create(config("model.arch=lenet5", "train.seed=3"));
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

    /** Scales a seeded random third of each prunable layer's filters' weights by {@code factor}. */
    static void weaken(MultiLayerNetwork net, List<PrunableLayer> layers, double factor, long seed) {
        Random r = new Random(seed);
        for (PrunableLayer p : layers) {
            INDArray w = net.getLayer(p.index()).getParam("W");
            for (int f = 0; f < p.units(); f++) {
                if (r.nextInt(3) == 0) {
                    unit(w, p, f).muli(factor);
                }
            }
        }
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

    private static INDArray unit(INDArray w, PrunableLayer p, int f) {
        return p.conv() ? w.get(NDArrayIndex.point(f), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                : w.get(NDArrayIndex.all(), NDArrayIndex.point(f));
    }
}
