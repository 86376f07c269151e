package io.sparkprune.model.dense;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.model.LayerChecks;
import io.sparkprune.model.LayerJson;
import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.sparkprune.model.LayerChecks.assertClose;
import static io.sparkprune.model.LayerChecks.gradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast dense layer must compute what DL4J's dense layer computes, forward and backward. */
class FastDenseLayerTest {
    private static final int IN = 37;

    @Test
    void forwardAndGradientsMatchDl4jsDenseLayer() {
        MultiLayerNetwork fast = network(FastDenseLayer::of);
        MultiLayerNetwork dl4j = network(UnaryOperator.identity());
        dl4j.setParams(fast.params().dup());
        DataSet batch = batch(6, 11);

        assertClose(dl4j.output(batch.getFeatures()), fast.output(batch.getFeatures()), "inference output");
        assertClose(gradient(dl4j, batch), gradient(fast, batch), "gradient of every parameter");
        assertEquals(dl4j.score(), fast.score(), 1e-5, "loss");
        assertComputedBackward(fast);
    }

    @Test
    void trainingFollowsDl4jsDenseLayerAcrossChangingBatchSizes() {
        MultiLayerNetwork fast = network(FastDenseLayer::of);
        MultiLayerNetwork dl4j = network(UnaryOperator.identity());
        dl4j.setParams(fast.params().dup());
        int[] sizes = {16, 16, 7, 16, 5};
        for (int i = 0; i < sizes.length; i++) {
            DataSet batch = batch(sizes[i], 100 + i);
            fast.fit(batch);
            dl4j.fit(batch);
        }
        assertClose(dl4j.params(), fast.params(), "parameters after 5 Adam steps");
        assertComputedBackward(fast);
    }

    /** Dropout (and weight noise, masks) keep DL4J's code, which the runtime inherits. */
    @Test
    void dropoutKeepsDl4jsCode() {
        DenseLayer withDropout = new DenseLayer.Builder().nIn(IN).nOut(5).dropOut(0.5).activation(Activation.RELU).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .list().layer(FastDenseLayer.of(withDropout))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build()).build());
        net.init();
        net.fit(batch(8, 1));
        assertEquals(0, ((GemmDenseLayer) net.getLayer(0)).gemmBackwardPasses);
    }

    @Test
    void hasDl4jsJsonFieldsAndTravelsThroughModelZip() throws Exception {
        MultiLayerNetwork fast = network(FastDenseLayer::of);
        MultiLayerNetwork dl4j = network(UnaryOperator.identity());
        assertEquals(LayerJson.fieldNames(dl4j, 0), LayerJson.fieldNames(fast, 0), "no field beyond DenseLayer's");
        assertEquals(dl4j.getLayerWiseConfigurations().toJson(),
                fast.getLayerWiseConfigurations().toJson().replace(FastDenseLayer.class.getName(),
                        DenseLayer.class.getName()), "every setting copied (regularization, updater, init, ...)");
        assertSame(FastDenseLayer.class, MultiLayerConfiguration.fromJson(fast.getLayerWiseConfigurations().toJson())
                .getConf(0).getLayer().getClass());

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModelSerializer.writeModel(fast, zip, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip.toByteArray()));
        assertInstanceOf(GemmDenseLayer.class, restored.getLayer(0));
        INDArray x = batch(4, 3).getFeatures();
        assertEquals(fast.output(x), restored.output(x), "output after zip round trip");
    }

    @Test
    void theModelsUseItForFastAndDl4jsForTheReference() {
        var fast = Networks.configuration(ConfigLoader.runConfig(ConfigLoader.load(null, List.of())));
        var reference = Networks.configuration(ConfigLoader.runConfig(ConfigLoader.load(null,
                List.of("model.convolution=dl4j"))));
        assertSame(FastDenseLayer.class, fast.getConf(4).getLayer().getClass(), "LeNet-5's hidden layer");
        assertSame(DenseLayer.class, reference.getConf(4).getLayer().getClass());
    }

    private static void assertComputedBackward(MultiLayerNetwork net) {
        for (var layer : net.getLayers()) {
            if (layer instanceof GemmDenseLayer g) {
                assertTrue(g.gemmBackwardPasses > 0, "oneDNN's sgemm computed the backward pass of layer " + g.getIndex());
            }
        }
    }

    /** Two dense layers (so the first one gets the second's input gradient), then softmax. */
    private static MultiLayerNetwork network(UnaryOperator<DenseLayer> kind) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(0.01))
                .list()
                .layer(kind.apply((DenseLayer) new DenseLayer.Builder().nIn(IN).nOut(23).activation(Activation.RELU)
                        .regularization(List.of(new L2Regularization(1e-3))).build()))
                .layer(kind.apply(new DenseLayer.Builder().nIn(23).nOut(11).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(11).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }


    private static DataSet batch(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, IN).subi(0.5);
        return new DataSet(x, LayerChecks.threeClassLabels(n));
    }

}
