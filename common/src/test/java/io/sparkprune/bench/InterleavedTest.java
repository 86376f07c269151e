package io.sparkprune.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterleavedTest {

    @Test
    void everyVariantRunsWarmupsPlusRoundsAndTheFirstSlotRotates() {
        List<String> order = new ArrayList<>();
        List<Runnable> variants = List.of(() -> run(order, "a", 2), () -> run(order, "b", 40), () -> run(order, "c", 0));
        double[] seconds = Interleaved.medianSeconds(variants, 1, 3);
        assertEquals(List.of("a", "b", "c", "a", "b", "c", "b", "c", "a", "c", "a", "b"), order);
        assertEquals(3, seconds.length);
        // Each variant's own time, in its own slot: sleeps are lower bounds, and 2 ms is far below 40 ms.
        assertTrue(seconds[0] >= 0.002 && seconds[1] >= 0.040, java.util.Arrays.toString(seconds));
        assertTrue(seconds[0] < seconds[1] && seconds[2] < seconds[1], java.util.Arrays.toString(seconds));
    }

    private static void run(List<String> order, String name, long sleepMillis) {
        order.add(name);
        try {
            Thread.sleep(sleepMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void ratioPairsEachRoundWithTheBaselinesSameRound() {
        // variant 1 is 10% slower than the baseline; the machine slows 3x for both in round 2 and
        // for the variant alone in round 3: the ratio of the medians says 3.3x, the paired one 1.1x
        double[][] seconds = {{1.0, 3.0, 1.0}, {1.1, 3.3, 3.3}};
        assertEquals(3.3, Interleaved.median(seconds[1]) / Interleaved.median(seconds[0]), 1e-9);
        assertEquals(1.1, Interleaved.medianRatio(seconds, 1, 0), 1e-9);
        assertEquals(1.0, Interleaved.medianRatio(seconds, 0, 0), 1e-9);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Interleaved.median(new double[]{3, 1, 2}));
        assertEquals(2.5, Interleaved.median(new double[]{4, 1, 3, 2}));
    }
}
