package io.sparkprune.spark.train;

import io.sparkprune.config.Augmentation;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.DataSplits;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Shuffling;
import io.sparkprune.spark.data.AugmentedEpochs;
import io.sparkprune.spark.data.DistributedData;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The train, validation (when {@code data.validation} holds images out) and test minibatches of
 * one run, cached on the executors. {@link #train()} is the
 * training set as it is (statistics read it); {@link #trainEpoch} is what an epoch trains on,
 * augmented afresh each epoch when {@code data.augment} asks for it.
 */
public final class TrainingData {
    private final JavaSparkContext sc;
    private final LabeledImages trainImages;
    private final int batchSize;
    private final DistributedData.Cached test;
    private final int testCount;
    private final DistributedData.Cached validation;
    private final int validationCount;
    private final AugmentedEpochs augmented;
    private DistributedData.Cached train;

    private TrainingData(JavaSparkContext sc, LabeledImages trainImages, LabeledImages validation, LabeledImages test,
                         int batchSize, AugmentedEpochs augmented) {
        this.sc = sc;
        this.trainImages = trainImages;
        this.batchSize = batchSize;
        this.test = DistributedData.minibatches(sc, test, batchSize);
        this.testCount = test.count();
        this.validation = validation.count() == 0 ? null : DistributedData.minibatches(sc, validation, batchSize);
        this.validationCount = validation.count();
        this.augmented = augmented;
    }

    /** Reads {@code data.*} on the driver (any Hadoop FS) and spreads it over the cluster. */
    public static TrainingData load(JavaSparkContext sc, RunConfig cfg) {
        DataSplits data = Datasets.splits(cfg.data(), sc.hadoopConfiguration());
        LabeledImages train = data.train();
        // Class-balanced subsets come in class round-robin order: shuffle once, from the run's seed.
        int[] order = Shuffling.order(train.count(), cfg.train().seed());
        int batch = cfg.train().batchSize();
        AugmentedEpochs augmented = train.augmentation() == Augmentation.NONE ? null
                : new AugmentedEpochs(sc, train, order, batch, cfg.train().seed());
        return new TrainingData(sc, train.select(order), data.validation(), data.test(), batch, augmented);
    }

    /** Training and test images as they are (no validation split, no augmentation). */
    public static TrainingData of(JavaSparkContext sc, LabeledImages train, LabeledImages test, int batchSize) {
        return new TrainingData(sc, train, train.select(new int[0]), test, batchSize, null);
    }

    /** The training minibatches without augmentation, cached when first asked for. */
    public JavaRDD<DataSet> train() {
        if (train == null) {
            train = DistributedData.minibatches(sc, trainImages, batchSize);
        }
        return train.rdd();
    }

    /** What epoch {@code epoch} (1-based) trains on. */
    public JavaRDD<DataSet> trainEpoch(int epoch) {
        return augmented == null ? train() : augmented.epoch(epoch);
    }

    public JavaRDD<DataSet> test() {
        return test.rdd();
    }

    /** The validation minibatches, or null when the run holds no images out. */
    public JavaRDD<DataSet> validation() {
        return validation == null ? null : validation.rdd();
    }

    public int trainCount() {
        return trainImages.count();
    }

    public int testCount() {
        return testCount;
    }

    /** What the run's summary says of its data: image counts and the pixel scaling of each channel. */
    public DataSummary summary() {
        return DataSummary.of(trainCount(), validationCount, testCount, trainImages.scaling());
    }

    /** Frees the cached partitions and the broadcast images behind them. */
    public void release() {
        if (train != null) {
            train.release();
        }
        test.release();
        if (validation != null) {
            validation.release();
        }
        if (augmented != null) {
            augmented.destroy();
        }
    }
}
