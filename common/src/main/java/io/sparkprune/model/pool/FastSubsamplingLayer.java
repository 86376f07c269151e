package io.sparkprune.model.pool;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A DL4J {@link SubsamplingLayer} whose runtime max-pools with {@link JavaMaxPoolingHelper}: same
 * JSON fields (plus its class name), same results as libnd4j's pooling, which spent 13% of a
 * LeNet-5 training step (mostly its backward pass). Other pooling types and padded or NHWC layers
 * keep DL4J's code. The helper is made wherever the configuration is instantiated, nothing of it is
 * serialized.
 */
public class FastSubsamplingLayer extends SubsamplingLayer {

    /** For Jackson. */
    protected FastSubsamplingLayer() {
    }

    private FastSubsamplingLayer(Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        Runtime layer = new Runtime(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public FastSubsamplingLayer clone() {
        return (FastSubsamplingLayer) super.clone();
    }

    /** DL4J's subsampling runtime with the Java max-pooling helper installed. */
    static final class Runtime extends org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer {
        Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
            helper = new JavaMaxPoolingHelper();
        }

        /** The kernels computing this layer (tests check them against DL4J's built-in code). */
        JavaMaxPoolingHelper kernels() {
            return (JavaMaxPoolingHelper) helper;
        }
    }

    /**
     * Same options as {@link SubsamplingLayer.Builder}. A failure inside the helper is raised, not
     * hidden behind DL4J's silent fall-back (unsupported inputs still take DL4J's code).
     */
    public static final class Builder extends SubsamplingLayer.Builder {
        public Builder(SubsamplingLayer.PoolingType poolingType) {
            super(poolingType);
            cudnnAllowFallback(false);
        }

        @Override
        public FastSubsamplingLayer build() {
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            ConvolutionUtils.validateCnnKernelStridePadding(kernelSize, stride, padding);
            return new FastSubsamplingLayer(this);
        }
    }
}
