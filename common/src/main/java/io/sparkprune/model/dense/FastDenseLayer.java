package io.sparkprune.model.dense;

import io.sparkprune.model.conv.DnnlRuntime;
import io.sparkprune.model.runtime.RuntimeLayers;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A DL4J {@link DenseLayer} whose runtime computes its three products on oneDNN's sgemm
 * ({@link GemmDenseLayer}) instead of ND4J's {@code mmul} on OpenBLAS: same JSON fields (plus its class
 * name), same results up to float summation order. Float layers without layer normalization get it
 * where oneDNN loads; anything else, and models saved with the plain class, keep DL4J's runtime.
 */
public class FastDenseLayer extends DenseLayer {

    /** For Jackson. */
    public FastDenseLayer() {
    }

    /**
     * {@code built} as a fast layer (DL4J's builder makes plain DenseLayers and its constructor is
     * private): copied through DL4J's own JSON mapper, so every field DL4J serializes is carried.
     */
    public static FastDenseLayer of(DenseLayer built) {
        return RuntimeLayers.copyAs(built, FastDenseLayer.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        if (networkDataType != DataType.FLOAT || hasLayerNorm() || !DnnlRuntime.available()) {
            return super.instantiate(conf, trainingListeners, layerIndex, layerParamsView, initializeParams,
                    networkDataType);
        }
        // DL4J's DenseLayer.instantiate with the runtime class swapped
        return RuntimeLayers.wire(new GemmDenseLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public FastDenseLayer clone() {
        return (FastDenseLayer) super.clone();
    }
}
