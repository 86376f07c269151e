package io.sparkprune.model.pool;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java max pooling must compute what DL4J's built-in pooling (libnd4j) computes, forward (training
 * and inference mode) and backward. The conv layer before it has a ReLU, so windows of zeros tie and
 * the gradient must go to the same element as libnd4j's.
 */
class FastSubsamplingLayerTest {

    enum Geometry {
        /** LeNet-5's pooling: 2x2 / 2, no padding. */
        LENET(12, 2, 2, ConvolutionMode.Truncate, true),
        /** Overlapping windows: gradients of neighbouring outputs add up on shared elements. */
        OVERLAPPING(11, 3, 2, ConvolutionMode.Truncate, true),
        /** VGG-16's: 2x2 / 2 in a Same-mode network, on an even side (no padding needed). */
        VGG_SAME_EVEN(8, 2, 2, ConvolutionMode.Same, true),
        /** Same mode on an odd side needs padding: DL4J's own code runs. */
        SAME_ODD(7, 2, 2, ConvolutionMode.Same, false);

        final int side, kernel, stride;
        final ConvolutionMode mode;
        final boolean javaKernel;

        Geometry(int side, int kernel, int stride, ConvolutionMode mode, boolean javaKernel) {
            this.side = side;
            this.kernel = kernel;
            this.stride = stride;
            this.mode = mode;
            this.javaKernel = javaKernel;
        }
    }

    @ParameterizedTest
    @EnumSource(Geometry.class)
    void forwardAndGradientsMatchTheBuiltInPooling(Geometry g) {
        MultiLayerNetwork fast = network(g, true);
        MultiLayerNetwork builtIn = network(g, false);
        builtIn.setParams(fast.params().dup());
        DataSet batch = batch(g, 6, 11);

        assertClose(builtIn.output(batch.getFeatures()), fast.output(batch.getFeatures()), "inference output");
        List<INDArray> expected = builtIn.feedForward(batch.getFeatures(), true);
        List<INDArray> actual = fast.feedForward(batch.getFeatures(), true);
        assertClose(expected.get(2), actual.get(2), "pooled activations in training mode");
        assertClose(gradient(builtIn, batch), gradient(fast, batch), "gradient of every parameter");
        assertEquals(g.javaKernel, helper(fast).backwardPasses > 0, "Java backward ran");
    }

    @ParameterizedTest
    @EnumSource(value = Geometry.class, names = {"LENET", "OVERLAPPING"})
    void trainingFollowsTheBuiltInPoolingAcrossChangingBatchSizes(Geometry g) {
        MultiLayerNetwork fast = network(g, true);
        MultiLayerNetwork builtIn = network(g, false);
        builtIn.setParams(fast.params().dup());
        int[] batchSizes = {16, 16, 7, 16, 16};
        for (int i = 0; i < batchSizes.length; i++) {
            DataSet batch = batch(g, batchSizes[i], 100 + i);
            fast.fit(batch);
            builtIn.fit(batch);
        }
        assertClose(builtIn.params(), fast.params(), "parameters after 5 Adam steps");
        assertTrue(helper(fast).backwardPasses > 0, "Java backward ran");
    }

    /** Pooling first, on inputs of three values: ties everywhere, and the input gradient shows where each went. */
    @ParameterizedTest
    @EnumSource(value = Geometry.class, names = {"LENET", "OVERLAPPING", "VGG_SAME_EVEN"})
    void tiedMaximaGetTheGradientWhereTheBuiltInPoolingPutsIt(Geometry g) {
        MultiLayerNetwork fast = poolingFirst(g, true);
        MultiLayerNetwork builtIn = poolingFirst(g, false);
        builtIn.setParams(fast.params().dup());
        DataSet batch = batch(g, 5, 21);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 2, g.side, g.side).muli(3).castTo(DataType.INT32)
                .castTo(DataType.FLOAT);
        INDArray expected = builtIn.calculateGradients(x, batch.getLabels(), null, null).getSecond();
        INDArray actual = fast.calculateGradients(x, batch.getLabels(), null, null).getSecond();
        assertTrue(expected.amaxNumber().doubleValue() > 0, "a gradient reaches the input");
        assertClose(expected, actual, "input gradient");
        assertTrue(((FastSubsamplingLayer.Runtime) fast.getLayer(0)).kernels().backwardPasses > 0, "Java backward ran");
    }

    @Test
    void travelsThroughJsonAndModelZip() throws Exception {
        MultiLayerNetwork net = network(Geometry.LENET, true);
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), copy);
        assertInstanceOf(FastSubsamplingLayer.class, copy.getConf(1).getLayer());

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, zip, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip.toByteArray()));
        assertInstanceOf(FastSubsamplingLayer.Runtime.class, restored.getLayer(1));
        INDArray x = batch(Geometry.LENET, 4, 3).getFeatures();
        assertClose(net.output(x), restored.output(x), "output after zip round trip");
    }

    private static JavaMaxPoolingHelper helper(MultiLayerNetwork net) {
        return ((FastSubsamplingLayer.Runtime) net.getLayer(1)).kernels();
    }

    private static INDArray gradient(MultiLayerNetwork net, DataSet batch) {
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    /** conv 3x3 ReLU (4 filters) -> max pooling -> softmax over 3 classes. */
    private static MultiLayerNetwork network(Geometry g, boolean fast) {
        SubsamplingLayer.Builder pool = fast ? new FastSubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                : new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(0.01)).convolutionMode(g.mode)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nIn(2).nOut(4).activation(Activation.RELU)
                        .build())
                .layer(pool.kernelSize(g.kernel, g.kernel).stride(g.stride, g.stride).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(g.side, g.side, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** max pooling -> softmax over 3 classes. */
    private static MultiLayerNetwork poolingFirst(Geometry g, boolean fast) {
        SubsamplingLayer.Builder pool = fast ? new FastSubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                : new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(0.01)).convolutionMode(g.mode)
                .list()
                .layer(pool.kernelSize(g.kernel, g.kernel).stride(g.stride, g.stride).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(g.side, g.side, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Inputs mostly negative: after the ReLU, whole windows tie at zero. */
    private static DataSet batch(Geometry g, int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 2, g.side, g.side).subi(0.7);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return new DataSet(x, y);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(expected.length(), actual.length(), what + ": length");
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-5 * scale, what + ": max |difference| " + diff + " vs scale " + scale);
    }
}
