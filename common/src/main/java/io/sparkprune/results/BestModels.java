package io.sparkprune.results;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * "The smallest model per regularizer that keeps the accuracy": what the report tabulates and the
 * notebooks show, computed here only. Rows are the successful rows of a results table.
 */
public final class BestModels {
    /** 0.1 accuracy points below the baseline still counts as equal accuracy. */
    public static final double TOLERANCE = 0.001;
    /** The regularizer type whose unpruned model is the baseline. */
    public static final String BASELINE = "none";

    private BestModels() {
    }

    /** Per regularizer, the fewest-params model within {@link #TOLERANCE} of the baseline's accuracy. */
    public static Map<String, Optional<ResultRecord>> atBaselineAccuracy(List<ResultRecord> rows) {
        return at(rows, baselineAccuracy(rows) - TOLERANCE);
    }

    /** Per regularizer, the fewest-params model (then the most accurate) with accuracy at least {@code floor}. */
    public static Map<String, Optional<ResultRecord>> at(List<ResultRecord> rows, double floor) {
        return at(rows, floor, ResultRecord::accuracyAfterPrune);
    }

    /** As {@link #at(List, double)}, by another accuracy (e.g. after fine-tuning). */
    public static Map<String, Optional<ResultRecord>> at(List<ResultRecord> rows, double floor,
                                                         ToDoubleFunction<ResultRecord> accuracy) {
        Map<String, Optional<ResultRecord>> best = new TreeMap<>();
        rows.stream().collect(Collectors.groupingBy(ResultRecord::regularizer)).forEach((reg, rs) ->
                best.put(reg, rs.stream().filter(r -> accuracy.applyAsDouble(r) >= floor)
                        .min(Comparator.comparingLong(ResultRecord::paramsAfter).thenComparing(
                                Comparator.comparingDouble(accuracy).reversed()))));
        return best;
    }

    /** The unpruned baseline ({@link #BASELINE} regularizer) if the rows have one, else the best unpruned model. */
    public static double baselineAccuracy(List<ResultRecord> rows) {
        List<ResultRecord> base = baselineRows(rows);
        return (base.isEmpty() ? rows : base).stream().mapToDouble(ResultRecord::accuracyBeforePrune).max().orElse(0);
    }

    /** Whether the rows hold a {@link #BASELINE} point (a follow-up sweep often has none). */
    public static boolean hasBaseline(List<ResultRecord> rows) {
        return !baselineRows(rows).isEmpty();
    }

    private static List<ResultRecord> baselineRows(List<ResultRecord> rows) {
        return rows.stream().filter(r -> r.regularizer().equals(BASELINE)).toList();
    }
}
