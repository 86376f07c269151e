package io.sparkprune.spark.data;

import io.sparkprune.data.LabeledImages;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Spreads a dataset over the cluster as minibatches. The raw bytes travel (one byte per pixel,
 * four times smaller than floats); each executor builds its own normalised DataSets once and
 * keeps them cached, so epochs do not re-read or re-ship the data.
 */
public final class DistributedData {
    /** Serialized in memory: compact, and the level dl4j-spark's training master persists with too. */
    public static final StorageLevel STORAGE = StorageLevel.MEMORY_ONLY_SER();
    /** Below Spark's 1000 KiB task-size warning. */
    private static final long MAX_SLICE_BYTES = 900L * 1024;

    private DistributedData() {
    }

    /** Minibatches of {@code batchSize} examples (the last may be smaller), in {@code partitions} partitions. */
    public static JavaRDD<DataSet> minibatches(JavaSparkContext sc, LabeledImages images, int batchSize,
                                               int partitions) {
        List<LabeledImages> slices = slices(images, batchSize, partitions);
        return sc.parallelize(slices, slices.size())
                .flatMap(slice -> slice.minibatches(batchSize).iterator())
                .persist(STORAGE);
    }

    /**
     * Enough partitions to use every core, and small enough that each task (which carries its
     * slice's bytes) stays under Spark's recommended task size.
     */
    public static int partitionsFor(JavaSparkContext sc, LabeledImages images) {
        long bytes = (long) images.count() * (images.pixelsPerImage() + 1);
        return (int) Math.max(sc.defaultParallelism(), (bytes + MAX_SLICE_BYTES - 1) / MAX_SLICE_BYTES);
    }

    /** Contiguous slices holding whole minibatches, as even as the batch size allows. */
    static List<LabeledImages> slices(LabeledImages images, int batchSize, int partitions) {
        int batches = (images.count() + batchSize - 1) / batchSize;
        int parts = Math.max(1, Math.min(partitions, batches));
        List<LabeledImages> slices = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int from = Math.min(images.count(), (int) ((long) batches * p / parts) * batchSize);
            int to = Math.min(images.count(), (int) ((long) batches * (p + 1) / parts) * batchSize);
            if (to > from) {
                slices.add(images.slice(from, to));
            }
        }
        return slices;
    }
}
