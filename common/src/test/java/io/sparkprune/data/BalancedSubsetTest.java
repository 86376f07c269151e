package io.sparkprune.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class BalancedSubsetTest {

    /** Class c has 10 + 5c images, in runs, so taking the first N in file order would be very unbalanced. */
    private static LabeledImages skewed() {
        int[] labels = new int[10 * 10 + 5 * 45];
        int at = 0;
        for (int c = 9; c >= 0; c--) {
            for (int k = 0; k < 10 + 5 * c; k++) {
                labels[at++] = c;
            }
        }
        return SyntheticImages.withLabels(labels, 1, 2, 2, 11);
    }

    @Test
    void everyClassGetsTheSameShareWithinOne() {
        LabeledImages subset = BalancedSubset.take(skewed(), 47);
        assertEquals(47, subset.count());
        assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 4, 4, 4}, subset.classCounts());
    }

    @Test
    void aClassThatRunsOutLeavesItsShareToTheOthers() {
        LabeledImages subset = BalancedSubset.take(skewed(), 200);
        // Classes 0, 1, 2 (10, 15, 20 images) run out after rounds 10, 15, 20; the rest share what is left.
        assertArrayEquals(new int[] {10, 15, 20, 23, 22, 22, 22, 22, 22, 22}, subset.classCounts());
    }

    @Test
    void subsetIsDeterministicAndKeepsFileOrder() {
        LabeledImages all = skewed();
        LabeledImages a = BalancedSubset.take(all, 30);
        LabeledImages b = BalancedSubset.take(all, 30);
        assertEquals(a.toDataSet(), b.toDataSet());
        // Each class's first three images, in file order: classes were written 9, 8, ..., 0.
        assertEquals(9, a.label(0));
        assertEquals(0, a.label(29));
        assertEquals(all.pixel(0, 0, 1, 1), a.pixel(0, 0, 1, 1));
        assertEquals(all.pixel(all.count() - 8, 0, 0, 1), a.pixel(29, 0, 0, 1));
    }

    @Test
    void zeroOrTooLargeLimitMeansAll() {
        LabeledImages all = skewed();
        assertSame(all, BalancedSubset.take(all, 0));
        assertSame(all, BalancedSubset.take(all, all.count() + 1));
    }
}
