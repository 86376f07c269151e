package io.sparkprune.spark.train;

import io.sparkprune.config.RunConfig;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Shuffling;
import io.sparkprune.data.Split;
import io.sparkprune.spark.data.DistributedData;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;

/** The train and test minibatches of one run, cached on the executors. */
public record TrainingData(JavaRDD<DataSet> train, JavaRDD<DataSet> test, int trainCount, int testCount) {

    /** Reads {@code data.*} on the driver (any Hadoop FS) and spreads it over the cluster. */
    public static TrainingData load(JavaSparkContext sc, RunConfig cfg) {
        // Class-balanced subsets come in class round-robin order: shuffle once, from the run's seed.
        LabeledImages train = Shuffling.shuffled(Datasets.load(cfg.data(), Split.TRAIN, sc.hadoopConfiguration()),
                cfg.train().seed());
        LabeledImages test = Datasets.load(cfg.data(), Split.TEST, sc.hadoopConfiguration());
        return of(sc, train, test, cfg.train().batchSize());
    }

    public static TrainingData of(JavaSparkContext sc, LabeledImages train, LabeledImages test, int batchSize) {
        return new TrainingData(
                DistributedData.minibatches(sc, train, batchSize),
                DistributedData.minibatches(sc, test, batchSize),
                train.count(), test.count());
    }

    /** Frees the cached partitions. */
    public void release() {
        train.unpersist(false);
        test.unpersist(false);
    }
}
