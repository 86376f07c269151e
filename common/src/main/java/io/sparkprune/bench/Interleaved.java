package io.sparkprune.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Times several variants of the same work in one process so their ratios are fair: every variant
 * is warmed up first, then each timed round runs all variants, rotating which goes first, so that
 * drift in the machine's load hits all alike. Each variant's figure is its median round.
 */
public final class Interleaved {
    private Interleaved() {
    }

    /** Median seconds per round of each variant, in the order given. */
    public static double[] medianSeconds(List<Runnable> variants, int warmups, int rounds) {
        double[][] seconds = roundSeconds(variants, warmups, rounds);
        double[] medians = new double[seconds.length];
        for (int v = 0; v < seconds.length; v++) {
            medians[v] = median(seconds[v]);
        }
        return medians;
    }

    /** Seconds of every variant in every timed round, {@code [variant][round]}. */
    public static double[][] roundSeconds(List<Runnable> variants, int warmups, int rounds) {
        if (rounds < 1 || warmups < 0) {
            throw new IllegalArgumentException("need at least one round and no negative warm-up");
        }
        int n = variants.size();
        for (int w = 0; w < warmups; w++) {
            variants.forEach(Runnable::run);
        }
        double[][] seconds = new double[n][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < n; k++) {
                int v = (k + r) % n;
                long t0 = System.nanoTime();
                variants.get(v).run();
                seconds[v][r] = (System.nanoTime() - t0) / 1e9;
            }
        }
        return seconds;
    }

    /**
     * Median over rounds of {@code variant}'s time over {@code baseline}'s in the same round. Pairing
     * within a round cancels load that drifts between rounds, which a ratio of two medians keeps.
     */
    public static double medianRatio(double[][] roundSeconds, int variant, int baseline) {
        return median(pairedRatios(roundSeconds, variant, baseline));
    }

    /** Each round's {@code variant} time over {@code baseline}'s, in round order (their spread shows the noise). */
    public static double[] pairedRatios(double[][] roundSeconds, int variant, int baseline) {
        double[] ratios = new double[roundSeconds[variant].length];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = roundSeconds[variant][r] / roundSeconds[baseline][r];
        }
        return ratios;
    }

    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
