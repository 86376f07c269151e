package io.sparkprune.pruning;

import io.sparkprune.prunable.PruningException;
import io.sparkprune.config.PruneRule;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruningInputTest {

    @Test
    void badThresholdsAreRefused() {
        Pruner pruner = new Pruner(PruningFixtures.lenet(), null, PruneRule.RELATIVE, false);
        for (double t : new double[]{-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            String msg = assertThrows(PruningException.class, () -> pruner.prune(t)).getMessage();
            assertTrue(msg.contains("threshold"), msg);
        }
    }

    @Test
    void unsupportedLayerIsNamed() {
        var conf = new NeuralNetConfiguration.Builder().list()
                .layer(new LSTM.Builder().nIn(3).nOut(4).build())
                .layer(new RnnOutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.recurrent(3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        String msg = assertThrows(PruningException.class, () -> new Pruner(net, null, PruneRule.RELATIVE, false))
                .getMessage();
        assertTrue(msg.contains("layer 0 is a LSTM"), msg);
    }

    @Test
    void aNetworkWithoutConvLayersIsRefused() {
        var conf = new NeuralNetConfiguration.Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(3).nOut(4).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.feedForward(3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertThrows(PruningException.class, () -> new Pruner(net, null, PruneRule.RELATIVE, false));
    }
}
