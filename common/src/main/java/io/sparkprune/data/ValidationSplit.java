package io.sparkprune.data;

import io.sparkprune.config.ConfigException;
import io.sparkprune.config.ConfigKeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which training images {@code data.validation = n} holds out: per class a seeded random order of
 * its images, classes taking turns until n are chosen (so each class gives floor(n/classes) or one
 * more). The seed is fixed, not the run's: every run on the same files validates on the same images,
 * which is what lets a sweep compare its points (and replicates) on one validation set.
 */
final class ValidationSplit {
    private static final long SEED = 0x5eed_1dL;

    private ValidationSplit() {
    }

    /** The held-out indices into {@code all}, ascending; none when n is 0. */
    static int[] heldOut(LabeledImages all, int n) {
        if (n == 0) {
            return new int[0];
        }
        if (n >= all.count()) {
            throw ConfigException.forKey(ConfigKeys.DATA_VALIDATION.name(), "holds out " + n + " of the "
                    + all.count() + " training images, leaving none to train on: set it below " + all.count()
                    + " (e.g. a tenth of the training set) or to 0");
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < all.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < all.count(); i++) {
            byClass.get(all.label(i)).add(i);
        }
        List<int[]> orders = new ArrayList<>();
        for (int c = 0; c < byClass.size(); c++) {
            int[] order = Shuffling.order(byClass.get(c).size(), SEED + c);
            int[] indices = new int[order.length];
            for (int k = 0; k < order.length; k++) {
                indices[k] = byClass.get(c).get(order[k]);
            }
            orders.add(indices);
        }
        int[] chosen = new int[n];
        int taken = 0;
        for (int round = 0; taken < n; round++) {
            for (int[] indices : orders) {
                if (taken < n && round < indices.length) {
                    chosen[taken++] = indices[round];
                }
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /** The indices of {@code 0..count-1} not in {@code heldOut} (ascending), in file order. */
    static int[] rest(int count, int[] heldOut) {
        int[] rest = new int[count - heldOut.length];
        int next = 0;
        int h = 0;
        for (int i = 0; i < count; i++) {
            if (h < heldOut.length && heldOut[h] == i) {
                h++;
            } else {
                rest[next++] = i;
            }
        }
        return rest;
    }
}
