package io.sparkprune.bench;

import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.stats.WeightStats;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * How skewed a trained network's per-filter norm distribution is: the statistic by which the
 * regularizers are compared on real data (a sparsity-inducing penalty drives many filters' norms
 * to a small fraction of their layer's largest).
 */
public final class FilterNormSkew {
    private FilterNormSkew() {
    }

    /**
     * The fraction of all conv filters whose l2 norm is below {@code relThreshold} times the largest
     * filter norm of its own layer. A layer whose filters are all zero counts entirely as below.
     *
     * @throws io.sparkprune.prunable.PruningException if the network has no convolution layer
     */
    public static double fractionBelow(MultiLayerNetwork net, double relThreshold) {
        long below = 0;
        long total = 0;
        for (PrunableLayer layer : NetworkTopology.prunableLayers(net, false)) {
            WeightStats w = WeightStats.of(net, layer);
            double max = java.util.Arrays.stream(w.l2()).max().orElse(0);
            for (double r : w.relative()) {
                if (max == 0 || r < relThreshold) {
                    below++;
                }
            }
            total += w.units();
        }
        if (total == 0) {
            throw new io.sparkprune.prunable.PruningException("the network has no prunable convolution layer");
        }
        return (double) below / total;
    }
}
