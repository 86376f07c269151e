package io.sparkprune.spark.data;

import io.sparkprune.data.LabeledImages;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Data-parallel training minibatches of an augmented training set: each epoch's are built on the
 * executors from the broadcast images by {@link LabeledImages#trainingBatch} (the one place every
 * training mode forms its minibatches, so a sample is augmented alike everywhere), cached for that
 * epoch's averaging rounds and dropped when the next epoch asks for its own.
 */
public final class AugmentedEpochs {
    private final JavaSparkContext sc;
    private final Broadcast<LabeledImages> images;
    private final int[] order;
    private final int batchSize;
    private final long seed;
    private JavaRDD<DataSet> current;

    /** {@code order}: the images' training order (a seeded permutation); {@code seed} draws the augmentation. */
    public AugmentedEpochs(JavaSparkContext sc, LabeledImages images, int[] order, int batchSize, long seed) {
        this.sc = sc;
        this.images = sc.broadcast(images);
        this.order = order.clone();
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** Epoch {@code epoch}'s (1-based) minibatches, cached until the next call or {@link #release()}. */
    public JavaRDD<DataSet> epoch(int epoch) {
        release();
        Broadcast<LabeledImages> all = images;
        int[] trainingOrder = order;
        int batch = batchSize;
        long augmentSeed = seed;
        // Draws are numbered from 0 as in LocalTrainer, so epoch e looks the same in every mode.
        int draw = epoch - 1;
        List<int[]> ranges = DistributedData.ranges(order.length, batchSize, sc.defaultParallelism());
        current = sc.parallelize(ranges, ranges.size())
                .flatMap(r -> batches(all.value(), trainingOrder, r[0], r[1], batch, augmentSeed, draw))
                .persist(DistributedData.STORAGE);
        return current;
    }

    private static Iterator<DataSet> batches(LabeledImages images, int[] order, int from, int to, int batchSize,
                                             long seed, int epoch) {
        List<DataSet> out = new ArrayList<>();
        for (int b = from; b < to; b += batchSize) {
            out.add(images.trainingBatch(order, b, Math.min(to, b + batchSize), seed, epoch));
        }
        return out.iterator();
    }

    /** Drops the cached minibatches of the last epoch asked for. */
    public void release() {
        if (current != null) {
            current.unpersist(false);
            current = null;
        }
    }

    /** Drops everything, the broadcast images too (a sweep builds one of these per point). */
    public void destroy() {
        release();
        if (!sc.sc().isStopped()) {
            images.destroy();
        }
    }
}
