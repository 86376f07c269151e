package io.sparkprune.spark.train;

import io.sparkprune.config.RunConfig;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.spark.SparkTestContexts;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paper's model, VGG-16-BN at width 1.0 (15M parameters), is a cluster job: here it trains
 * data-parallel on two executor JVMs that get only the shipped memory settings (Spark's default 1g
 * heap, {@code conf/spark-defaults.conf}'s executor options with their JavaCPP off-heap limits),
 * checkpoints its epoch, and a resumed run continues from that checkpoint.
 */
class Vgg16FullWidthClusterTest {
    /** VGG-16-BN (CIFAR variant, 512-unit dense layer) at width 1.0: 15.0M parameters as published. */
    private static final long FULL_WIDTH_PARAMS_MIN = 14_900_000;
    private static final long FULL_WIDTH_PARAMS_MAX = 15_300_000;

    @TempDir
    Path dir;

    @Test
    void fullWidthTrainsCheckpointsAndResumesOnExecutorsWithTheShippedMemorySettings() throws Exception {
        Path data = TrainJobFixtures.writeCifar(dir.resolve("cifar10"), 48, 16);
        SparkConf conf = SparkTestContexts.localClusterConf(2, 1, 2048)
                .set("spark.executor.memory", "1g")
                .set("spark.executor.extraJavaOptions", shippedExecutorOptions());
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            RunDirectory out = RunDirectory.open(dir.resolve("run").toString(), sc.hadoopConfiguration());
            TrainSummary first = new TrainJob(sc, config(data, 1), out).run(false);
            long params = first.paramsBefore();
            assertTrue(params >= FULL_WIDTH_PARAMS_MIN && params <= FULL_WIDTH_PARAMS_MAX,
                    "width 1.0 is the paper's 15M-parameter VGG-16-BN: " + params);
            assertEquals("1", out.readText(Checkpoints.DIR + "latest").strip());

            MultiLayerNetwork afterEpoch1 = out.readModel(Checkpoints.DIR + "epoch-0001.zip");
            TrainSummary resumed = new TrainJob(sc, config(data, 2), out).run(true);
            assertEquals("2", out.readText(Checkpoints.DIR + "latest").strip());
            MultiLayerNetwork afterEpoch2 = out.readModel(Checkpoints.DIR + "epoch-0002.zip");
            assertEquals(2, afterEpoch2.getEpochCount(), "the resumed run continued the checkpoint's epoch count");
            assertTrue(afterEpoch2.params().sub(afterEpoch1.params()).norm2Number().doubleValue() > 0,
                    "epoch 2 trained on from epoch 1's weights");
            assertEquals(params, resumed.paramsBefore());
        }
    }

    private static RunConfig config(Path data, int epochs) {
        return TrainJobFixtures.vggConfig(data, "model.width=1.0", "train.epochs=" + epochs, "train.batch-size=16",
                "spark.averaging-frequency=2", "data.normalize=per-channel");
    }

    /** The executor options users copy from {@code conf/spark-defaults.conf}. */
    private static String shippedExecutorOptions() throws Exception {
        String key = "spark.executor.extraJavaOptions";
        return Files.readAllLines(Path.of("..", "conf", "spark-defaults.conf")).stream()
                .filter(l -> l.startsWith(key)).map(l -> l.substring(key.length()).strip())
                .findFirst().orElseThrow();
    }
}
