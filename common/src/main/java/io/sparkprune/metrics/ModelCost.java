package io.sparkprune.metrics;

import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a network costs: parameters and multiply-accumulates (MACs) per example, per layer and in
 * total. As in the pruning literature (Li et al. 2017, and the FLOPs the paper reports), "FLOPs"
 * here means the MACs of conv and dense layers; batch norm, activations and pooling are not counted.
 */
public record ModelCost(List<LayerCost> layers) {

    public static ModelCost of(MultiLayerNetwork net, InputType input) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        List<InputType> outputs = conf.getLayerActivationTypes(input);
        List<LayerCost> layers = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            layers.add(new LayerCost(i, layer.getClass().getSimpleName(), net.getLayer(i).numParams(),
                    macs(layer, outputs.get(i))));
        }
        return new ModelCost(List.copyOf(layers));
    }

    public long params() {
        return layers.stream().mapToLong(LayerCost::params).sum();
    }

    public long macs() {
        return layers.stream().mapToLong(LayerCost::macs).sum();
    }

    /** Bytes of the model zip as ModelSerializer writes it (without updater state). */
    public static long serializedBytes(MultiLayerNetwork net) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    private static long macs(Layer layer, InputType output) {
        if (Networks.isConvolution(layer)) {
            ConvolutionLayer conv = (ConvolutionLayer) layer;
            InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) output;
            int[] k = conv.getKernelSize();
            return out.getHeight() * out.getWidth() * conv.getNOut() * conv.getNIn() * k[0] * k[1];
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.DenseLayer
                || layer instanceof org.deeplearning4j.nn.conf.layers.OutputLayer) {
            FeedForwardLayer ff = (FeedForwardLayer) layer;
            return ff.getNIn() * ff.getNOut();
        }
        return 0;
    }
}
