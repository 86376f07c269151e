package io.sparkprune.model.pool;

import io.sparkprune.model.conv.DnnlRuntime;
import io.sparkprune.model.runtime.RuntimeLayers;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A DL4J {@link SubsamplingLayer} whose runtime ({@link DnnlPoolingLayer}) max-pools on oneDNN where its
 * natives load: same JSON fields (plus its class name), same results as libnd4j's pooling. Other
 * pooling types, padded windows and NHWC keep DL4J's code; models saved with the plain class keep
 * DL4J's runtime. Nothing of the runtime is serialized: it is made wherever the configuration is
 * instantiated (on each executor).
 */
public class FastSubsamplingLayer extends SubsamplingLayer {

    /** For Jackson. */
    public FastSubsamplingLayer() {
    }

    /** {@code built} (made by DL4J's builder) as a fast layer. */
    public static FastSubsamplingLayer of(SubsamplingLayer built) {
        return RuntimeLayers.copyAs(built, FastSubsamplingLayer.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        if (networkDataType != DataType.FLOAT || !DnnlRuntime.available()) {
            return super.instantiate(conf, trainingListeners, layerIndex, layerParamsView, initializeParams,
                    networkDataType);
        }
        // DL4J's SubsamplingLayer.instantiate with the runtime class swapped
        return RuntimeLayers.wire(new DnnlPoolingLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public FastSubsamplingLayer clone() {
        return (FastSubsamplingLayer) super.clone();
    }
}
