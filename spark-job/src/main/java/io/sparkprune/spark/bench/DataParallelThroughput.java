package io.sparkprune.spark.bench;

import io.sparkprune.bench.Interleaved;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.model.Networks;
import io.sparkprune.spark.data.DistributedData;
import io.sparkprune.spark.train.DistributedTrainer;
import io.sparkprune.train.LocalTrainer;
import io.sparkprune.train.NativeThreads;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/**
 * Data-parallel training (dl4j-spark parameter averaging on this context's executors) against
 * single-JVM training of the same configuration on the same images in the driver, epochs
 * interleaved. On {@code local[N]} with the single JVM on all N cores, the ratio is what Spark
 * costs; with it on one native thread, what one executor core does alone (a per-sample cost).
 */
public final class DataParallelThroughput {
    private DataParallelThroughput() {
    }

    public record Result(double singleSamplesPerSecond, double sparkSamplesPerSecond) {
        public double sparkVsSingle() {
            return sparkSamplesPerSecond / singleSamplesPerSecond;
        }
    }

    /** {@code singleThreads}: the single JVM's native threads (the driver's current limit is restored after). */
    public static Result measure(JavaSparkContext sc, RunConfig cfg, LabeledImages images, int rounds, int singleThreads) {
        int batch = cfg.train().batchSize();
        DistributedData.Cached cached = DistributedData.minibatches(sc, images, batch);
        JavaRDD<DataSet> rdd = cached.rdd();
        rdd.count(); // materialize the cache before timing
        DistributedTrainer trainer = new DistributedTrainer(sc, cfg);
        MultiLayerNetwork single = Networks.create(cfg);
        NativeThreads.Budget driver = NativeThreads.save();
        MultiLayerNetwork[] distributed = {Networks.create(cfg)};
        try {
            double[] seconds = Interleaved.medianSeconds(List.of(
                    () -> {
                        NativeThreads.limit(singleThreads);
                        LocalTrainer.fit(single, images, 1, batch, cfg.train().seed());
                        driver.restore();
                    },
                    () -> {
                        distributed[0] = trainer.fitEpoch(distributed[0], rdd);
                        driver.restore(); // the driver is an executor too in local mode
                    }), 1, rounds);
            return new Result(images.count() / seconds[0], images.count() / seconds[1]);
        } finally {
            cached.release();
        }
    }
}
