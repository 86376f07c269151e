package io.sparkprune.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether regularizer A's smallest model at a floor is smaller than B's, paired over replicate
 * indices (replicate r of every setting shares its seed derivation): d_r = ln(params_A,r /
 * params_B,r) over the indices where both reached the floor, and the {@link Estimate} of the mean
 * d. "A is smaller than B" only when its interval at {@code confidence} (95% alone; a higher level
 * when the comparison is one of several, see {@link HolmComparisons}) lies below 0 (the
 * geometric-mean params ratio's interval below 1); a log ratio so that halving and doubling weigh the same.
 */
public record PairedDifference(String a, String b, Optional<Estimate> logRatio, double confidence) {
    public enum Verdict { A_SMALLER, B_SMALLER, NO_DIFFERENCE, TOO_FEW_REPLICATES }

    /** The comparison on its own, at 95%. */
    public static PairedDifference of(FloorSelection a, FloorSelection b) {
        List<Double> d = new ArrayList<>();
        a.byReplicate().keySet().stream().sorted().forEach(r -> a.of(r).ifPresent(ra -> b.of(r).ifPresent(rb ->
                d.add(Math.log((double) ra.paramsAfter() / rb.paramsAfter())))));
        return new PairedDifference(a.regularizer(), b.regularizer(), d.isEmpty() ? Optional.empty()
                : Optional.of(Estimate.of(d.stream().mapToDouble(Double::doubleValue).toArray())), Estimate.CONFIDENCE);
    }

    /** B against A: the same pairs, the log ratios negated. */
    public PairedDifference swapped() {
        return new PairedDifference(b, a, logRatio.map(e -> new Estimate(-e.mean(), e.halfWidth(), e.n())),
                confidence);
    }

    /** The same comparison decided at another confidence level. */
    public PairedDifference atConfidence(double level) {
        return new PairedDifference(a, b, logRatio, level);
    }

    /** The two-sided p-value of "no difference" (NaN with fewer than 2 pairs). */
    public double pValue() {
        return pairs() < 2 ? Double.NaN : logRatio.orElseThrow().pValue(0);
    }

    public int pairs() {
        return logRatio.map(Estimate::n).orElse(0);
    }

    public Verdict verdict() {
        if (pairs() < 2) {
            return Verdict.TOO_FEW_REPLICATES;
        }
        return switch (logRatio.orElseThrow().atConfidence(confidence).side(0)) {
            case -1 -> Verdict.A_SMALLER;
            case 1 -> Verdict.B_SMALLER;
            default -> Verdict.NO_DIFFERENCE;
        };
    }

    /** "95", "99.17": the level as a percentage, without trailing zeros. */
    private static String level(double confidence) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.2f", 100 * confidence)).stripTrailingZeros()
                .toPlainString();
    }

    /** The sentence the report prints, e.g. "l1 is smaller than l2: params ratio 0.62 (95% interval 0.51 to 0.75, 3 paired replicates)". */
    public String statement() {
        Verdict v = verdict();
        if (v == Verdict.B_SMALLER) {
            return swapped().statement(); // the smaller one first, its ratio below 1
        }
        if (v == Verdict.TOO_FEW_REPLICATES) {
            return a + " vs " + b + ": " + pairs() + " replicate(s) where both reach the floor, too few for a claim";
        }
        Estimate e = logRatio.orElseThrow().atConfidence(confidence);
        String ratio = String.format(Locale.ROOT, "params ratio %s/%s %.3f (%s%% interval %.3f to %.3f, %d paired replicates)",
                a, b, Math.exp(e.mean()), level(confidence), Math.exp(e.low()), Math.exp(e.high()), e.n());
        return switch (v) {
            case A_SMALLER -> a + " is smaller than " + b + ": " + ratio;
            default -> a + " vs " + b + ": no significant difference, " + ratio;
        };
    }
}
