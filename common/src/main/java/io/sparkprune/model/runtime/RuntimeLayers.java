package io.sparkprune.model.runtime;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.util.Collection;

/**
 * For layer configurations that keep DL4J's JSON but swap in a runtime class of their own: the
 * wiring every DL4J configuration's {@code instantiate} does to its runtime layer, and the copy of a
 * layer DL4J's builder made into such a subclass.
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

    /**
     * {@code built} as an instance of its subclass {@code type} (DL4J's builders make the plain classes):
     * copied through DL4J's own JSON mapper, so every field DL4J serializes is carried.
     */
    public static <C extends org.deeplearning4j.nn.conf.layers.Layer> C copyAs(
            org.deeplearning4j.nn.conf.layers.Layer built, Class<C> type) {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        ObjectNode json = mapper.valueToTree(built);
        json.put("@class", type.getName());
        try {
            return mapper.treeToValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("could not copy a " + built.getClass().getSimpleName()
                    + " configuration: " + e, e);
        }
    }
}
