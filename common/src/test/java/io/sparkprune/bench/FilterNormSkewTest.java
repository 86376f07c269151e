package io.sparkprune.bench;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FilterNormSkewTest {

    @Test
    void countsFiltersFarBelowTheirLayersLargest() {
        MultiLayerNetwork net = Networks.create(ConfigLoader.runConfig(ConfigLoader.load(null,
                List.of("model.arch=lenet5", "model.width=0.5")))); // conv layers with 10 and 25 filters
        assertEquals(0.0, FilterNormSkew.fractionBelow(net, 1e-2));
        INDArray w0 = net.getLayer(0).getParam("W");
        w0.get(NDArrayIndex.interval(0, 3)).muli(1e-3); // 3 of 10 filters shrunk
        INDArray w2 = net.getLayer(2).getParam("W");
        w2.get(NDArrayIndex.interval(0, 4)).assign(0); // 4 of 25 zeroed
        assertEquals(7.0 / 35, FilterNormSkew.fractionBelow(net, 1e-2), 1e-12);
        w2.assign(0); // a dead layer counts entirely
        assertEquals((3.0 + 25) / 35, FilterNormSkew.fractionBelow(net, 1e-2), 1e-12);
    }
}
