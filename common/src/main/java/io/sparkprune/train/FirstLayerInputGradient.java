package io.sparkprune.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Training's use of {@link OptionalInputGradient}: the network's first layer leaves its input gradient
 * out ({@link LocalTrainer}, its shard replicas, and dl4j-spark's workers through a training hook).
 */
public final class FirstLayerInputGradient {
    private FirstLayerInputGradient() {
    }

    /**
     * Switches the input gradient of {@code net}'s first layer off where it can be: an
     * {@link OptionalInputGradient} layer without an input preprocessor (whose backward pass would read
     * it). Returns the layer to switch back on after training, or null when nothing changed.
     */
    public static OptionalInputGradient switchOff(MultiLayerNetwork net) {
        Layer first = net.getnLayers() > 0 ? net.getLayer(0) : null;
        boolean preprocessed = net.getLayerWiseConfigurations().getInputPreProcess(0) != null;
        if (first instanceof OptionalInputGradient layer && !preprocessed && layer.inputGradient(false)) {
            return layer;
        }
        return null;
    }
}
