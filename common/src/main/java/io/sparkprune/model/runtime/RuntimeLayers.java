package io.sparkprune.model.runtime;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * The wiring every DL4J layer configuration's {@code instantiate} does to its runtime layer, for
 * configurations that keep DL4J's JSON but swap in a runtime class of their own.
 */
public final class RuntimeLayers {
    private RuntimeLayers() {
    }

    /** {@code layer} with listeners, index, parameter view and (initialised) parameters set, as DL4J does it. */
    public static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                           int index, INDArray paramsView, boolean initializeParams,
                                           ParamInitializer initializer) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer.init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
