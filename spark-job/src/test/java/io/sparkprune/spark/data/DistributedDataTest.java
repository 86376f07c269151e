package io.sparkprune.spark.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
