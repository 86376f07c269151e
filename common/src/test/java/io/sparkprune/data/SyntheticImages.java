package io.sparkprune.data;

import java.util.Random;

/** Small labelled image sets with seeded random pixels, for reader and Spark tests. */
public final class SyntheticImages {
    private SyntheticImages() {
    }

    /** {@code labels.length} images of {@code c x h x w} random pixels with the given labels. */
    public static LabeledImages withLabels(int[] labels, int c, int h, int w, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[labels.length * c * h * w];
        random.nextBytes(pixels);
        byte[] l = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            l[i] = (byte) labels[i];
        }
        return LabeledImages.of(pixels, l, c, h, w);
    }

    /** {@code count} images whose labels cycle 0..9, so every class is present. */
    public static LabeledImages cycling(int count, int c, int h, int w, long seed) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % LabeledImages.NUM_CLASSES;
        }
        return withLabels(labels, c, h, w, seed);
    }

    /** 28x28 one-channel images, the MNIST shape. */
    public static LabeledImages mnistLike(int count, long seed) {
        return cycling(count, 1, 28, 28, seed);
    }
}
