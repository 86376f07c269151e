package io.sparkprune.spark.train;

import io.sparkprune.config.RunConfig;
import io.sparkprune.train.NativeThreads;
import org.deeplearning4j.spark.api.Repartition;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * Data-parallel training with dl4j-spark parameter averaging: each executor fits its share of
 * minibatches, and parameters (and Adam's moments) are averaged every
 * {@code spark.averaging-frequency} minibatches.
 */
public final class DistributedTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainer.class);
    private static final int PREFETCH_BATCHES = 2;

    private final JavaSparkContext sc;
    private final RunConfig cfg;

    public DistributedTrainer(JavaSparkContext sc, RunConfig cfg) {
        this.sc = sc;
        this.cfg = cfg;
    }

    /**
     * Trains {@code net} in place from epoch {@code firstEpoch} (1-based) to {@code epochs},
     * reporting each finished epoch and the network to {@code onEpoch} (which may checkpoint).
     */
    public MultiLayerNetwork train(MultiLayerNetwork net, JavaRDD<DataSet> train, JavaRDD<DataSet> test,
                                   int firstEpoch, int epochs, BiConsumer<EpochReport, MultiLayerNetwork> onEpoch) {
        return train(net, epoch -> train, test, firstEpoch, epochs, onEpoch);
    }

    /** As above, each epoch training on {@code trainForEpoch.apply(epoch)} (augmented data differs per epoch). */
    public MultiLayerNetwork train(MultiLayerNetwork net, IntFunction<JavaRDD<DataSet>> trainForEpoch,
                                   JavaRDD<DataSet> test, int firstEpoch, int epochs,
                                   BiConsumer<EpochReport, MultiLayerNetwork> onEpoch) {
        long samples = -1;
        MultiLayerNetwork current = net;
        for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
            JavaRDD<DataSet> train = trainForEpoch.apply(epoch);
            if (samples < 0) {
                samples = train.map(DataSet::numExamples).reduce(Integer::sum);
            }
            // Seeded per epoch, not per run: the split into averaging rounds then depends on the epoch
            // alone, so a run resumed from a checkpoint trains exactly as the uninterrupted run did.
            SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, current, trainingMaster(cfg.train().seed() + epoch));
            long start = System.nanoTime();
            spark.fit(withTaskThreads(train));
            double seconds = (System.nanoTime() - start) / 1e9;
            MultiLayerNetwork trained = spark.getNetwork();
            double accuracy = spark.evaluate(test).accuracy();
            EpochReport report = new EpochReport(epoch, epochs, spark.getScore(),
                    trained.calcRegularizationScore(true), accuracy, seconds, samples / seconds);
            LOG.info(report.progressLine());
            onEpoch.accept(report, trained);
            current = trained;
        }
        return current;
    }

    /** One epoch of parameter averaging over {@code train}, without evaluation (benchmarks time this). */
    public MultiLayerNetwork fitEpoch(MultiLayerNetwork net, JavaRDD<DataSet> train) {
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, trainingMaster());
        spark.fit(withTaskThreads(train));
        return spark.getNetwork();
    }

    /** Test-set accuracy of any network, evaluated on the executors. */
    public double accuracy(MultiLayerNetwork net, JavaRDD<DataSet> test) {
        return new SparkDl4jMultiLayer(sc, net, trainingMaster()).evaluate(test).accuracy();
    }

    /**
     * The training data as seen by tasks that first limit their executor's native threads to
     * {@code spark.task-threads}: dl4j-spark runs one worker per core, each with its own ops.
     */
    private JavaRDD<DataSet> withTaskThreads(JavaRDD<DataSet> data) {
        int threads = cfg.spark().taskThreads();
        return data.mapPartitions(batches -> {
            NativeThreads.limit(threads);
            return batches;
        }, true);
    }

    private ParameterAveragingTrainingMaster trainingMaster() {
        return trainingMaster(cfg.train().seed());
    }

    private ParameterAveragingTrainingMaster trainingMaster(long splitSeed) {
        int batch = cfg.train().batchSize();
        return new ParameterAveragingTrainingMaster.Builder(batch)
                .batchSizePerWorker(batch)
                .averagingFrequency(cfg.spark().averagingFrequency())
                .workerPrefetchNumBatches(PREFETCH_BATCHES)
                // Direct needs no shared file system between driver and executors.
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                // Off by default in M2: without it Adam's moments are reset at every average.
                .saveUpdater(true)
                // Seeds the random split of the data between averaging rounds: repeatable runs.
                .rngSeed(splitSeed)
                // The same level the data is cached with: Spark refuses to change it.
                // The data is cached by DistributedData already (persisting again would pin each
                // epoch's thread-limiting view below).
                .storageLevel(null)
                // One partition per worker already (DistributedData): a shuffle per round buys nothing.
                .repartionData(Repartition.Never)
                .trainingHooks(new FirstLayerInputGradientHook())
                .build();
    }
}
