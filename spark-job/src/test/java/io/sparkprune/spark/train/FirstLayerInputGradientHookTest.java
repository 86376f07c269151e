package io.sparkprune.spark.train;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.model.Networks;
import io.sparkprune.train.OptionalInputGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hook dl4j-spark's workers run before each minibatch: their networks' first layer leaves out the input gradient. */
class FirstLayerInputGradientHookTest {

    @Test
    void aWorkersNetworkLeavesOutItsFirstLayersInputGradientAfterTheHookTravelled() throws Exception {
        // the training master ships its hooks to the executors by Java serialization
        TrainingHook hook = travelled(new FirstLayerInputGradientHook());
        MultiLayerNetwork net = Networks.create(ConfigLoader.runConfig(ConfigLoader.load(null, List.of())));
        OptionalInputGradient first = (OptionalInputGradient) net.getLayer(0);
        assertTrue(first.inputGradient());
        hook.postUpdate((org.nd4j.linalg.dataset.api.DataSet) null, net);
        assertTrue(first.inputGradient(), "only before an update");
        hook.preUpdate((org.nd4j.linalg.dataset.api.DataSet) null, net);
        assertFalse(first.inputGradient());
    }

    private static TrainingHook travelled(TrainingHook hook) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(hook);
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (TrainingHook) in.readObject();
        }
    }
}
