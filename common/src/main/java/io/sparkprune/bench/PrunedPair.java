package io.sparkprune.bench;

import io.sparkprune.config.PruneRule;
import io.sparkprune.config.RunConfig;
import io.sparkprune.metrics.ModelCost;
import io.sparkprune.model.Networks;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.pruning.Pruner;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/**
 * A network and its pruned copy for inference benchmarks without a training run: the filters past
 * {@code kept[i]} of conv layer i are zeroed, which is what a sparsity penalty leaves behind, and
 * the pruner removes them. The default keeps what the README's LeNet-5 run kept.
 */
public record PrunedPair(MultiLayerNetwork original, MultiLayerNetwork pruned, InputType input) {
    /** Conv filters kept by the README's demo run of LeNet-5 on MNIST (tau = 0.05). */
    public static final int[] DEMO_KEPT = {5, 12};

    public static PrunedPair of(RunConfig cfg, int[] kept) {
        MultiLayerNetwork net = Networks.create(cfg);
        List<PrunableLayer> convs = NetworkTopology.prunableLayers(net, false);
        if (convs.size() != kept.length) {
            throw new IllegalArgumentException("network has " + convs.size() + " conv layers, got " + kept.length
                    + " kept counts");
        }
        for (int i = 0; i < kept.length; i++) {
            var w = net.getLayer(convs.get(i).index()).getParam("W");
            w.get(NDArrayIndex.interval(kept[i], w.size(0)), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()).assign(0);
        }
        MultiLayerNetwork pruned = new Pruner(net, null, PruneRule.RELATIVE, false).prune(0.01).network();
        var data = cfg.data();
        return new PrunedPair(net, pruned, InputType.convolutional(data.imageHeight(), data.imageWidth(),
                data.imageChannels()));
    }

    /** Multiply-accumulates of the original over those of the pruned network. */
    public double flopReduction() {
        return (double) ModelCost.of(original, input).macs() / ModelCost.of(pruned, input).macs();
    }
}
