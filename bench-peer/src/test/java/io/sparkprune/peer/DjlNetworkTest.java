package io.sparkprune.peer;

import ai.djl.ndarray.types.Shape;
import io.sparkprune.bench.RandomImages;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.DatasetName;
import io.sparkprune.config.RunConfig;
import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The peer's networks are sparkprune's: same parameter count, and they train. */
class DjlNetworkTest {

    @BeforeAll
    static void offlineEngine() {
        PeerEngine.configure();
    }

    @Test
    void lenetHasSparkprunesParameterCount() {
        assertEquals(431_080, peerParameters(PytorchPeer.LENET));
    }

    @Test
    void vggWidthQuarterHasSparkprunesParameterCount() {
        assertEquals(942_810, peerParameters(PytorchPeer.VGG));
    }

    @Test
    void anEpochOfThePeerMovesItsWeights() {
        RunConfig cfg = config(PytorchPeer.LENET);
        var images = RandomImages.of(DatasetName.MNIST, 128, 1);
        try (DjlTraining t = training(PytorchPeer.LENET, cfg)) {
            float before = t.firstWeightSum();
            t.epoch(images, 64, 7);
            assertTrue(Math.abs(t.firstWeightSum() - before) > 1e-4, "Adam steps changed the first conv's weights");
        }
    }

    @Test
    void aLayerWithoutCounterpartIsRefused() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new LSTM.Builder().nIn(3).nOut(4).build()).build();
        assertThrows(IllegalArgumentException.class, () -> DjlNetwork.of(conf));
    }

    private static long peerParameters(PytorchPeer.Workload w) {
        RunConfig cfg = config(w);
        long dl4j = Networks.create(cfg).numParams();
        try (DjlTraining t = training(w, cfg)) {
            assertEquals(dl4j, t.parameterCount(), "same as the DL4J network");
            return t.parameterCount();
        }
    }

    private static DjlTraining training(PytorchPeer.Workload w, RunConfig cfg) {
        Shape input = new Shape(64, w.data().channels(), w.data().height(), w.data().width());
        return new DjlTraining(DjlNetwork.of(Networks.configuration(cfg)), input, (float) cfg.train().lr(), 1);
    }

    private static RunConfig config(PytorchPeer.Workload w) {
        return ConfigLoader.runConfig(ConfigLoader.load(null, List.copyOf(w.settings())));
    }
}
