package io.sparkprune.stats;

import io.sparkprune.prunable.PrunableLayer;

/**
 * What decides whether a unit stays: the factor that scales its output. For conv -> batch norm
 * (-> activation), that is BN's per-channel scale |gamma_f|: BN divides the channel by its own
 * standard deviation, so the filter's weights (and bias) can be multiplied by any a > 0 without
 * changing the network, and the channel leaves BN with standard deviation |gamma_f| whatever the
 * weight norm (network slimming's score). Without a batch norm, the unit's weight norm
 * s_f = ||W_f||_2 scales its output, as in the l1/l2 paper. Both are invariant to every
 * function-preserving rescaling of the unit, which is what makes a threshold on them meaningful.
 */
public final class FilterScore {
    private FilterScore() {
    }

    /** One score per unit of {@code layer}, from its weight statistics. */
    public static double[] of(PrunableLayer layer, WeightStats weights) {
        if (!scaledByBatchNorm(layer)) {
            return weights.l2();
        }
        double[] gamma = weights.gamma();
        double[] score = new double[gamma.length];
        for (int f = 0; f < gamma.length; f++) {
            score[f] = Math.abs(gamma[f]);
        }
        return score;
    }

    /** Whether the layer's units are scored by BN's |gamma| (a batch norm normalises its output). */
    public static boolean scaledByBatchNorm(PrunableLayer layer) {
        return layer.batchNorm() >= 0;
    }
}
