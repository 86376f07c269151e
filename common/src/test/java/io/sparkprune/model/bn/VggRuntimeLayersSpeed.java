package io.sparkprune.model.bn;

import io.sparkprune.bench.Interleaved;
import io.sparkprune.bench.RandomImages;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.DatasetName;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.model.Networks;
import io.sparkprune.train.LocalTrainer;
import io.sparkprune.train.NativeThreads;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * VGG-16-BN width 0.25 training throughput (CIFAR shape, batch 64, oneDNN convolutions and batch
 * norm everywhere) with sparkprune's runtime layers for batch norm ({@link DnnlBatchNormLayer}) and
 * ReLU ({@code OnePassReluLayer}) against DL4J's runtime layers (its batch-norm layer calling the
 * same oneDNN helper, its ActivationLayer), each swapped alone and both, alternated in one process.
 * Not a test: run its main with the test classpath (see docs/performance.md).
 * Args: images per round (512), timed rounds (7), native threads (2).
 */
public final class VggRuntimeLayersSpeed {
    private static final String FAST_BN = FastBatchNormalization.class.getName();
    private static final String FAST_RELU = "io.sparkprune.model.act.FastActivationLayer";

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        NativeThreads.limit(args.length > 2 ? Integer.parseInt(args[2]) : 2);
        RunConfig cfg = ConfigLoader.runConfig(ConfigLoader.load(null, List.of("model.arch=vgg16",
                "data.name=cifar10", "model.width=0.25", "regularizer.type=none")));
        LabeledImages data = RandomImages.of(DatasetName.CIFAR10, images, 1);
        MultiLayerNetwork fast = Networks.create(cfg);
        String json = fast.getLayerWiseConfigurations().toJson();
        List<MultiLayerNetwork> nets = List.of(
                dl4jLayers(json, true, true, fast),
                dl4jLayers(json, true, false, fast),
                dl4jLayers(json, false, true, fast),
                fast);
        String[] names = {"DL4J BN layer + DL4J ReLU", "DL4J BN layer + one-pass ReLU",
                "oneDNN BN layer + DL4J ReLU", "oneDNN BN layer + one-pass ReLU"};
        List<Runnable> variants = new ArrayList<>();
        for (MultiLayerNetwork net : nets) {
            variants.add(() -> LocalTrainer.fit(net, data, 1, cfg.train().batchSize(), cfg.train().seed()));
        }
        double[][] seconds = Interleaved.roundSeconds(variants, 1, rounds);
        for (int v = 0; v < names.length; v++) {
            System.out.printf("%-32s median %.1f samples/s, rounds (s): %s%n", names[v],
                    images / Interleaved.median(seconds[v]), Arrays.toString(seconds[v]));
        }
        for (int v = 1; v < names.length; v++) {
            System.out.printf("speed-up of '%s' over '%s', median of paired round ratios: %.3fx %s%n", names[v],
                    names[0], Interleaved.medianRatio(seconds, 0, v),
                    Arrays.toString(Interleaved.pairedRatios(seconds, 0, v)));
        }
    }

    /** The same network with DL4J's layer classes where asked; its batch norms keep the oneDNN helper. */
    private static MultiLayerNetwork dl4jLayers(String json, boolean bn, boolean relu, MultiLayerNetwork params)
            throws ReflectiveOperationException {
        if (bn) {
            json = json.replace(FAST_BN, org.deeplearning4j.nn.conf.layers.BatchNormalization.class.getName());
        }
        if (relu) {
            json = json.replace(FAST_RELU, org.deeplearning4j.nn.conf.layers.ActivationLayer.class.getName());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
        net.init(params.params().dup(), false);
        Field helper = BatchNormalization.class.getDeclaredField("helper");
        helper.setAccessible(true);
        for (Layer layer : net.getLayers()) {
            if (layer instanceof BatchNormalization b && !(layer instanceof DnnlBatchNormLayer)) {
                helper.set(b, new DnnlBatchNormHelper());
            }
        }
        return net;
    }

    private VggRuntimeLayersSpeed() {
    }
}
