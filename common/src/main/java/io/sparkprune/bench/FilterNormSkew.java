package io.sparkprune.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

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
     * @throws IllegalArgumentException if the network has no convolution layer
     */
    public static double fractionBelow(MultiLayerNetwork net, double relThreshold) {
        long below = 0;
        long total = 0;
        for (Layer layer : net.getLayers()) {
            if (!(layer.conf().getLayer() instanceof ConvolutionLayer)) {
                continue;
            }
            INDArray w = layer.getParam("W"); // [nOut, nIn, kH, kW]
            long nOut = w.size(0);
            INDArray norms = w.reshape('c', nOut, w.length() / nOut).norm2(1);
            double max = norms.maxNumber().doubleValue();
            for (long f = 0; f < nOut; f++) {
                if (max == 0 || norms.getDouble(f) < relThreshold * max) {
                    below++;
                }
            }
            total += nOut;
        }
        if (total == 0) {
            throw new IllegalArgumentException("the network has no convolution layer");
        }
        return (double) below / total;
    }
}
