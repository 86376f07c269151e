package io.sparkprune.spark.data;

import io.sparkprune.data.PatternImages;
import io.sparkprune.spark.SparkTestContexts;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.BroadcastBlockId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistributedDataTest {

    @Test
    void rangesCoverEveryImageOnceInWholeMinibatches() {
        List<int[]> ranges = DistributedData.ranges(1000, 64, 7);
        assertEquals(7, ranges.size());
        int next = 0;
        for (int i = 0; i < ranges.size(); i++) {
            int[] r = ranges.get(i);
            assertEquals(next, r[0], "ranges are contiguous and in order");
            if (i < ranges.size() - 1) {
                assertEquals(0, (r[1] - r[0]) % 64, "only the last range holds a partial batch");
            }
            next = r[1];
        }
        assertEquals(1000, next);
    }

    @Test
    void neverMoreRangesThanMinibatches() {
        List<int[]> ranges = DistributedData.ranges(100, 64, 8);
        assertEquals(2, ranges.size());
        assertArrayEquals(new int[]{0, 64}, ranges.get(0));
        assertArrayEquals(new int[]{64, 100}, ranges.get(1));
    }

    @Test
    void releaseFreesTheCachedPartitionsAndTheBroadcastImages() throws InterruptedException {
        try (JavaSparkContext sc = SparkTestContexts.local(2)) {
            DistributedData.Cached cached = DistributedData.minibatches(sc, PatternImages.mnistShaped(300, 1), 64);
            assertEquals(5, cached.rdd().count());
            BroadcastBlockId images = new BroadcastBlockId(cached.images().id(), "");
            assertTrue(sc.getPersistentRDDs().containsKey(cached.rdd().id()));
            assertTrue(sc.env().blockManager().getStatus(images).isDefined(), "the driver holds the images");

            cached.release();

            assertFalse(sc.getPersistentRDDs().containsKey(cached.rdd().id()), "partitions still cached");
            long deadline = System.nanoTime() + 20_000_000_000L; // Broadcast.destroy() removes the blocks asynchronously
            while (sc.env().blockManager().getStatus(images).isDefined() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(sc.env().blockManager().getStatus(images).isDefined(), "broadcast images still held after 20 s");
        }
    }
}
