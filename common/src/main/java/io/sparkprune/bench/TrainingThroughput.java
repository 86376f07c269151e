package io.sparkprune.bench;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.model.Networks;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Single-JVM training throughput (samples/s) of a configuration against DL4J's defaults for the
 * same network (its built-in convolution, no forward cache), on the same images, interleaved.
 * A round is one epoch over the images through {@link LocalTrainer}, minibatch assembly included.
 */
public final class TrainingThroughput {
    private TrainingThroughput() {
    }

    /** Samples/s of the configured network and of the DL4J-default network. */
    public record Result(double samplesPerSecond, double dl4jDefaultSamplesPerSecond) {
        public double speedup() {
            return samplesPerSecond / dl4jDefaultSamplesPerSecond;
        }
    }

    public static Result measure(RunConfig cfg, LabeledImages images, int rounds) {
        MultiLayerNetwork configured = Networks.create(cfg);
        MultiLayerNetwork dl4jDefault = dl4jDefaults(cfg);
        List<Runnable> variants = new ArrayList<>();
        for (MultiLayerNetwork net : List.of(configured, dl4jDefault)) {
            variants.add(() -> LocalTrainer.fit(net, images, 1, cfg.train().batchSize(), cfg.train().seed()));
        }
        double[] seconds = Interleaved.medianSeconds(variants, 1, rounds);
        return new Result(images.count() / seconds[0], images.count() / seconds[1]);
    }

    /** The same network as DL4J 1.0.0-M2 builds it by default. */
    static MultiLayerNetwork dl4jDefaults(RunConfig cfg) {
        RunConfig builtIn = ConfigLoader.withValues(cfg, Map.of("model.convolution", "dl4j"));
        var conf = Networks.configuration(builtIn);
        conf.setCacheMode(CacheMode.NONE);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.setCacheMode(CacheMode.NONE);
        return net;
    }
}
