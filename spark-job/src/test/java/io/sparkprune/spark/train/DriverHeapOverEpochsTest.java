package io.sparkprune.spark.train;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.model.Networks;
import io.sparkprune.spark.SparkTestContexts;
import io.sparkprune.spark.data.DistributedData;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver's heap over epochs of real parameter-averaging training (local[2], LeNet-5): the used
 * heap after a full GC is sampled after each epoch, and from the third epoch on (caches, JIT and
 * Spark's own bookkeeping have settled) it must not keep growing. A leak of one network copy per
 * epoch (1.7 MB for LeNet-5's parameters, more with updater state) would show as a steady climb.
 * Slow (a minute or two): run with -Dtest.excludedGroups=none -Dtest.groups=slow.
 */
@Tag("slow")
class DriverHeapOverEpochsTest {
    private static final int EPOCHS = 12;

    @Test
    void driverHeapIsFlatOverEpochs() {
        JavaSparkContext sc = SparkTestContexts.local(2);
        try {
            RunConfig cfg = ConfigLoader.runConfig(ConfigLoader.load(null, List.of(
                    "regularizer.type=l1l2", "regularizer.lambda=0.01", "train.epochs=" + EPOCHS)));
            LabeledImages images = PatternImages.mnistShaped(1024, 3);
            JavaRDD<DataSet> train = DistributedData.minibatches(sc, images, cfg.train().batchSize()).rdd();
            JavaRDD<DataSet> test = DistributedData.minibatches(sc, PatternImages.mnistShaped(256, 4), 128).rdd();
            List<Long> heapMb = new ArrayList<>();
            new DistributedTrainer(sc, cfg).train(Networks.create(cfg), train, test, 1, EPOCHS,
                    (report, net) -> heapMb.add(usedHeapAfterGc() >> 20));
            System.out.println("driver heap after GC per epoch (MB): " + heapMb);

            List<Long> settled = heapMb.subList(2, heapMb.size());
            long growth = settled.get(settled.size() - 1) - settled.get(0);
            long min = settled.stream().mapToLong(Long::longValue).min().orElseThrow();
            long max = settled.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(growth < 8 && max - min < 16, "driver heap grew over epochs 3-" + EPOCHS + ": " + heapMb + " MB");
        } finally {
            sc.stop();
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
