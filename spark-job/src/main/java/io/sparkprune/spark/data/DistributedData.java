package io.sparkprune.spark.data;

import io.sparkprune.data.LabeledImages;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
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
    /**
     * Deserialized objects: dl4j-spark scans the whole cached RDD once per averaging round to draw
     * that round's random split, and MEMORY_ONLY_SER paid a full deserialization for every scan.
     * (An evicted partition is rebuilt from the broadcast images.)
     */
    public static final StorageLevel STORAGE = StorageLevel.MEMORY_ONLY();

    private DistributedData() {
    }

    /**
     * Minibatches of {@code batchSize} examples (the last may be smaller) in one partition per
     * executor core, cached. The images travel once per executor as a broadcast (tasks carry only
     * their index range), and with exactly one partition per worker dl4j-spark needs no shuffle
     * to balance its averaging rounds. {@link Cached#release()} frees both: a sweep loads data per point.
     */
    public static Cached minibatches(JavaSparkContext sc, LabeledImages images, int batchSize) {
        Broadcast<LabeledImages> all = sc.broadcast(images);
        List<int[]> ranges = ranges(images.count(), batchSize, sc.defaultParallelism());
        JavaRDD<DataSet> rdd = sc.parallelize(ranges, ranges.size())
                .flatMap(r -> all.value().slice(r[0], r[1]).minibatches(batchSize).iterator())
                .persist(STORAGE);
        return new Cached(sc, rdd, all);
    }

    /** Cached minibatches and the broadcast images they are rebuilt from when evicted. */
    public record Cached(JavaSparkContext sc, JavaRDD<DataSet> rdd, Broadcast<LabeledImages> images) {
        /** Drops the cached partitions and the images on every executor and the driver. */
        public void release() {
            rdd.unpersist(false);
            if (!sc.sc().isStopped()) {
                images.destroy();
            }
        }
    }

    /** Contiguous [from, to) ranges of whole minibatches, as even as the batch size allows. */
    static List<int[]> ranges(int count, int batchSize, int partitions) {
        int batches = (count + batchSize - 1) / batchSize;
        int parts = Math.max(1, Math.min(partitions, batches));
        List<int[]> ranges = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int from = Math.min(count, (int) ((long) batches * p / parts) * batchSize);
            int to = Math.min(count, (int) ((long) batches * (p + 1) / parts) * batchSize);
            if (to > from) {
                ranges.add(new int[]{from, to});
            }
        }
        return ranges;
    }
}
