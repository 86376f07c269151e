package io.sparkprune.prunable;

import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the prunable layers of a sequential CNN: conv layers (and, on request, hidden dense
 * layers) followed by pass-through layers (batch norm, activation, pooling, dropout) and then a
 * consumer (conv, dense or output). Any other layer type is refused by name, before surgery.
 */
public final class NetworkTopology {
    private NetworkTopology() {
    }

    public static List<PrunableLayer> prunableLayers(MultiLayerNetwork net, boolean includeDense) {
        int n = net.getnLayers();
        List<PrunableLayer> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Layer layer = layer(net, i);
            checkSupported(layer, i);
            boolean conv = isConv(layer);
            boolean hiddenDense = layer instanceof DenseLayer;
            if (!conv && !(includeDense && hiddenDense)) {
                continue;
            }
            int units = (int) ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) layer).getNOut();
            int bn = -1;
            List<Integer> pass = new ArrayList<>();
            int j = i + 1;
            while (j < n && isPassThrough(layer(net, j))) {
                if (layer(net, j) instanceof BatchNormalization) {
                    if (bn >= 0) {
                        throw new PruningException("layer " + j + ": two batch-norm layers after layer " + i
                                + " are not supported by the surgery");
                    }
                    bn = j;
                }
                pass.add(j);
                j++;
            }
            if (j == n) {
                continue; // nothing reads it: the network's output, never pruned
            }
            Layer consumer = layer(net, j);
            int spatial = 1;
            if (conv && !isConv(consumer)) {
                InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(j);
                if (!(pre instanceof CnnToFeedForwardPreProcessor flatten)) {
                    throw new PruningException("layer " + j + " (" + consumer.getClass().getSimpleName()
                            + ") reads conv output without a CnnToFeedForward preprocessor; only flatten-then-dense is supported");
                }
                spatial = (int) (flatten.getInputHeight() * flatten.getInputWidth());
            }
            String name = (conv ? "conv" : "dense") + i;
            result.add(new PrunableLayer(i, name, conv, units, bn, pass, j, spatial));
        }
        return result;
    }

    /** The configuration of layer {@code i}. */
    public static Layer layer(MultiLayerNetwork net, int i) {
        return net.getLayerWiseConfigurations().getConf(i).getLayer();
    }

    static boolean isConv(Layer layer) {
        return Networks.isConvolution(layer);
    }

    private static boolean isPassThrough(Layer layer) {
        return layer instanceof BatchNormalization || layer instanceof ActivationLayer
                || Networks.isPooling(layer) || layer instanceof DropoutLayer;
    }

    private static void checkSupported(Layer layer, int i) {
        boolean ok = isConv(layer) || isPassThrough(layer) || Networks.isDense(layer)
                || layer.getClass() == OutputLayer.class;
        if (!ok) {
            throw new PruningException("layer " + i + " is a " + layer.getClass().getSimpleName()
                    + ", which the pruning surgery does not support (supported: ConvolutionLayer, BatchNormalization, "
                    + "ActivationLayer, SubsamplingLayer, DropoutLayer, DenseLayer, OutputLayer)");
        }
    }
}
