package io.sparkprune.model.conv;

import io.sparkprune.train.OptionalInputGradient;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * A DL4J {@link ConvolutionLayer} whose runtime computes with {@link Im2colConvolutionHelper}:
 * same parameters, same JSON fields (plus its class name), same results, about twice the
 * training speed of 1.0.0-M2's built-in im2col on CPU. Being a ConvolutionLayer, it is pruned,
 * costed and serialized like one, and it travels to Spark executors in the model's JSON.
 */
public class FastConvolutionLayer extends ConvolutionLayer {

    /** For Jackson. */
    protected FastConvolutionLayer() {
    }

    private FastConvolutionLayer(Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        org.deeplearning4j.nn.layers.convolution.ConvolutionLayer layer = new Runtime(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        ParamInitializer init = initializer();
        Map<String, INDArray> params = init.init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public FastConvolutionLayer clone() {
        return (FastConvolutionLayer) super.clone();
    }

    /**
     * DL4J's convolution runtime with sparkprune's helper installed: oneDNN where its natives load,
     * else im2col + gemm. Made fresh wherever the configuration is instantiated (on each executor).
     */
    static final class Runtime extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer
            implements OptionalInputGradient {
        private boolean inputGradient = true;

        Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
            helper = DnnlRuntime.available() ? new DnnlConvolutionHelper() : new Im2colConvolutionHelper();
        }

        /**
         * Left out, it saves a product per image (oneDNN: the backward-data primitive). Not with dropout,
         * whose backward pass reads it.
         */
        @Override
        public boolean inputGradient(boolean needed) {
            if (layerConf().getIDropout() != null || !(helper instanceof ConvolutionKernels kernels)) {
                return false;
            }
            kernels.inputGradient(needed);
            inputGradient = needed;
            return true;
        }

        @Override
        public boolean inputGradient() {
            return inputGradient;
        }

        /** The kernels computing this layer (tests check each against DL4J's built-in code). */
        ConvolutionHelper kernels() {
            return helper;
        }

        void useKernels(ConvolutionKernels kernels) {
            kernels.inputGradient(inputGradient);
            helper = kernels;
        }
    }

    /**
     * Same options as {@link ConvolutionLayer.Builder}. A failure inside the helper is raised, not
     * hidden behind DL4J's silent fall-back to its slow path (unsupported inputs still use that path).
     */
    public static final class Builder extends ConvolutionLayer.Builder {
        public Builder(int... kernelSize) {
            super(kernelSize);
            cudnnAllowFallback(false);
        }

        @Override
        public FastConvolutionLayer build() {
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            ConvolutionUtils.validateCnnKernelStridePadding(kernelSize, stride, padding);
            return new FastConvolutionLayer(this);
        }
    }
}
