package io.sparkprune.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Takes a deterministic, class-balanced subset for {@code data.train-limit} /
 * {@code data.test-limit}: each class's images are queued in file order, then classes 0..9
 * take turns giving their next image until the limit is reached. Every class thus gets
 * floor(limit/classes) or one more image (classes 0, 1, ... get the extra ones), except when a class
 * runs out, whose share goes to the others. The chosen images keep their file order, so the
 * same files and limit always give the same subset, in the same order, with no seed.
 */
final class BalancedSubset {
    private BalancedSubset() {
    }

    /** The first {@code limit} images in the round-robin order above; all of them when limit is 0 or larger. */
    static LabeledImages take(LabeledImages all, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        if (limit == 0 || limit >= all.count()) {
            return all;
        }
        List<ArrayDeque<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < all.numClasses(); c++) {
            byClass.add(new ArrayDeque<>());
        }
        for (int i = 0; i < all.count(); i++) {
            byClass.get(all.label(i)).add(i);
        }
        int[] chosen = new int[limit];
        int taken = 0;
        while (taken < limit) {
            for (ArrayDeque<Integer> queue : byClass) {
                if (taken < limit && !queue.isEmpty()) {
                    chosen[taken++] = queue.poll();
                }
            }
        }
        Arrays.sort(chosen);
        return all.select(chosen);
    }
}
