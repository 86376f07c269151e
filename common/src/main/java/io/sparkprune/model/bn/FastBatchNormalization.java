package io.sparkprune.model.bn;

import io.sparkprune.model.runtime.RuntimeLayers;
import io.sparkprune.model.conv.DnnlRuntime;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A DL4J {@link BatchNormalization} whose runtime ({@link DnnlBatchNormLayer}) computes on oneDNN
 * ({@link DnnlBatchNormHelper}) where its natives load, else with DL4J's own code: same parameters,
 * same JSON fields (plus its class name), same results. Being a BatchNormalization it is pruned and serialized like one, and
 * the helper is made fresh wherever the configuration is instantiated (on each executor), so old
 * and new model.zip files load alike; {@code -Dsparkprune.onednn=false} keeps DL4J's code.
 */
public class FastBatchNormalization extends BatchNormalization {
    /** For Jackson; DL4J's BatchNormalization defaults (decay 0.9, eps 1e-5, gamma 1, beta 0, log10 std kept). */
    public FastBatchNormalization() {
    }

    /** A batch norm over {@code channels} channels with DL4J's defaults. */
    public static FastBatchNormalization of(long channels) {
        FastBatchNormalization bn = new FastBatchNormalization();
        bn.setNOut(channels);
        return bn;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        if (!DnnlRuntime.available() || isLockGammaBeta()) {
            return super.instantiate(conf, trainingListeners, layerIndex, layerParamsView, initializeParams,
                    networkDataType);
        }
        // DL4J's BatchNormalization.instantiate with the runtime class swapped
        LayerValidation.assertNOutSet("BatchNormalization", getLayerName(), layerIndex, getNOut());
        return RuntimeLayers.wire(new DnnlBatchNormLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public FastBatchNormalization clone() {
        return (FastBatchNormalization) super.clone();
    }
}
