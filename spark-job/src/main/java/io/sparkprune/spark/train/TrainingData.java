package io.sparkprune.spark.train;

import io.sparkprune.config.Augmentation;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Shuffling;
import io.sparkprune.data.Split;
import io.sparkprune.spark.data.AugmentedEpochs;
import io.sparkprune.spark.data.DistributedData;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The train and test minibatches of one run, cached on the executors. {@link #train()} is the
 * training set as it is (statistics read it); {@link #trainEpoch} is what an epoch trains on,
 * augmented afresh each epoch when {@code data.augment} asks for it.
 */
public final class TrainingData {
    private final JavaSparkContext sc;
    private final LabeledImages trainImages;
    private final int batchSize;
    private final JavaRDD<DataSet> test;
    private final int testCount;
    private final AugmentedEpochs augmented;
    private JavaRDD<DataSet> train;

    private TrainingData(JavaSparkContext sc, LabeledImages trainImages, LabeledImages test, int batchSize,
                         AugmentedEpochs augmented) {
        this.sc = sc;
        this.trainImages = trainImages;
        this.batchSize = batchSize;
        this.test = DistributedData.minibatches(sc, test, batchSize);
        this.testCount = test.count();
        this.augmented = augmented;
    }

    /** Reads {@code data.*} on the driver (any Hadoop FS) and spreads it over the cluster. */
    public static TrainingData load(JavaSparkContext sc, RunConfig cfg) {
        LabeledImages train = Datasets.load(cfg.data(), Split.TRAIN, sc.hadoopConfiguration());
        LabeledImages test = Datasets.testFor(cfg.data(), train, sc.hadoopConfiguration());
        // Class-balanced subsets come in class round-robin order: shuffle once, from the run's seed.
        int[] order = Shuffling.order(train.count(), cfg.train().seed());
        int batch = cfg.train().batchSize();
        if (train.augmentation() == Augmentation.NONE) {
            return of(sc, train.select(order), test, batch);
        }
        return new TrainingData(sc, train.select(order), test, batch,
                new AugmentedEpochs(sc, train, order, batch, cfg.train().seed()));
    }

    public static TrainingData of(JavaSparkContext sc, LabeledImages train, LabeledImages test, int batchSize) {
        return new TrainingData(sc, train, test, batchSize, null);
    }

    /** The training minibatches without augmentation, cached when first asked for. */
    public JavaRDD<DataSet> train() {
        if (train == null) {
            train = DistributedData.minibatches(sc, trainImages, batchSize);
        }
        return train;
    }

    /** What epoch {@code epoch} (1-based) trains on. */
    public JavaRDD<DataSet> trainEpoch(int epoch) {
        return augmented == null ? train() : augmented.epoch(epoch);
    }

    public JavaRDD<DataSet> test() {
        return test;
    }

    public int trainCount() {
        return trainImages.count();
    }

    public int testCount() {
        return testCount;
    }

    /** What the run's summary says of its data: image counts and the pixel scaling of each channel. */
    public DataSummary summary() {
        return DataSummary.of(trainCount(), testCount, trainImages.scaling());
    }

    /** Frees the cached partitions. */
    public void release() {
        if (train != null) {
            train.unpersist(false);
        }
        test.unpersist(false);
        if (augmented != null) {
            augmented.destroy();
        }
    }
}
