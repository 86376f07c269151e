package io.sparkprune.data;

import java.util.Random;

/**
 * A learnable synthetic dataset: class k is a bright block at a position that depends on k,
 * over seeded noise. A small network reaches high accuracy on it within an epoch, so tests can
 * tell "trained" from "broken" without MNIST.
 */
public final class PatternImages {
    private static final int BLOCK = 6;

    private PatternImages() {
    }

    public static LabeledImages of(int count, int channels, int height, int width, long seed) {
        Random random = new Random(seed);
        int ppi = channels * height * width;
        byte[] pixels = new byte[count * ppi];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int k = random.nextInt(LabeledImages.NUM_CLASSES);
            labels[i] = (byte) k;
            int top = (k / 5) * (height / 2) + 1;
            int left = (k % 5) * ((width - BLOCK) / 4);
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        boolean inBlock = y >= top && y < top + BLOCK && x >= left && x < left + BLOCK;
                        int v = inBlock ? 200 + random.nextInt(56) : random.nextInt(60);
                        pixels[i * ppi + (c * height + y) * width + x] = (byte) v;
                    }
                }
            }
        }
        return LabeledImages.of(pixels, labels, channels, height, width);
    }

    public static LabeledImages mnistShaped(int count, long seed) {
        return of(count, 1, 28, 28, seed);
    }
}
