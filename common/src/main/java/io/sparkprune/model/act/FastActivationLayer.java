package io.sparkprune.model.act;

import io.sparkprune.model.runtime.RuntimeLayers;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A DL4J {@link ActivationLayer} whose runtime computes a plain ReLU in one pass each way
 * ({@link OnePassReluLayer}) instead of DL4J's copy-then-modify-in-place: same JSON fields (plus its
 * class name), same results. Other activations (and ReLU variants with a cap, threshold or slope)
 * get DL4J's runtime layer. Being an ActivationLayer it is pruned and serialized like one; models
 * saved with the plain class keep DL4J's code.
 */
public class FastActivationLayer extends ActivationLayer {

    /** For Jackson. */
    public FastActivationLayer() {
    }

    /** A ReLU layer. */
    public static FastActivationLayer relu() {
        FastActivationLayer layer = new FastActivationLayer();
        layer.setActivationFn(Activation.RELU.getActivationFunction());
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        if (!isPlainRelu(getActivationFn())) {
            return super.instantiate(conf, trainingListeners, layerIndex, layerParamsView, initializeParams,
                    networkDataType);
        }
        // DL4J's ActivationLayer.instantiate with the runtime class swapped
        return RuntimeLayers.wire(new OnePassReluLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    /** max(x, 0): DL4J's ReLU without a cap, threshold or negative slope. */
    static boolean isPlainRelu(IActivation fn) {
        return fn != null && fn.getClass() == ActivationReLU.class && fn instanceof ActivationReLU relu
                && relu.getMax() == null && zeroOrUnset(relu.getThreshold()) && zeroOrUnset(relu.getNegativeSlope());
    }

    private static boolean zeroOrUnset(Double value) {
        return value == null || value == 0.0;
    }

    @Override
    public FastActivationLayer clone() {
        return (FastActivationLayer) super.clone();
    }
}
