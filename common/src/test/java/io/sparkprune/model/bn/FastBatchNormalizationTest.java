package io.sparkprune.model.bn;

import io.sparkprune.model.LayerChecks;
import io.sparkprune.model.LayerJson;
import io.sparkprune.model.PenalizedBatchNormalization;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.LongFunction;

import static io.sparkprune.model.LayerChecks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oneDNN batch norm must compute what DL4J's built-in batch norm computes: outputs in training
 * and inference mode, the gradients of input, gamma and beta, and the running mean and variance
 * (stored as variance or as log10 std) over training steps. Networks: conv, BN, ReLU, conv, BN,
 * softmax, with DL4J's built-in convolutions on both sides so only the batch norm differs.
 */
class FastBatchNormalizationTest {
    private static final int CHANNELS = 3;
    private static final int SIDE = 6;

    @Test
    void oneDnnComputesWhereItsNativesLoadAndTheSwitchTurnsItOff() {
        MultiLayerNetwork fast = network(FastBatchNormalization::of, true);
        assertInstanceOf(DnnlBatchNormLayer.class, fast.getLayer(1));
        assertInstanceOf(DnnlBatchNormHelper.class, fast.getLayer(1).getHelper());
        assertInstanceOf(DnnlBatchNormHelper.class, network(FastBatchNormalizationTest::penalized, true).getLayer(1)
                .getHelper(), "the penalized batch norm computes on oneDNN too");
        assertNull(network(FastBatchNormalization::of, false).getLayer(1).getHelper(),
                "-Dsparkprune.onednn=false: DL4J's own code");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void outputsInTrainingAndInferenceModeMatchTheBuiltInBatchNorm(boolean logStd) {
        MultiLayerNetwork fast = network(channels -> fast(channels, logStd), true);
        MultiLayerNetwork builtIn = network(channels -> plain(channels, logStd), true);
        builtIn.setParams(fast.params().dup());
        fit(fast, builtIn, 16, 16); // running statistics away from their initial 0 / 1
        INDArray x = batch(9, 3).getFeatures();

        assertClose(builtIn.output(x, true), fast.output(x, true), "training-mode output");
        assertClose(builtIn.output(x, false), fast.output(x, false), "inference-mode output");
        DnnlBatchNormHelper helper = helper(fast, 1);
        assertTrue(helper.trainingPasses > 0 && helper.inferencePasses > 0, "oneDNN forward ran in both modes");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void gradientsOfInputGammaAndBetaMatchTheBuiltInBatchNorm(boolean logStd) {
        MultiLayerNetwork fast = network(channels -> fast(channels, logStd), true);
        MultiLayerNetwork builtIn = network(channels -> plain(channels, logStd), true);
        builtIn.setParams(fast.params().dup());
        fit(fast, builtIn, 12); // gamma and beta away from 1 and 0
        DataSet batch = batch(10, 11);

        Pair<Gradient, INDArray> expected = builtIn.calculateGradients(batch.getFeatures(), batch.getLabels(), null,
                null);
        Pair<Gradient, INDArray> actual = fast.calculateGradients(batch.getFeatures(), batch.getLabels(), null, null);
        assertClose(expected.getSecond(), actual.getSecond(), "gradient of the input");
        for (int layer : new int[]{1, 4}) {
            for (String param : new String[]{BatchNormalizationParamInitializer.GAMMA,
                    BatchNormalizationParamInitializer.BETA}) {
                String key = layer + "_" + param;
                assertClose(expected.getFirst().getGradientFor(key), actual.getFirst().getGradientFor(key), key);
            }
        }
        assertClose(builtIn.gradient().gradient(), fast.gradient().gradient(), "gradient of every parameter");
        assertTrue(helper(fast, 1).backwardPasses > 0 && helper(fast, 4).backwardPasses > 0,
                "oneDNN backward ran (DL4J falls back silently when a helper returns null)");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void adamStepsAndRunningStatisticsFollowTheBuiltInBatchNormAcrossChangingBatchSizes(boolean logStd) {
        MultiLayerNetwork fast = network(channels -> fast(channels, logStd), true);
        MultiLayerNetwork builtIn = network(channels -> plain(channels, logStd), true);
        builtIn.setParams(fast.params().dup());
        fit(fast, builtIn, 16, 16, 7, 16, 5, 16);

        String stored = logStd ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                : BatchNormalizationParamInitializer.GLOBAL_VAR;
        for (int layer : new int[]{1, 4}) {
            assertClose(builtIn.getLayer(layer).getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN),
                    fast.getLayer(layer).getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN),
                    "running mean of layer " + layer);
            assertClose(builtIn.getLayer(layer).getParam(stored), fast.getLayer(layer).getParam(stored),
                    "running " + stored + " of layer " + layer);
            assertTrue(fast.getLayer(layer).getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).amaxNumber()
                    .doubleValue() > 1e-3, "the running mean moved");
        }
        assertClose(builtIn.params(), fast.params(), "parameters after 6 Adam steps");
        assertEquals(6, helper(fast, 1).backwardPasses, "every step's backward ran on oneDNN");
        assertEquals(6, ((DnnlBatchNormLayer) fast.getLayer(4)).statisticsSteps,
                "every step's running statistics were moved by DnnlBatchNormLayer, not DL4J's ND4J ops");
    }

    @Test
    void denseInputsTrainOnOneDnnLikeTheBuiltInBatchNorm() {
        MultiLayerNetwork fast = dense(FastBatchNormalization.of(6), true);
        MultiLayerNetwork builtIn = dense(FastBatchNormalization.of(6), false);
        builtIn.setParams(fast.params().dup());
        fit(fast, builtIn, 16, 7, 16);

        assertClose(builtIn.params(), fast.params(), "parameters and running statistics after 3 Adam steps");
        INDArray x = batch(5, 9).getFeatures();
        assertClose(builtIn.output(x, false), fast.output(x, false), "inference-mode output");
        assertEquals(3, helper(fast, 1).backwardPasses, "DL4J hands the [N, C] input over as [N, C, 1, 1]");
        assertEquals(0, ((DnnlBatchNormLayer) fast.getLayer(1)).statisticsSteps, "rank 2: DL4J's layer code");
    }

    @Test
    void penalizedBatchNormTrainsLikeDl4jsCodeWithItsGammaPenalty() {
        MultiLayerNetwork fast = network(FastBatchNormalizationTest::penalized, true);
        MultiLayerNetwork builtIn = network(FastBatchNormalizationTest::penalized, false);
        assertNull(builtIn.getLayer(1).getHelper());
        INDArray fastStart = fast.params().dup();
        builtIn.setParams(fastStart);
        fit(fast, builtIn, 16, 7, 16, 16);

        assertEquals(builtIn.score(), fast.score(), 1e-4, "loss with the gamma penalty");
        assertClose(builtIn.params(), fast.params(), "parameters after 4 Adam steps with the gamma penalty");
        assertEquals(4, helper(fast, 4).backwardPasses, "every step's backward ran on oneDNN");
        MultiLayerNetwork unpenalized = network(FastBatchNormalization::of, true);
        unpenalized.setParams(fastStart);
        fit(unpenalized, network(FastBatchNormalization::of, true), 16, 7, 16, 16);
        assertTrue(gammaL1(fast) < gammaL1(unpenalized), "the L1 penalty shrank gamma");
    }

    @Test
    void penalizedBatchNormJsonHasNoFieldBeyondDl4jsBatchNorm() throws Exception {
        MultiLayerNetwork penalized = network(FastBatchNormalizationTest::penalized, true);
        assertTrue(penalized.getLayerWiseConfigurations().toJson()
                .contains("\"" + PenalizedBatchNormalization.class.getName() + "\""), "its class travels in the JSON");
        assertEquals(LayerJson.fieldNames(network(channels -> plain(channels, true), true), 1),
                LayerJson.fieldNames(penalized, 1));
    }

    @Test
    void travelsThroughJsonAndModelZipAndComputesOnOneDnnAfterwards() throws Exception {
        MultiLayerNetwork net = network(FastBatchNormalization::of, true);
        fit(net, network(FastBatchNormalization::of, true), 16);
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), copy);
        assertInstanceOf(FastBatchNormalization.class, copy.getConf(1).getLayer());

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, zip, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip.toByteArray()));
        assertInstanceOf(DnnlBatchNormLayer.class, restored.getLayer(1));
        assertInstanceOf(DnnlBatchNormHelper.class, restored.getLayer(1).getHelper());
        INDArray x = batch(4, 3).getFeatures();
        assertClose(net.output(x), restored.output(x), "output after zip round trip");
    }




    /** One Adam step per batch size on both networks, same data. */
    private static void fit(MultiLayerNetwork a, MultiLayerNetwork b, int... batchSizes) {
        for (int i = 0; i < batchSizes.length; i++) {
            DataSet batch = batch(batchSizes[i], 100 + i);
            a.fit(batch);
            b.fit(batch);
        }
    }

    private static double gammaL1(MultiLayerNetwork net) {
        return net.getLayer(1).getParam(BatchNormalizationParamInitializer.GAMMA).norm1Number().doubleValue()
                + net.getLayer(4).getParam(BatchNormalizationParamInitializer.GAMMA).norm1Number().doubleValue();
    }

    private static DnnlBatchNormHelper helper(MultiLayerNetwork net, int layer) {
        return (DnnlBatchNormHelper) net.getLayer(layer).getHelper();
    }

    private static BatchNormalization fast(long channels, boolean logStd) {
        FastBatchNormalization bn = FastBatchNormalization.of(channels);
        bn.setUseLogStd(logStd);
        return bn;
    }

    private static BatchNormalization plain(long channels, boolean logStd) {
        return new BatchNormalization.Builder().nOut(channels).useLogStd(logStd).build();
    }

    private static BatchNormalization penalized(long channels) {
        return PenalizedBatchNormalization.of(channels, List.of(new L1Regularization(0.05)));
    }

    /**
     * conv 3->8, BN, ReLU, conv 8->4, BN, softmax 3; oneDNN off (DL4J's code) unless {@code oneDnn}.
     * The convolutions have no bias: a bias before batch norm has a true gradient of zero, and Adam
     * turns the float noise either side computes there into steps of the full learning rate.
     */
    private static MultiLayerNetwork network(LongFunction<BatchNormalization> batchNorm, boolean oneDnn) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(0.01)).convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(CHANNELS).nOut(8).hasBias(false)
                        .activation(Activation.IDENTITY).build())
                .layer(batchNorm.apply(8))
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4).hasBias(false)
                        .activation(Activation.IDENTITY).build())
                .layer(batchNorm.apply(4))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(SIDE, SIDE, CHANNELS))
                .build();
        return init(new MultiLayerNetwork(conf), oneDnn);
    }

    private static MultiLayerNetwork init(MultiLayerNetwork net, boolean oneDnn) {
        if (oneDnn) {
            net.init();
        } else {
            System.setProperty("sparkprune.onednn", "false");
            try {
                net.init();
            } finally {
                System.clearProperty("sparkprune.onednn");
            }
        }
        return net;
    }

    /** dense 6 (no bias, see {@link #network}), BN, ReLU, softmax 3, on the flattened images. */
    private static MultiLayerNetwork dense(BatchNormalization batchNorm, boolean oneDnn) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Adam(0.01))
                .list()
                .layer(new DenseLayer.Builder().nOut(6).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(batchNorm)
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(SIDE, SIDE, CHANNELS))
                .build();
        return init(new MultiLayerNetwork(conf), oneDnn);
    }

    private static DataSet batch(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, CHANNELS, SIDE, SIDE).muli(2).addi(0.5);
        return new DataSet(x, LayerChecks.threeClassLabels(n));
    }

}
