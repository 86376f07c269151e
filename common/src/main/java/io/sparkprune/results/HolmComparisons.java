package io.sparkprune.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A table's pairwise "A is smaller than B" statements as one family: Holm's step-down procedure
 * keeps the chance of any false statement among them at {@code alpha} (at 5% each, 15 pairs of six
 * regularizers would make about 0.75 false statements by chance). The comparisons, sorted by
 * p-value, are decided at levels 1 - alpha/m, 1 - alpha/(m-1), ...; the first that fails stops the
 * procedure, and it and all after it are decided at that failing step's level, so that every
 * interval printed excludes 1 exactly when its statement is a claim.
 */
public final class HolmComparisons {
    private HolmComparisons() {
    }

    /** {@code comparisons} in their order, each at the confidence level Holm's procedure decides it at. */
    public static List<PairedDifference> adjust(List<PairedDifference> comparisons, double alpha) {
        List<Integer> tested = IntStream.range(0, comparisons.size()).filter(i -> comparisons.get(i).pairs() >= 2)
                .boxed().sorted(Comparator.comparingDouble(i -> comparisons.get(i).pValue())).toList();
        List<PairedDifference> adjusted = new ArrayList<>(comparisons);
        int m = tested.size();
        boolean stopped = false;
        double stopLevel = 1 - alpha;
        for (int step = 0; step < m; step++) {
            int i = tested.get(step);
            double level = 1 - alpha / (m - step);
            if (!stopped && !(comparisons.get(i).pValue() <= alpha / (m - step))) {
                stopped = true;
                stopLevel = level;
            }
            adjusted.set(i, comparisons.get(i).atConfidence(stopped ? stopLevel : level));
        }
        return adjusted;
    }
}
