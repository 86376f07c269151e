package io.sparkprune.pruning;

import io.sparkprune.prunable.PruningException;
import io.sparkprune.config.PruneRule;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Which units of a layer stay: those whose score s_f ({@link io.sparkprune.stats.FilterScore})
 * reaches the threshold, relative to the layer's largest ({@code relative}) or as is
 * ({@code absolute}). At least the largest one always stays, so the network keeps a path from
 * input to output.
 */
public final class PruneDecision {
    private PruneDecision() {
    }

    public static void checkThreshold(double threshold) {
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new PruningException("threshold must be a finite number >= 0, got " + threshold
                    + " (e.g. --threshold 0.01)");
        }
    }

    /**
     * What the threshold is compared with, per unit: s_f / max_g s_g ({@code relative}) or s_f
     * ({@code absolute}); a unit goes when its value is below the threshold (the largest never goes).
     */
    public static double[] values(double[] norms, PruneRule rule) {
        double max = rule == PruneRule.RELATIVE ? Arrays.stream(norms).max().orElse(0) : 1;
        return Arrays.stream(norms).map(n -> max > 0 ? n / max : 0).toArray();
    }

    /** Kept unit indices, ascending. */
    public static int[] kept(double[] norms, PruneRule rule, double threshold) {
        checkThreshold(threshold);
        double max = 0;
        int argMax = 0;
        for (int f = 0; f < norms.length; f++) {
            if (norms[f] > max) {
                max = norms[f];
                argMax = f;
            }
        }
        double cut = rule == PruneRule.RELATIVE ? threshold * max : threshold;
        int best = argMax;
        return IntStream.range(0, norms.length).filter(f -> norms[f] >= cut || f == best).toArray();
    }
}
