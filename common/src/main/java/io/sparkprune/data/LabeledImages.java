package io.sparkprune.data;

import io.sparkprune.config.Augmentation;
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
 * builds DL4J's float tensors only where they are consumed, scaled by the images'
 * {@link PixelScaling}. A training set also carries its {@link Augmentation}, which only
 * {@link #trainingBatch} applies. Immutable: no method exposes or changes the arrays.
 */
public final class LabeledImages implements Serializable {
    /** The built-in datasets have ten classes, labels 0..9. */
    public static final int NUM_CLASSES = 10;
    private static final long serialVersionUID = 2L;

    private final byte[] pixels;
    private final byte[] labels;
    private final int numClasses;
    private final int channels;
    private final int height;
    private final int width;
    private final PixelScaling scaling;
    private final Augmentation augmentation;

    private LabeledImages(byte[] pixels, byte[] labels, int numClasses, int channels, int height, int width,
                          PixelScaling scaling, Augmentation augmentation) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes do not hold " + labels.length
                    + " images of " + channels + "x" + height + "x" + width);
        }
        if (numClasses < 2 || numClasses > 256) {
            throw new IllegalArgumentException("need 2..256 classes, got " + numClasses);
        }
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xFF) >= numClasses) {
                throw new IllegalArgumentException("label " + (labels[i] & 0xFF) + " of image " + i + " is not in 0.."
                        + (numClasses - 1));
            }
        }
        if (scaling.channels() != channels) {
            throw new IllegalArgumentException(scaling + " does not fit " + channels + "-channel images");
        }
        this.pixels = pixels;
        this.labels = labels;
        this.numClasses = numClasses;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.scaling = scaling;
        this.augmentation = augmentation;
    }

    /** Copies the given arrays: pixels image after image, each in C-H-W order; labels 0..9. */
    public static LabeledImages of(byte[] pixels, byte[] labels, int channels, int height, int width) {
        return of(pixels, labels, NUM_CLASSES, channels, height, width);
    }

    /** As {@link #of(byte[], byte[], int, int, int)} with labels 0..numClasses-1. */
    public static LabeledImages of(byte[] pixels, byte[] labels, int numClasses, int channels, int height, int width) {
        return wrap(pixels.clone(), labels.clone(), numClasses, channels, height, width);
    }

    /** Takes ownership of arrays that nobody else holds (readers' fresh buffers). */
    static LabeledImages wrap(byte[] pixels, byte[] labels, int numClasses, int channels, int height, int width) {
        return new LabeledImages(pixels, labels, numClasses, channels, height, width, PixelScaling.unit(channels),
                Augmentation.NONE);
    }

    /** The same images (arrays shared) turned into features with {@code scaling}. */
    public LabeledImages withScaling(PixelScaling scaling) {
        return new LabeledImages(pixels, labels, numClasses, channels, height, width, scaling, augmentation);
    }

    /** The same images (arrays shared) as a training set augmented by {@link #trainingBatch}. */
    public LabeledImages withAugmentation(Augmentation augmentation) {
        return new LabeledImages(pixels, labels, numClasses, channels, height, width, scaling, augmentation);
    }

    private LabeledImages sameKind(byte[] p, byte[] l) {
        return new LabeledImages(p, l, numClasses, channels, height, width, scaling, augmentation);
    }

    public int numClasses() {
        return numClasses;
    }

    public PixelScaling scaling() {
        return scaling;
    }

    public Augmentation augmentation() {
        return augmentation;
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
        return sameKind(Arrays.copyOfRange(pixels, from * ppi, to * ppi), Arrays.copyOfRange(labels, from, to));
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
        return sameKind(p, l);
    }

    /** How many images each class 0..numClasses-1 has. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
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
     * Images {@code from..to-1} as a DL4J DataSet: features float [n, C, H, W] scaled by
     * {@link #scaling()} (pixel / 255 unless normalized per channel), labels one-hot float
     * [n, numClasses]. Never augmented: this is how test images and statistics see the data.
     */
    public DataSet toDataSet(int from, int to) {
        checkRange(from, to);
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return batch(indices, null);
    }

    /**
     * The training minibatch of images {@code order[from..to-1]}, each augmented as
     * {@link #augmentation()} draws it for ({@code seed}, {@code epoch}, its index here): every
     * training mode forms its minibatches here, so a sample looks the same in all of them.
     */
    public DataSet trainingBatch(int[] order, int from, int to, long seed, int epoch) {
        if (from < 0 || to > order.length || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside 0.." + order.length);
        }
        int[] indices = Arrays.copyOfRange(order, from, to);
        return batch(indices, augmentation == Augmentation.NONE ? null : new AugmentationDraws(seed, epoch));
    }

    private DataSet batch(int[] indices, AugmentationDraws draws) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("cannot build a DataSet of zero images");
        }
        int n = indices.length;
        int ppi = pixelsPerImage();
        float[] features = new float[n * ppi];
        for (int i = 0; i < n; i++) {
            int image = indices[i];
            if (image < 0 || image >= count()) {
                throw new IndexOutOfBoundsException("image " + image + " outside 0.." + count());
            }
            if (draws == null) {
                scaling.scale(pixels, image * ppi, features, i * ppi, height * width);
            } else {
                CropFlip.apply(draws.draw(image), pixels, image * ppi, channels, height, width, scaling, features, i * ppi);
            }
        }
        float[] oneHot = new float[n * numClasses];
        for (int i = 0; i < n; i++) {
            oneHot[i * numClasses + label(indices[i])] = 1f;
        }
        return new DataSet(Nd4j.create(features, new long[] {n, channels, height, width}, 'c'),
                Nd4j.create(oneHot, new long[] {n, numClasses}, 'c'));
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
        return new LabeledImages(pixels, labels, numClasses, channels, height, width, scaling, augmentation);
    }

    @Override
    public String toString() {
        return count() + " images of " + channels + "x" + height + "x" + width;
    }
}
