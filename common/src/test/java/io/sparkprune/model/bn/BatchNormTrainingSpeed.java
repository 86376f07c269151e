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
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * VGG-16-BN width 0.25 training throughput (CIFAR shape, batch 64, oneDNN convolutions on both
 * sides) with batch norm on oneDNN against DL4J's batch norm, at 1 and 2 native threads, all four
 * variants alternated in one process. Not a test: run its main with the test classpath
 * (see docs/performance.md). Args: images per round (512), timed rounds (5).
 */
public final class BatchNormTrainingSpeed {
    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        RunConfig cfg = ConfigLoader.runConfig(ConfigLoader.load(null, List.of("model.arch=vgg16",
                "data.name=cifar10", "model.width=0.25", "regularizer.type=none")));
        LabeledImages data = RandomImages.of(DatasetName.CIFAR10, images, 1);
        MultiLayerNetwork oneDnn = Networks.create(cfg);
        MultiLayerNetwork dl4j = Networks.create(cfg);
        int removed = useDl4jBatchNorm(dl4j);
        System.out.println("batch norm layers: " + removed + " (DL4J's code in the baseline)");

        List<Runnable> variants = new ArrayList<>();
        for (int threads : new int[]{1, 2}) {
            for (MultiLayerNetwork net : List.of(oneDnn, dl4j)) {
                variants.add(() -> {
                    NativeThreads.limit(threads);
                    LocalTrainer.fit(net, data, 1, cfg.train().batchSize(), cfg.train().seed());
                });
            }
        }
        double[][] seconds = Interleaved.roundSeconds(variants, 1, rounds);
        String[] names = {"1 thread, BN oneDNN", "1 thread, BN DL4J", "2 threads, BN oneDNN", "2 threads, BN DL4J"};
        for (int v = 0; v < names.length; v++) {
            System.out.printf("%-22s median %.1f samples/s, rounds (s): %s%n", names[v],
                    images / Interleaved.median(seconds[v]), java.util.Arrays.toString(seconds[v]));
        }
        System.out.printf("speed-up of BN on oneDNN, median of paired round ratios: 1 thread %.3fx, 2 threads %.3fx%n",
                Interleaved.medianRatio(seconds, 1, 0), Interleaved.medianRatio(seconds, 3, 2));
    }

    /** Takes the oneDNN helper out of every batch-norm layer: DL4J's own code runs there. */
    private static int useDl4jBatchNorm(MultiLayerNetwork net) throws ReflectiveOperationException {
        Field helper = BatchNormalization.class.getDeclaredField("helper");
        helper.setAccessible(true);
        int n = 0;
        for (Layer layer : net.getLayers()) {
            if (layer instanceof BatchNormalization bn && bn.getHelper() instanceof DnnlBatchNormHelper) {
                helper.set(bn, null);
                n++;
            }
        }
        return n;
    }

    private BatchNormTrainingSpeed() {
    }
}
