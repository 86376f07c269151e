package io.sparkprune.spark.data;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.CifarWriter;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.data.Shuffling;
import io.sparkprune.data.Split;
import io.sparkprune.spark.SparkTestContexts;
import io.sparkprune.spark.train.TrainingData;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@code data.augment = crop-flip} gives every sample the same augmented pixels in each mode:
 * data-parallel epochs built on the executors, grid-parallel tasks (LocalTrainer on broadcast
 * images) and single-JVM training all form their minibatches with
 * {@link LabeledImages#trainingBatch}, whose draws depend on (seed, epoch, image) only. Test
 * images, and the training images statistics read, are never augmented.
 */
class AugmentationAcrossModesTest {
    private static final long SEED = 17;
    private static JavaSparkContext sc;
    @TempDir
    static Path dir;
    private static RunConfig cfg;

    @BeforeAll
    static void start() {
        Path data = dir.resolve("cifar10");
        CifarWriter.writeSplit(data, Split.TRAIN, PatternImages.of(150, 3, 32, 32, 1));
        CifarWriter.writeSplit(data, Split.TEST, PatternImages.of(40, 3, 32, 32, 2));
        cfg = ConfigLoader.runConfig(ConfigLoader.load(null, List.of("data.name=cifar10",
                "data.dir=\"" + data.toUri() + "\"", "data.augment=crop-flip", "data.normalize=per-channel",
                "train.batch-size=16", "train.seed=" + SEED)));
        sc = SparkTestContexts.local(2);
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    private static DataSet concat(List<DataSet> batches) {
        return DataSet.merge(batches);
    }

    @Test
    void dataParallelEpochsAugmentEachSampleAsSingleJvmTrainingDoes() {
        LabeledImages train = Datasets.load(cfg.data(), Split.TRAIN, sc.hadoopConfiguration());
        int[] order = Shuffling.order(train.count(), SEED);
        TrainingData data = TrainingData.load(sc, cfg);
        try {
            for (int epoch = 1; epoch <= 2; epoch++) {
                DataSet distributed = concat(data.trainEpoch(epoch).collect());
                // LocalTrainer's draw for epoch e (0-based there) of sample order[i], in any batch.
                DataSet local = train.trainingBatch(order, 0, order.length, SEED, epoch - 1);
                assertEquals(local, distributed, "epoch " + epoch);
                for (int i = 0; i < 5; i++) {
                    assertEquals(local.get(i).getFeatures(),
                            train.trainingBatch(new int[] {order[i]}, 0, 1, SEED, epoch - 1).getFeatures());
                }
            }
            assertNotEquals(concat(data.trainEpoch(1).collect()).getFeatures(),
                    concat(data.trainEpoch(2).collect()).getFeatures(), "each epoch is augmented afresh");
        } finally {
            data.release();
        }
    }

    @Test
    void gridParallelTasksAugmentBroadcastImagesAsTheDriverDoes() {
        LabeledImages train = Datasets.load(cfg.data(), Split.TRAIN, sc.hadoopConfiguration());
        int[] order = Shuffling.order(train.count(), SEED + 1);
        Broadcast<LabeledImages> shipped = sc.broadcast(train);
        DataSet onExecutor = sc.parallelize(List.of(1), 1)
                .map(x -> shipped.value().trainingBatch(order, 0, order.length, SEED, 1)).collect().get(0);
        assertEquals(train.trainingBatch(order, 0, order.length, SEED, 1), onExecutor);
        shipped.destroy();
    }

    @Test
    void testImagesAndStatisticsInputAreNeverAugmented() {
        LabeledImages train = Datasets.load(cfg.data(), Split.TRAIN, sc.hadoopConfiguration());
        LabeledImages test = Datasets.testFor(cfg.data(), train, sc.hadoopConfiguration());
        TrainingData data = TrainingData.load(sc, cfg);
        try {
            assertEquals(test.toDataSet(), concat(data.test().collect()));
            int[] order = Shuffling.order(train.count(), SEED);
            assertEquals(train.select(order).toDataSet(), concat(data.train().collect()));
            assertEquals(train.scaling(), test.scaling());
        } finally {
            data.release();
        }
    }
}
