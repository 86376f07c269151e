package io.sparkprune.model.pool;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.model.LayerChecks;
import io.sparkprune.model.LayerJson;
import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
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

/** Max pooling on oneDNN must compute what DL4J's subsampling layer computes, forward and backward. */
class FastSubsamplingLayerTest {
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    @Test
    void forwardAndGradientsMatchDl4jsPooling() {
        MultiLayerNetwork fast = network(FastSubsamplingLayer::of, ConvolutionMode.Truncate);
        MultiLayerNetwork dl4j = network(UnaryOperator.identity(), ConvolutionMode.Truncate);
        dl4j.setParams(fast.params().dup());
        DataSet batch = batch(6, 11, ConvolutionMode.Truncate);

        assertEquals(dl4j.output(batch.getFeatures()), fast.output(batch.getFeatures()), "inference output");
        assertClose(gradient(dl4j, batch), gradient(fast, batch), "gradient of every parameter");
        assertEquals(dl4j.score(), fast.score(), 1e-5, "loss");
        for (int i : new int[]{1, 3}) {
            DnnlPoolingLayer pool = (DnnlPoolingLayer) fast.getLayer(i);
            assertTrue(pool.trainingPasses > 0 && pool.inferencePasses > 0 && pool.backwardPasses > 0,
                    "oneDNN computed layer " + i + "'s passes");
        }
    }

    @Test
    void trainingFollowsDl4jsPoolingInSameModeAcrossChangingBatchSizes() {
        MultiLayerNetwork fast = network(FastSubsamplingLayer::of, ConvolutionMode.Same);
        MultiLayerNetwork dl4j = network(UnaryOperator.identity(), ConvolutionMode.Same);
        dl4j.setParams(fast.params().dup());
        int[] sizes = {16, 16, 7, 16, 5};
        for (int i = 0; i < sizes.length; i++) {
            DataSet batch = batch(sizes[i], 100 + i, ConvolutionMode.Same);
            fast.fit(batch);
            dl4j.fit(batch);
        }
        assertClose(dl4j.params(), fast.params(), "parameters after 5 Adam steps");
        assertTrue(((DnnlPoolingLayer) fast.getLayer(3)).backwardPasses >= sizes.length);
    }

    /** Ties (ReLU zeros, a few levels): the gradient goes to the same element of each window as in DL4J. */
    @Test
    void tiesSendTheGradientWhereDl4jSendsIt() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 5, 8, 6).muli(3).castTo(DataType.INT32).castTo(DataType.FLOAT);
        INDArray dy = Nd4j.rand(DataType.FLOAT, 3, 5, 4, 3);
        var fast = runtime(FastSubsamplingLayer.of(pool2x2()));
        var dl4j = runtime(pool2x2());
        assertEquals(dl4j.activate(x, true, NO_WORKSPACES), fast.activate(x, true, NO_WORKSPACES), "forward");
        assertEquals(dl4j.backpropGradient(dy, NO_WORKSPACES).getSecond(),
                fast.backpropGradient(dy, NO_WORKSPACES).getSecond(), "input gradient");
        assertEquals(1, ((DnnlPoolingLayer) fast).backwardPasses);
    }

    /**
     * The recorded maxima serve one backward pass of the input the training pass saw: a second backward
     * pass, or one after an inference pass, is DL4J's (same result).
     */
    @Test
    void aBackwardPassWithoutItsTrainingPassIsDl4js() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4);
        INDArray dy = Nd4j.rand(DataType.FLOAT, 2, 3, 2, 2);
        DnnlPoolingLayer fast = (DnnlPoolingLayer) runtime(FastSubsamplingLayer.of(pool2x2()));
        var dl4j = runtime(pool2x2());
        dl4j.activate(x, true, NO_WORKSPACES);
        INDArray expected = dl4j.backpropGradient(dy, NO_WORKSPACES).getSecond();

        fast.activate(x, true, NO_WORKSPACES);
        assertEquals(expected, fast.backpropGradient(dy, NO_WORKSPACES).getSecond());
        assertEquals(expected, fast.backpropGradient(dy, NO_WORKSPACES).getSecond(), "second backward pass");
        fast.activate(x, true, NO_WORKSPACES);
        fast.activate(x, false, NO_WORKSPACES);
        assertEquals(expected, fast.backpropGradient(dy, NO_WORKSPACES).getSecond(), "after an inference pass");
        assertEquals(1, fast.backwardPasses);
    }

    /** Windows that leave a row over (Truncate drops it), padding and average pooling keep DL4J's code. */
    @Test
    void whatOneDnnDoesNotComputeHereIsDl4js() {
        List<SubsamplingLayer> layers = List.of(
                pool2x2(),
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .padding(1, 1).build(),
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build());
        INDArray odd = Nd4j.rand(DataType.FLOAT, 2, 3, 7, 6);
        INDArray even = Nd4j.rand(DataType.FLOAT, 2, 3, 6, 6);
        for (int i = 0; i < layers.size(); i++) {
            INDArray x = i == 0 ? odd : even;
            DnnlPoolingLayer fast = (DnnlPoolingLayer) runtime(FastSubsamplingLayer.of(layers.get(i)));
            var dl4j = runtime(layers.get(i));
            INDArray y = dl4j.activate(x, true, NO_WORKSPACES);
            assertEquals(y, fast.activate(x, true, NO_WORKSPACES), "forward of case " + i);
            INDArray dy = Nd4j.rand(DataType.FLOAT, y.shape());
            assertEquals(dl4j.backpropGradient(dy, NO_WORKSPACES).getSecond(),
                    fast.backpropGradient(dy, NO_WORKSPACES).getSecond(), "backward of case " + i);
            assertEquals(0, fast.trainingPasses + fast.backwardPasses, "case " + i + " ran DL4J's code");
        }
    }

    @Test
    void hasDl4jsJsonFieldsAndTravelsThroughModelZip() throws Exception {
        MultiLayerNetwork fast = network(FastSubsamplingLayer::of, ConvolutionMode.Same);
        MultiLayerNetwork dl4j = network(UnaryOperator.identity(), ConvolutionMode.Same);
        assertEquals(LayerJson.fieldNames(dl4j, 1), LayerJson.fieldNames(fast, 1), "no field beyond SubsamplingLayer's");
        assertEquals(dl4j.getLayerWiseConfigurations().toJson(),
                fast.getLayerWiseConfigurations().toJson().replace(FastSubsamplingLayer.class.getName(),
                        SubsamplingLayer.class.getName()), "every setting copied (mode inherited, kernel, stride, ...)");
        assertSame(FastSubsamplingLayer.class, MultiLayerConfiguration.fromJson(
                fast.getLayerWiseConfigurations().toJson()).getConf(1).getLayer().getClass());

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModelSerializer.writeModel(fast, zip, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip.toByteArray()));
        assertInstanceOf(DnnlPoolingLayer.class, restored.getLayer(1));
        INDArray x = batch(4, 3, ConvolutionMode.Same).getFeatures();
        assertEquals(fast.output(x), restored.output(x), "output after zip round trip");
    }

    @Test
    void theModelsUseItForFastAndDl4jsForTheReference() {
        for (String arch : List.of("lenet5", "vgg16")) {
            var fast = Networks.configuration(ConfigLoader.runConfig(ConfigLoader.load(null,
                    List.of("model.arch=" + arch))));
            var reference = Networks.configuration(ConfigLoader.runConfig(ConfigLoader.load(null,
                    List.of("model.arch=" + arch, "model.convolution=dl4j"))));
            long fastPools = fast.getConfs().stream().filter(c -> c.getLayer() instanceof FastSubsamplingLayer).count();
            long plainPools = reference.getConfs().stream()
                    .filter(c -> c.getLayer().getClass() == SubsamplingLayer.class).count();
            assertEquals(arch.equals("lenet5") ? 2 : 5, fastPools, arch + ": every pooling layer fast");
            assertEquals(fastPools, plainPools, arch + ": the reference keeps DL4J's");
            assertTrue(fast.getConfs().stream().filter(c -> c.getLayer() instanceof SubsamplingLayer)
                    .allMatch(c -> Networks.isPooling(c.getLayer())), arch + ": pruning knows them");
        }
    }

    private static SubsamplingLayer pool2x2() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    /** A configuration's runtime layer on its own (no parameters), float. */
    private static org.deeplearning4j.nn.api.Layer runtime(SubsamplingLayer layer) {
        NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).layer(layer).build();
        return conf.getLayer().instantiate(conf, List.of(), 0, null, true, DataType.FLOAT);
    }

    /** Truncate: 10 -> 8 -> 4 -> 2 -> 1; Same: 8 -> 8 -> 4 -> 4 -> 2 (every pooling input even). */
    private static int side(ConvolutionMode mode) {
        return mode == ConvolutionMode.Same ? 8 : 10;
    }

    /** conv 3x3 -> pool -> conv 3x3 -> pool -> softmax on 3-channel square images. */
    private static MultiLayerNetwork network(UnaryOperator<SubsamplingLayer> kind, ConvolutionMode mode) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(0.01)).convolutionMode(mode)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(kind.apply(pool2x2()))
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(5).activation(Activation.TANH).build())
                .layer(kind.apply(pool2x2()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(side(mode), side(mode), 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }


    private static DataSet batch(int n, long seed, ConvolutionMode mode) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 3, side(mode), side(mode)).subi(0.5);
        return new DataSet(x, LayerChecks.threeClassLabels(n));
    }
}
