package io.sparkprune.results;

import java.util.Arrays;
import java.util.Locale;

/**
 * The mean of a few replicate values and its 95% confidence interval, Student t over the
 * replicates: mean +- t(0.975, n-1) * s / sqrt(n), s the sample standard deviation. This assumes
 * roughly normal replicate values; with 3 replicates the interval is wide (t = 4.30), which is
 * the point: it says how little 3 seeds can settle. With one value there is no interval
 * ({@link #halfWidth} is NaN).
 */
public record Estimate(double mean, double halfWidth, int n) {
    public static final double CONFIDENCE = 0.95;

    public static Estimate of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("an estimate needs at least one value");
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        if (values.length == 1) {
            return new Estimate(mean, Double.NaN, 1);
        }
        double ss = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        double sd = Math.sqrt(ss / (values.length - 1));
        double t = StudentT.twoSidedQuantile(CONFIDENCE, values.length - 1);
        return new Estimate(mean, t * sd / Math.sqrt(values.length), values.length);
    }

    public boolean hasInterval() {
        return n >= 2;
    }

    public double low() {
        return mean - halfWidth;
    }

    public double high() {
        return mean + halfWidth;
    }

    /** Whether the interval lies wholly above (1), wholly below (-1) or around (0) {@code value}; 0 without one. */
    public int side(double value) {
        if (!hasInterval()) {
            return 0;
        }
        return low() > value ? 1 : high() < value ? -1 : 0;
    }

    /** The standard error of the mean, s / sqrt(n) (NaN without an interval). */
    public double standardError() {
        return hasInterval() ? halfWidth / StudentT.twoSidedQuantile(CONFIDENCE, n - 1) : Double.NaN;
    }

    /** This mean with its interval at another {@code confidence} (e.g. a multiple-comparison-adjusted level). */
    public Estimate atConfidence(double confidence) {
        return hasInterval() ? new Estimate(mean, standardError() * StudentT.twoSidedQuantile(confidence, n - 1), n)
                : this;
    }

    /** The two-sided t test's p-value of "the true mean is {@code value}" (NaN without an interval). */
    public double pValue(double value) {
        if (!hasInterval()) {
            return Double.NaN;
        }
        double se = standardError();
        if (se == 0) {
            return mean == value ? 1 : 0;
        }
        return Math.min(1, 2 * StudentT.upperTail(Math.abs(mean - value) / se, n - 1));
    }

    /** "0.9912 ± 0.0011" (or the mean alone), each number in {@code format}. */
    public String format(String format) {
        String m = String.format(Locale.ROOT, format, mean);
        return hasInterval() ? m + " ± " + String.format(Locale.ROOT, format, halfWidth) : m;
    }
}
