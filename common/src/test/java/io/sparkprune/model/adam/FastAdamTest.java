package io.sparkprune.model.adam;

import io.sparkprune.bench.RandomImages;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.DatasetName;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.model.LinearDecay;
import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FastAdam} must train as DL4J's Adam does, and travel as a DL4J updater config. */
class FastAdamTest {
    private static final LabeledImages TRAIN = RandomImages.of(DatasetName.MNIST, 76, 3);
    private static final int[] BATCHES = {16, 16, 7, 16, 5, 16};
    private static final double LR = 0.002;

    /**
     * LeNet-5 (431,080 parameters, not a multiple of the vector width, so the scalar tail runs) with an
     * l1/l2 penalty and a decaying learning rate, 6 steps over changing batch sizes: every parameter
     * within 1% of one step's size of the same network on DL4J's libnd4j Adam.
     */
    @Test
    void trainsAsDl4jsAdamDoes() {
        MultiLayerConfiguration fastConf = Networks.configuration(lenet());
        MultiLayerConfiguration dl4jConf = MultiLayerConfiguration.fromJson(fastConf.toJson()
                .replace(FastAdam.class.getName(), Adam.class.getName()));
        assertUpdaters(fastConf, FastAdam.class);
        assertUpdaters(dl4jConf, Adam.class);
        MultiLayerNetwork fast = new MultiLayerNetwork(fastConf);
        fast.init();
        MultiLayerNetwork dl4j = new MultiLayerNetwork(dl4jConf);
        dl4j.init(fast.params().dup(), true);

        train(fast, 0);
        train(dl4j, 0);

        double diff = fast.params().sub(dl4j.params()).amaxNumber().doubleValue();
        assertTrue(diff <= 0.01 * LR, "parameters differ by " + diff + " after 6 Adam steps of size ~" + LR);
        double moved = fast.params().sub(Networks.create(lenet()).params()).amaxNumber().doubleValue();
        assertTrue(moved > LR, "training moved the parameters (" + moved + ")");
        assertTrue(kernelSteps(fast) >= BATCHES.length, "the vector kernel computed every step");
    }

    /** The config survives DL4J's JSON and model.zip, and a restored model continues with its Adam state. */
    @Test
    void travelsThroughJsonAndModelZipWithItsState() throws Exception {
        MultiLayerConfiguration conf = Networks.configuration(lenet());
        assertUpdaters(MultiLayerConfiguration.fromJson(conf.toJson()), FastAdam.class);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        train(net, 0);

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, zip, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(zip.toByteArray()), true);
        assertUpdaters(restored.getLayerWiseConfigurations(), FastAdam.class);
        train(net, 1);
        train(restored, 1);
        assertEquals(net.params(), restored.params(), "the restored model continued as the original did");
        assertTrue(kernelSteps(restored) > 0, "the restored model's updater is the vector kernel's");
    }

    @Test
    void theFastModelGetsItAndDl4jsReferenceKeepsDl4jsAdam() {
        RunConfig reference = ConfigLoader.runConfig(ConfigLoader.load(null, List.of("model.convolution=dl4j")));
        assertUpdaters(Networks.configuration(lenet()), FastAdam.class);
        assertUpdaters(Networks.configuration(reference), Adam.class);
        assertUpdaters(Networks.configuration(ConfigLoader.runConfig(ConfigLoader.load(null, List.of(
                "model.arch=vgg16", "data.name=cifar10", "model.width=0.25", "train.lr-schedule=constant")))),
                FastAdam.class);
    }

    @Test
    void aCloneIsAFastAdamWithTheSameSettings() {
        FastAdam a = new FastAdam(new LinearDecay(0.01, 7));
        a.setBeta1(0.8);
        a.setEpsilon(1e-6);
        FastAdam copy = a.clone();
        assertNotSame(a, copy);
        assertInstanceOf(FastAdam.class, copy);
        assertEquals(a, copy);
        assertSame(a.getLearningRateSchedule(), copy.getLearningRateSchedule(), "shared, as Adam's clone shares it");
        assertEquals(0.8, copy.getBeta1());
        assertEquals(1e-6, copy.getEpsilon());
    }

    private static RunConfig lenet() {
        return ConfigLoader.runConfig(ConfigLoader.load(null, List.of("regularizer.type=l1l2", "regularizer.lambda=0.01",
                "train.lr=" + LR, "train.lr-schedule=linear", "train.epochs=3")));
    }

    private static void train(MultiLayerNetwork net, int epoch) {
        int[] order = new int[TRAIN.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int from = 0;
        for (int size : BATCHES) {
            net.fit(TRAIN.trainingBatch(order, from, from + size, 1, epoch));
            from += size;
        }
        net.incrementEpochCount(); // the linear schedule decays per epoch
    }

    private static void assertUpdaters(MultiLayerConfiguration conf, Class<? extends IUpdater> type) {
        for (NeuralNetConfiguration c : conf.getConfs()) {
            if (c.getLayer() instanceof BaseLayer b && b.getIUpdater() != null) {
                assertSame(type, b.getIUpdater().getClass(), c.getLayer().getLayerName());
            }
        }
    }

    private static long kernelSteps(MultiLayerNetwork net) {
        long steps = 0;
        for (var block : ((BaseMultiLayerUpdater<?>) net.getUpdater()).getUpdaterBlocks()) {
            if (block.getGradientUpdater() instanceof FastAdamUpdater u) {
                steps += u.kernelSteps;
            }
        }
        return steps;
    }
}
