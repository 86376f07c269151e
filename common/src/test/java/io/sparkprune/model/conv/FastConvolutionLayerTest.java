package io.sparkprune.model.conv;

import io.sparkprune.model.LayerChecks;
import io.sparkprune.train.NativeThreads;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

import static io.sparkprune.model.LayerChecks.assertClose;
import static io.sparkprune.model.LayerChecks.gradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast convolution must compute what DL4J's built-in convolution computes, forward and backward. */
class FastConvolutionLayerTest {

    /**
     * Two conv layers (so the first one's gradient runs through the second one's col2im), then softmax.
     * Stride-1 first layers of 5 filters take the framed kernel forward, of 40 (or strided) the OpenBLAS gemm.
     */
    enum Geometry {
        LENET(1, 14, 5, 5, 1, 0, ConvolutionMode.Truncate, Activation.IDENTITY, 5),
        SAME_PADDED(3, 9, 3, 3, 1, 1, ConvolutionMode.Same, Activation.RELU, 40),
        STRIDED_NON_SQUARE(2, 11, 3, 2, 2, 1, ConvolutionMode.Truncate, Activation.TANH, 5),
        /** VGG's shape: 16 channels in and out, 3x3, padded to the same size. */
        VGG_BLOCK(16, 8, 3, 3, 1, 1, ConvolutionMode.Same, Activation.IDENTITY, 16),
        /** An even kernel in Same mode pads only the bottom/right edge. */
        SAME_EVEN_KERNEL(2, 7, 2, 2, 1, 0, ConvolutionMode.Same, Activation.RELU, 6);

        final int channels, side, kH, kW, stride, pad, firstFilters;
        final ConvolutionMode mode;
        final Activation activation;

        Geometry(int channels, int side, int kH, int kW, int stride, int pad, ConvolutionMode mode, Activation act,
                 int firstFilters) {
            this.channels = channels;
            this.firstFilters = firstFilters;
            this.side = side;
            this.kH = kH;
            this.kW = kW;
            this.stride = stride;
            this.pad = pad;
            this.mode = mode;
            this.activation = act;
        }
    }

    /** The kernels behind FastConvolutionLayer: oneDNN (the default here) and the Java/OpenBLAS fall-back. */
    enum Kernels {
        ONEDNN, IM2COL;

        void install(MultiLayerNetwork net) {
            for (var layer : net.getLayers()) {
                if (layer instanceof FastConvolutionLayer.Runtime r) {
                    r.useKernels(this == ONEDNN ? new DnnlConvolutionHelper() : new Im2colConvolutionHelper());
                }
            }
        }

        /**
         * oneDNN's backward ran itself (rather than returning null, which would let DL4J's code answer)
         * on layers with several input channels, and the Java kernels' on single-channel ones.
         */
        void assertComputedBackward(MultiLayerNetwork net) {
            if (this == ONEDNN) {
                for (var layer : net.getLayers()) {
                    if (layer instanceof FastConvolutionLayer.Runtime r) {
                        long inputChannels = ((ConvolutionLayer) r.conf().getLayer()).getNIn();
                        long passes = ((DnnlConvolutionHelper) r.kernels()).backwardPasses;
                        assertEquals(inputChannels > 1, passes > 0,
                                "oneDNN backward ran on a layer of " + inputChannels + " input channels");
                    }
                }
            }
        }
    }

    @Test
    void oneDnnIsTheDefaultWhereItsNativesLoad() {
        assertTrue(DnnlRuntime.available(), "oneDNN did not load: the fast layer would silently use im2col");
        MultiLayerNetwork net = network(Geometry.LENET, true);
        assertInstanceOf(DnnlConvolutionHelper.class, ((FastConvolutionLayer.Runtime) net.getLayer(0)).kernels());
    }

    /** The routing measured per layer shape (see {@link DnnlConvolutionHelper#onOneDnn}). */
    @ParameterizedTest
    @CsvSource({
            // batch, channels, side, kernel, pad: forward on oneDNN, backward on oneDNN
            "64, 1, 28, 5, 0, false, false",    // LeNet-5 conv1: single channel, framed Java kernel
            "1, 1, 28, 5, 0, false, false",     // ... also at batch 1
            "64, 20, 12, 5, 0, true, true",     // LeNet-5 conv2
            "64, 5, 12, 5, 0, true, true",      // LeNet-5 conv2 after conv1 was pruned to 5 filters
            "64, 3, 32, 3, 1, true, true",      // VGG-16's first layer (RGB)
            "64, 64, 8, 3, 1, true, true",      // a VGG-16 w0.25 block
            "256, 20, 12, 5, 0, false, true"})  // an inference-size batch's forward pass
    void routesEachLayerShapeToTheKernelMeasuredFasterForIt(int batch, int channels, int side, int kernel, int pad,
                                                            boolean forward, boolean backward) {
        int out = side + 2 * pad - kernel + 1;
        ConvGeometry g = new ConvGeometry(batch, channels, side, side, kernel, kernel, 1, 1, pad, pad, out, out);
        assertEquals(forward, DnnlConvolutionHelper.onOneDnn(g, true), "forward on oneDNN");
        assertEquals(backward, DnnlConvolutionHelper.onOneDnn(g, false), "backward on oneDNN");
    }

    @Test
    void testJvmsRunTheFramedKernel() {
        assertTrue(Im2colConvolutionHelper.framedKernelAvailable(),
                "Surefire's argLine lacks --add-modules=jdk.incubator.vector: the kernel would go untested");
    }

    @ParameterizedTest
    @CsvSource({"LENET, ONEDNN", "SAME_PADDED, ONEDNN", "STRIDED_NON_SQUARE, ONEDNN", "VGG_BLOCK, ONEDNN",
            "SAME_EVEN_KERNEL, ONEDNN", "LENET, IM2COL", "SAME_PADDED, IM2COL", "STRIDED_NON_SQUARE, IM2COL",
            "VGG_BLOCK, IM2COL", "SAME_EVEN_KERNEL, IM2COL"})
    void forwardAndGradientsMatchTheBuiltInConvolution(Geometry g, Kernels kernels) {
        MultiLayerNetwork fast = network(g, true);
        kernels.install(fast);
        MultiLayerNetwork builtIn = network(g, false);
        builtIn.setParams(fast.params().dup());
        DataSet batch = batch(g, 6, 11);

        assertClose(builtIn.output(batch.getFeatures()), fast.output(batch.getFeatures()), "inference output");
        INDArray expected = gradient(builtIn, batch);
        INDArray actual = gradient(fast, batch);
        assertClose(expected, actual, "gradient of every parameter");
        kernels.assertComputedBackward(fast);
        assertEquals(builtIn.score(), fast.score(), 1e-5, "loss");
    }

    /**
     * The first layer without its input gradient (what training asks for, {@code LocalTrainer}): the
     * same parameter gradients, bit for bit, on the Java kernels (LeNet-5's single input channel) and on
     * oneDNN (VGG's block); with dropout the switch is refused, as its backward pass reads that gradient.
     */
    @ParameterizedTest
    @CsvSource({"LENET, ONEDNN", "VGG_BLOCK, ONEDNN", "LENET, IM2COL", "VGG_BLOCK, IM2COL"})
    void leavingOutTheInputGradientLeavesTheParameterGradientsAsTheyAre(Geometry g, Kernels kernels) {
        MultiLayerNetwork fast = network(g, true);
        kernels.install(fast);
        DataSet batch = batch(g, 6, 11);
        INDArray with = gradient(fast, batch);
        FastConvolutionLayer.Runtime first = (FastConvolutionLayer.Runtime) fast.getLayer(0);
        assertTrue(first.inputGradient(false));
        assertEquals(with, gradient(fast, batch));
        kernels.assertComputedBackward(fast);

        NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .layer(new FastConvolutionLayer.Builder(3, 3).nIn(2).nOut(4).dropOut(0.5).build()).build();
        long params = conf.getLayer().initializer().numParams(conf);
        var withDropout = (FastConvolutionLayer.Runtime) conf.getLayer().instantiate(conf, java.util.List.of(), 0,
                Nd4j.zeros(DataType.FLOAT, 1, params), true, DataType.FLOAT);
        assertFalse(withDropout.inputGradient(false));
        assertTrue(withDropout.inputGradient());
    }

    @ParameterizedTest
    @EnumSource(Kernels.class)
    void trainingFollowsTheBuiltInConvolutionAcrossChangingBatchSizes(Kernels kernels) {
        Geometry g = Geometry.LENET;
        MultiLayerNetwork fast = network(g, true);
        kernels.install(fast);
        MultiLayerNetwork builtIn = network(g, false);
        builtIn.setParams(fast.params().dup());
        int[] batchSizes = {16, 16, 7, 16, 16};
        for (int i = 0; i < batchSizes.length; i++) {
            DataSet batch = batch(g, batchSizes[i], 100 + i);
            fast.fit(batch);
            builtIn.fit(batch);
        }
        assertClose(builtIn.params(), fast.params(), "parameters after 5 Adam steps");
        kernels.assertComputedBackward(fast);
    }

    /**
     * The Java kernels split their per-image loops over the native threads ({@link ImageChunks}): at 1, 2
     * and 3 threads (uneven chunks) outputs and the input gradient are identical, the weight gradients
     * (summed per chunk) equal up to float summation order, and all match DL4J's built-in convolution,
     * for both the framed forward (LENET, 5 filters) and the OpenBLAS forward (SAME_PADDED, 40 filters).
     */
    @ParameterizedTest
    @EnumSource(value = Geometry.class, names = {"LENET", "SAME_PADDED"})
    void javaKernelsGiveTheSameResultsAtEveryThreadCount(Geometry g) {
        int before = NativeThreads.current();
        try {
            MultiLayerNetwork builtIn = network(g, false);
            DataSet batch = batch(g, 7, 21);
            INDArray expectedGradient = gradient(builtIn, batch);
            INDArray oneThreadOutput = null;
            INDArray oneThreadGradient = null;
            for (int threads : new int[]{1, 2, 3}) {
                NativeThreads.limit(threads);
                MultiLayerNetwork fast = network(g, true);
                Kernels.IM2COL.install(fast);
                fast.setParams(builtIn.params().dup());
                INDArray output = fast.output(batch.getFeatures());
                INDArray gradient = gradient(fast, batch);
                assertClose(expectedGradient, gradient, threads + " threads: gradient of every parameter");
                if (oneThreadOutput == null) {
                    oneThreadOutput = output;
                    oneThreadGradient = gradient;
                } else {
                    assertEquals(oneThreadOutput, output, threads + " threads: output differs from 1 thread's");
                    assertClose(oneThreadGradient, gradient, threads + " threads: gradient vs 1 thread's");
                }
            }
        } finally {
            NativeThreads.limit(before);
        }
    }

    /** Several Adam steps with the per-image loops split over 2 threads follow DL4J's built-in layer. */
    @Test
    void trainingOnTwoNativeThreadsFollowsTheBuiltInConvolution() {
        int before = NativeThreads.current();
        try {
            NativeThreads.limit(2);
            trainingFollowsTheBuiltInConvolutionAcrossChangingBatchSizes(Kernels.IM2COL);
            trainingFollowsTheBuiltInConvolutionAcrossChangingBatchSizes(Kernels.ONEDNN);
        } finally {
            NativeThreads.limit(before);
        }
    }

    @Test
    void largeInferenceBatchesMatchTheBuiltInConvolutionToo() {
        MultiLayerNetwork fast = network(Geometry.VGG_BLOCK, true);
        MultiLayerNetwork builtIn = network(Geometry.VGG_BLOCK, false);
        builtIn.setParams(fast.params().dup());
        INDArray x = batch(Geometry.VGG_BLOCK, DnnlConvolutionHelper.LARGE_FORWARD_BATCH, 5).getFeatures();
        assertClose(builtIn.output(x), fast.output(x), "inference output of a large batch");
    }

    @Test
    void travelsThroughJsonAndModelZip() throws Exception {
        MultiLayerNetwork net = network(Geometry.SAME_PADDED, true);
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), copy);
        assertInstanceOf(FastConvolutionLayer.class, copy.getConf(0).getLayer());

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, zip, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip.toByteArray()));
        assertInstanceOf(FastConvolutionLayer.Runtime.class, restored.getLayer(0));
        INDArray x = batch(Geometry.SAME_PADDED, 4, 3).getFeatures();
        assertClose(net.output(x), restored.output(x), "output after zip round trip");
    }


    private static MultiLayerNetwork network(Geometry g, boolean fast) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(0.01)).convolutionMode(g.mode)
                .list()
                .layer(conv(fast, g, g.firstFilters).nIn(g.channels).build())
                .layer(conv(fast, g, 4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(g.side, g.side, g.channels))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static ConvolutionLayer.Builder conv(boolean fast, Geometry g, int filters) {
        ConvolutionLayer.Builder b = fast ? new FastConvolutionLayer.Builder(g.kH, g.kW) : new ConvolutionLayer.Builder(g.kH, g.kW);
        return b.stride(g.stride, g.stride).padding(g.pad, g.pad).nOut(filters).activation(g.activation);
    }

    private static DataSet batch(Geometry g, int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, g.channels, g.side, g.side).subi(0.5);
        return new DataSet(x, LayerChecks.threeClassLabels(n));
    }

}
