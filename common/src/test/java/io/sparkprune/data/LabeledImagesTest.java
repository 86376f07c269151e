package io.sparkprune.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabeledImagesTest {

    @Test
    void dataSetIsNchwScaledToUnitRangeWithOneHotLabels() {
        // Two 2x2x3 images with known pixel values: value = 10*image + position in CHW order.
        byte[] pixels = new byte[24];
        for (int i = 0; i < 24; i++) {
            pixels[i] = (byte) (i < 12 ? i * 20 : 255 - (i - 12));
        }
        LabeledImages images = LabeledImages.of(pixels, new byte[] {3, 9}, 2, 2, 3);

        DataSet ds = images.toDataSet();
        INDArray f = ds.getFeatures();
        assertArrayEquals(new long[] {2, 2, 2, 3}, f.shape());
        assertEquals(0f, f.getFloat(0, 0, 0, 0));
        // image 0, channel 1, row 0, col 2 is CHW offset 1*6 + 0*3 + 2 = 8 -> 160
        assertEquals(160f / 255f, f.getFloat(0, 1, 0, 2), 1e-7);
        assertEquals(1f, f.getFloat(1, 0, 0, 0), 1e-7);
        assertEquals(244f / 255f, f.getFloat(1, 1, 1, 2), 1e-7);
        assertEquals(0f, f.minNumber().floatValue());
        assertEquals(1f, f.maxNumber().floatValue());

        INDArray l = ds.getLabels();
        assertArrayEquals(new long[] {2, 10}, l.shape());
        assertEquals(1f, l.getFloat(0, 3));
        assertEquals(1f, l.getFloat(1, 9));
        assertEquals(2f, l.sumNumber().floatValue());
    }

    @Test
    void slicesSelectionsAndClassCountsKeepImagesWithTheirLabels() {
        LabeledImages images = SyntheticImages.cycling(23, 1, 4, 4, 7);
        LabeledImages slice = images.slice(5, 12);
        assertEquals(7, slice.count());
        assertEquals(images.label(5), slice.label(0));
        assertEquals(images.pixel(11, 0, 3, 2), slice.pixel(6, 0, 3, 2));

        LabeledImages picked = images.select(new int[] {20, 1});
        assertEquals(images.label(20), picked.label(0));
        assertEquals(images.pixel(1, 0, 2, 1), picked.pixel(1, 0, 2, 1));

        assertArrayEquals(new int[] {3, 3, 3, 2, 2, 2, 2, 2, 2, 2}, images.classCounts());
        assertThrows(IndexOutOfBoundsException.class, () -> images.slice(10, 24));
    }

    @Test
    void minibatchesCoverEveryImageOnceInOrder() {
        LabeledImages images = SyntheticImages.cycling(25, 1, 3, 3, 1);
        List<DataSet> batches = images.minibatches(10);
        assertEquals(List.of(10L, 10L, 5L), batches.stream().map(b -> b.getFeatures().size(0)).toList());
        assertEquals(images.pixel(24, 0, 2, 2) / 255f, batches.get(2).getFeatures().getFloat(4, 0, 2, 2), 1e-7);
        assertEquals(1f, batches.get(2).getLabels().getFloat(4, images.label(24)));
        assertThrows(IllegalArgumentException.class, () -> images.minibatches(0));
    }

    @Test
    void serializedFormIsAboutOneBytePerPixel() throws Exception {
        LabeledImages images = SyntheticImages.mnistLike(100, 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(images);
        }
        assertTrue(bytes.size() < 100 * 785 + 512, "serialized size " + bytes.size());
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            LabeledImages back = (LabeledImages) in.readObject();
            assertEquals(images.toDataSet(), back.toDataSet());
        }
    }

    @Test
    void rejectsLabelsOutsideTenClassesAndMismatchedSizes() {
        assertThrows(IllegalArgumentException.class, () -> LabeledImages.of(new byte[4], new byte[] {10}, 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> LabeledImages.of(new byte[5], new byte[] {1}, 1, 2, 2));
    }
}
