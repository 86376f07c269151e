package io.sparkprune.metrics;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCostTest {

    private static MultiLayerNetwork net(String... sets) {
        RunConfig cfg = ConfigLoader.runConfig(ConfigLoader.load(null, List.of(sets)));
        return Networks.create(cfg);
    }

    @Test
    void lenet5ByHand() {
        ModelCost cost = ModelCost.of(net("model.arch=lenet5"), InputType.convolutional(28, 28, 1));
        assertEquals(431_080, cost.params());
        // conv1 24*24*20*25 + conv2 8*8*50*(20*25) + dense 800*500 + output 500*10
        assertEquals(List.of(288_000L, 0L, 1_600_000L, 0L, 400_000L, 5_000L),
                cost.layers().stream().map(LayerCost::macs).toList());
        assertEquals(2_293_000, cost.macs());
    }

    @Test
    void vgg16ByHand() {
        ModelCost cost = ModelCost.of(net("model.arch=vgg16", "data.name=cifar10"), InputType.convolutional(32, 32, 3));
        assertEquals(14_999_370, cost.params());
        // sum over the 13 conv layers of side^2 * nOut * nIn * 9 (313,196,544), + 512*512 + 512*10
        assertEquals(313_196_544L + 262_144 + 5_120, cost.macs());
    }

    @Test
    void serializedSizeTracksParameters() {
        long full = ModelCost.serializedBytes(net("model.arch=lenet5"));
        long half = ModelCost.serializedBytes(net("model.arch=lenet5", "model.width=0.5"));
        assertTrue(full > 4 * 431_080 * 0.9 && half < full * 0.5, full + " vs " + half);
    }
}
