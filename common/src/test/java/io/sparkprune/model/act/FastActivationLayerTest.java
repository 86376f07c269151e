package io.sparkprune.model.act;

import io.sparkprune.model.LayerJson;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-pass ReLU layer must compute exactly what DL4J's ActivationLayer computes: outputs in
 * training and inference mode, the gradient of the input and of every parameter before it, Adam
 * steps; and it must travel through JSON and model.zip as the same layer. Networks: conv, ReLU,
 * max pool, conv, ReLU, softmax, identical but for the ReLU layers' class.
 */
class FastActivationLayerTest {
    private static final int CHANNELS = 3;
    private static final int SIDE = 8;

    @Test
    void outputsInTrainingAndInferenceModeEqualDl4jsActivationLayer() {
        MultiLayerNetwork fast = network(FastActivationLayer::relu);
        MultiLayerNetwork builtIn = network(FastActivationLayerTest::dl4jRelu);
        builtIn.setParams(fast.params().dup());
        INDArray x = batch(9, 3).getFeatures();
        INDArray before = x.dup();

        assertEquals(builtIn.output(x, true), fast.output(x, true), "training-mode output");
        assertEquals(builtIn.output(x, false), fast.output(x, false), "inference-mode output");
        assertEquals(before, x, "the input is left alone");
        assertTrue(relu(fast, 1).forwardPasses == 2 && relu(fast, 4).forwardPasses == 2, "the one-pass forward ran");
        INDArray beforeRelu = fast.feedForwardToLayer(0, x, true).get(1);
        assertTrue(beforeRelu.minNumber().doubleValue() < 0 && beforeRelu.maxNumber().doubleValue() > 0,
                "the test input reaches both sides of the kink");
    }

    @Test
    void gradientsOfInputAndEveryParameterEqualDl4jsActivationLayer() {
        MultiLayerNetwork fast = network(FastActivationLayer::relu);
        MultiLayerNetwork builtIn = network(FastActivationLayerTest::dl4jRelu);
        builtIn.setParams(fast.params().dup());
        DataSet batch = batch(10, 11);

        Pair<Gradient, INDArray> expected = builtIn.calculateGradients(batch.getFeatures(), batch.getLabels(), null,
                null);
        Pair<Gradient, INDArray> actual = fast.calculateGradients(batch.getFeatures(), batch.getLabels(), null, null);
        assertEquals(expected.getSecond(), actual.getSecond(), "gradient of the input");
        var expectedByParam = expected.getFirst().gradientForVariable();
        assertEquals(expectedByParam.keySet(), actual.getFirst().gradientForVariable().keySet());
        for (String param : expectedByParam.keySet()) {
            INDArray g = actual.getFirst().getGradientFor(param);
            assertEquals(expectedByParam.get(param), g, "gradient of " + param);
            assertNotEquals(0.0, g.amaxNumber().doubleValue(), "gradient of " + param + " flows");
        }
        assertTrue(relu(fast, 1).backwardPasses == 1 && relu(fast, 4).backwardPasses == 1, "the one-pass backward ran");
    }

    /** 135 elements (not a multiple of any vector length) in C order: the kernel's tail; in F order: libnd4j's ops. */
    @ParameterizedTest
    @ValueSource(chars = {'c', 'f'})
    void layerAloneMatchesDl4jsOnEitherPathIncludingExactZeros(char order) {
        NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .layer(FastActivationLayer.relu()).build();
        OnePassReluLayer fast = (OnePassReluLayer) conf.getLayer().instantiate(conf, List.of(), 0, null, true,
                DataType.FLOAT);
        org.deeplearning4j.nn.api.Layer builtIn = dl4jRelu().instantiate(conf, List.of(), 0, null, true,
                DataType.FLOAT);
        Nd4j.getRandom().setSeed(17);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 5, 3, 3).dup(order);
        x.putScalar(new long[]{1, 2, 1, 1}, 0.0);
        INDArray dy = Nd4j.randn(DataType.FLOAT, 3, 5, 3, 3).dup(order);
        INDArray xBefore = x.dup();
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();

        assertEquals(builtIn.activate(x.dup(order), true, none), fast.activate(x, true, none), "forward");
        INDArray expected = builtIn.backpropGradient(dy, none).getSecond();
        INDArray actual = fast.backpropGradient(dy, none).getSecond();
        assertEquals(expected, actual, "backward");
        assertEquals(0.0, actual.getDouble(1, 2, 1, 1), "no gradient at exactly 0");
        assertEquals(xBefore, x, "the input is left alone");
        assertEquals(order == 'c' ? 2 : 0, fast.vectorPasses, "vector kernel for dense C-order arrays only");
    }

    @Test
    void adamStepsFollowDl4jsActivationLayerAcrossChangingBatchSizes() {
        MultiLayerNetwork fast = network(FastActivationLayer::relu);
        MultiLayerNetwork builtIn = network(FastActivationLayerTest::dl4jRelu);
        INDArray start = fast.params().dup();
        builtIn.setParams(start);
        int[] sizes = {16, 16, 7, 16, 5};
        for (int i = 0; i < sizes.length; i++) {
            DataSet batch = batch(sizes[i], 100 + i);
            fast.fit(batch);
            builtIn.fit(batch);
        }
        assertEquals(builtIn.params(), fast.params(), "parameters after 5 Adam steps");
        assertNotEquals(start, fast.params(), "the steps moved the parameters");
        assertEquals(5, relu(fast, 4).backwardPasses);
    }

    @Test
    void otherActivationsAndReluVariantsKeepDl4jsLayer() {
        assertInstanceOf(OnePassReluLayer.class, network(FastActivationLayer::relu).getLayer(1));
        assertInstanceOf(OnePassReluLayer.class, network(() -> withActivation(new ActivationReLU(null, 0.0, 0.0)))
                .getLayer(1), "ReLU with threshold and slope spelled out as 0");
        for (Supplier<ActivationLayer> layer : List.<Supplier<ActivationLayer>>of(
                () -> withActivation(Activation.TANH.getActivationFunction()),
                () -> withActivation(new ActivationReLU(6.0, 0.0, 0.0)),
                () -> withActivation(new ActivationReLU(null, 0.5, 0.0)),
                () -> withActivation(new ActivationReLU(null, 0.0, 0.1)))) {
            assertSame(org.deeplearning4j.nn.layers.ActivationLayer.class, network(layer).getLayer(1).getClass(),
                    layer.get().getActivationFn().toString());
        }
    }

    @Test
    void travelsThroughJsonAndModelZipAsTheSameLayer() throws Exception {
        MultiLayerNetwork net = network(FastActivationLayer::relu);
        net.fit(batch(16, 5));
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), copy);
        assertInstanceOf(FastActivationLayer.class, copy.getConf(1).getLayer());

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, zip, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip.toByteArray()));
        assertInstanceOf(OnePassReluLayer.class, restored.getLayer(1));
        INDArray x = batch(4, 3).getFeatures();
        assertEquals(net.output(x), restored.output(x), "output after zip round trip");

        assertEquals(LayerJson.fieldNames(network(FastActivationLayerTest::dl4jRelu), 1), LayerJson.fieldNames(net, 1),
                "no JSON field beyond DL4J's ActivationLayer");
    }

    @Test
    void vggUsesTheOnePassReluForFastAndDl4jsLayerForDl4j() {
        List<String> vgg = List.of("model.arch=vgg16", "data.name=cifar10", "model.width=0.125");
        assertEquals(13, countRelus(vgg, "fast", FastActivationLayer.class));
        assertEquals(13, countRelus(vgg, "dl4j", ActivationLayer.class));
    }

    /** Between VGG's batch norms, convolutions and poolings every array is dense: all on the vector kernel. */
    @Test
    void vggTrainsItsRelusOnTheVectorKernel() {
        assertTrue(io.sparkprune.simd.VectorModule.PRESENT, "test JVMs run with --add-modules=jdk.incubator.vector");
        MultiLayerNetwork vgg = Networks.create(ConfigLoader.runConfig(ConfigLoader.load(null,
                List.of("model.arch=vgg16", "data.name=cifar10", "model.width=0.125"))));
        Nd4j.getRandom().setSeed(3);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, i, 1.0);
        }
        vgg.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32), labels));
        int relus = 0;
        for (var layer : vgg.getLayers()) {
            if (layer instanceof OnePassReluLayer relu) {
                assertEquals(1, relu.forwardPasses);
                assertEquals(1, relu.backwardPasses);
                assertEquals(2, relu.vectorPasses, "layer " + relu.getIndex() + " on the vector kernel");
                relus++;
            }
        }
        assertEquals(13, relus);
    }

    private static int countRelus(List<String> base, String convolution, Class<?> expected) {
        List<String> sets = new ArrayList<>(base);
        sets.add("model.convolution=" + convolution);
        MultiLayerConfiguration conf = Networks.configuration(ConfigLoader.runConfig(ConfigLoader.load(null, sets)));
        int n = 0;
        for (NeuralNetConfiguration c : conf.getConfs()) {
            if (c.getLayer() instanceof ActivationLayer a) {
                assertSame(expected, a.getClass(), convolution);
                n++;
            }
        }
        return n;
    }

    private static ActivationLayer dl4jRelu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }

    private static ActivationLayer withActivation(org.nd4j.linalg.activations.IActivation fn) {
        FastActivationLayer layer = new FastActivationLayer();
        layer.setActivationFn(fn);
        return layer;
    }

    private static OnePassReluLayer relu(MultiLayerNetwork net, int layer) {
        return (OnePassReluLayer) net.getLayer(layer);
    }



    /** conv 3->8, ReLU, max pool, conv 8->4, ReLU, softmax 3 (DL4J's built-in convolutions). */
    private static MultiLayerNetwork network(Supplier<ActivationLayer> relu) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(0.01)).convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(CHANNELS).nOut(8).activation(Activation.IDENTITY).build())
                .layer(relu.get())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build())
                .layer(relu.get())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(SIDE, SIDE, CHANNELS))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet batch(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, CHANNELS, SIDE, SIDE).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return new DataSet(x, y);
    }
}
