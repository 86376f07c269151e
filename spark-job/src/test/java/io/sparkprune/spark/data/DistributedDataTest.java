package io.sparkprune.spark.data;

import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.SyntheticImages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistributedDataTest {

    @Test
    void slicesCoverEveryImageOnceInWholeMinibatches() {
        LabeledImages images = SyntheticImages.mnistLike(1000, 1);
        List<LabeledImages> slices = DistributedData.slices(images, 64, 7);
        assertEquals(7, slices.size());
        assertEquals(1000, slices.stream().mapToInt(LabeledImages::count).sum());
        for (int i = 0; i < slices.size() - 1; i++) {
            assertEquals(0, slices.get(i).count() % 64, "only the last slice holds a partial batch");
        }
        int offset = 0;
        for (LabeledImages s : slices) {
            assertEquals(images.label(offset), s.label(0), "slices are contiguous and in order");
            offset += s.count();
        }
    }

    @Test
    void neverMoreSlicesThanMinibatches() {
        List<LabeledImages> slices = DistributedData.slices(SyntheticImages.mnistLike(100, 2), 64, 8);
        assertEquals(2, slices.size());
        assertTrue(slices.get(0).count() == 64 && slices.get(1).count() == 36);
    }
}
