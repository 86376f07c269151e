package io.sparkprune.stats;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.model.Networks;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationStatsTest {
    private static final double TOLERANCE = 1e-9;
    private final MultiLayerNetwork net = Networks.create(ConfigLoader.runConfig(ConfigLoader.load(null,
            List.of("model.arch=vgg16", "data.name=cifar10", "model.width=0.125"))));
    private final List<PrunableLayer> layers = NetworkTopology.prunableLayers(net, true);
    private final LabeledImages data = PatternImages.of(48, 3, 32, 32, 9);

    private ActivationStats over(int from, int to) {
        ActivationStats s = ActivationStats.empty(layers);
        for (int i = from; i < to; i += 8) {
            s = s.add(net, layers, data.toDataSet(i, Math.min(to, i + 8)));
        }
        return s;
    }

    @Test
    void mergeOfPartsEqualsOnePass() {
        ActivationStats whole = over(0, 48);
        ActivationStats a = over(0, 16);
        ActivationStats b = over(16, 48);
        for (PrunableLayer p : layers) {
            assertArrayEquals(whole.mean(p.index()), a.merge(b).mean(p.index()), TOLERANCE);
            assertArrayEquals(a.merge(b).mean(p.index()), b.merge(a).mean(p.index()), TOLERANCE);
            assertArrayEquals(whole.apoz(p.index()), a.merge(b).apoz(p.index()), TOLERANCE);
        }
        ActivationStats empty = ActivationStats.empty(layers);
        assertArrayEquals(whole.mean(0), empty.merge(whole).mean(0), TOLERANCE);
    }

    @Test
    void meansAndApozMatchADirectComputation() {
        PrunableLayer first = layers.get(0);
        INDArray act = net.feedForward(data.toDataSet(0, 8).getFeatures(), false).get(first.lastBeforeConsumer() + 1);
        ActivationStats s = over(0, 8);
        double[] mean = act.mean(0, 2, 3).toDoubleVector();
        assertArrayEquals(mean, s.mean(first.index()), 1e-5);
        double zeros = act.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                .lte(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
        assertEquals(zeros, s.apoz(first.index())[0], 1e-9);
        assertTrue(zeros > 0, "after ReLU some values are zero");
    }
}
