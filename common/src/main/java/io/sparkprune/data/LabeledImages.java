package io.sparkprune.data;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Labelled images kept as raw bytes: one byte per pixel, each image in channel-height-width
 * order, one byte per label. Four times smaller than float features, so whole datasets and
 * their slices are cheap to hold and to ship to Spark executors; {@link #toDataSet(int, int)}
 * builds DL4J's float tensors only where they are consumed. Immutable: no method exposes or
 * changes the arrays.
 */
public final class LabeledImages implements Serializable {
    /** Every dataset sparkprune reads has ten classes, labels 0..9. */
    public static final int NUM_CLASSES = 10;
    private static final long serialVersionUID = 1L;

    private final byte[] pixels;
    private final byte[] labels;
    private final int channels;
    private final int height;
    private final int width;

    private LabeledImages(byte[] pixels, byte[] labels, int channels, int height, int width) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes do not hold " + labels.length
                    + " images of " + channels + "x" + height + "x" + width);
        }
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xFF) >= NUM_CLASSES) {
                throw new IllegalArgumentException("label " + (labels[i] & 0xFF) + " of image " + i + " is not in 0..9");
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** Copies the given arrays: pixels image after image, each in C-H-W order; labels 0..9. */
    public static LabeledImages of(byte[] pixels, byte[] labels, int channels, int height, int width) {
        return new LabeledImages(pixels.clone(), labels.clone(), channels, height, width);
    }

    /** Takes ownership of arrays that nobody else holds (readers' fresh buffers). */
    static LabeledImages wrap(byte[] pixels, byte[] labels, int channels, int height, int width) {
        return new LabeledImages(pixels, labels, channels, height, width);
    }

    public int count() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int pixelsPerImage() {
        return channels * height * width;
    }

    /** The label (0..9) of image {@code index}. */
    public int label(int index) {
        return labels[index] & 0xFF;
    }

    /** The raw value (0..255) of one pixel. */
    public int pixel(int index, int channel, int y, int x) {
        return pixels[index * pixelsPerImage() + (channel * height + y) * width + x] & 0xFF;
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), as their own compact copy. */
    public LabeledImages slice(int from, int to) {
        checkRange(from, to);
        int ppi = pixelsPerImage();
        return wrap(Arrays.copyOfRange(pixels, from * ppi, to * ppi), Arrays.copyOfRange(labels, from, to),
                channels, height, width);
    }

    /** The images at the given indices, in that order (used to take subsets). */
    public LabeledImages select(int[] indices) {
        int ppi = pixelsPerImage();
        byte[] p = new byte[indices.length * ppi];
        byte[] l = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * ppi, p, i * ppi, ppi);
            l[i] = labels[indices[i]];
        }
        return wrap(p, l, channels, height, width);
    }

    /** How many images each class 0..9 has. */
    public int[] classCounts() {
        int[] counts = new int[NUM_CLASSES];
        for (byte b : labels) {
            counts[b & 0xFF]++;
        }
        return counts;
    }

    /** All images as one DataSet (see {@link #toDataSet(int, int)}). */
    public DataSet toDataSet() {
        return toDataSet(0, count());
    }

    /**
     * Images {@code from..to-1} as a DL4J DataSet: features float [n, C, H, W] scaled to [0, 1]
     * (pixel / 255), labels one-hot float [n, 10].
     */
    public DataSet toDataSet(int from, int to) {
        checkRange(from, to);
        if (from == to) {
            throw new IllegalArgumentException("cannot build a DataSet of zero images");
        }
        int n = to - from;
        int ppi = pixelsPerImage();
        float[] features = new float[n * ppi];
        for (int i = 0, src = from * ppi; i < features.length; i++, src++) {
            features[i] = (pixels[src] & 0xFF) / 255f;
        }
        float[] oneHot = new float[n * NUM_CLASSES];
        for (int i = 0; i < n; i++) {
            oneHot[i * NUM_CLASSES + label(from + i)] = 1f;
        }
        return new DataSet(Nd4j.create(features, new long[] {n, channels, height, width}, 'c'),
                Nd4j.create(oneHot, new long[] {n, NUM_CLASSES}, 'c'));
    }

    /**
     * Consecutive minibatches in stored order, built as they are taken, so only one batch's
     * floats are in memory at a time. The last batch holds the remainder.
     */
    public Iterator<DataSet> minibatchIterator(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        return new Iterator<>() {
            private int next = 0;

            @Override
            public boolean hasNext() {
                return next < count();
            }

            @Override
            public DataSet next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = next;
                next = Math.min(count(), from + batchSize);
                return toDataSet(from, next);
            }
        };
    }

    /** All minibatches at once (4 bytes per pixel in memory); see {@link #minibatchIterator(int)}. */
    public List<DataSet> minibatches(int batchSize) {
        List<DataSet> batches = new ArrayList<>();
        minibatchIterator(batchSize).forEachRemaining(batches::add);
        return batches;
    }

    private void checkRange(int from, int to) {
        if (from < 0 || to > count() || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside 0.." + count());
        }
    }

    /** Deserialized copies pass the same checks as built ones (a Spark task may receive a corrupt stream). */
    private Object readResolve() {
        return new LabeledImages(pixels, labels, channels, height, width);
    }

    @Override
    public String toString() {
        return count() + " images of " + channels + "x" + height + "x" + width;
    }
}
