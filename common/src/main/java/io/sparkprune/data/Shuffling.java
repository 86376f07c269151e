package io.sparkprune.data;

import java.util.Random;

/**
 * Seeded reordering of a dataset. Class-balanced subsets come out in class round-robin order,
 * which minibatch SGD must not see as is.
 */
public final class Shuffling {
    private Shuffling() {
    }

    /** A Fisher-Yates permutation of the images, the same for the same seed. */
    public static LabeledImages shuffled(LabeledImages images, long seed) {
        return images.select(order(images.count(), seed));
    }

    /** A Fisher-Yates permutation of 0..count-1, the same for the same seed. */
    public static int[] order(int count, long seed) {
        int[] order = new int[count];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
