package io.sparkprune.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One setting over its replicates, the way a results table's reader first looks at a grid: its
 * unpruned accuracy, its training time per epoch, and what each threshold asked for (the grid
 * thresholds, not the curve's cuts, which differ from model to model) kept.
 *
 * @param secondsPerEpoch each replicate's training seconds per epoch (a range to read, not an estimate: it follows
 *                        the machine's load); empty when the rows do not say how long or how many epochs they trained
 * @param thresholds per grid threshold, in increasing order
 */
public record SettingSummary(UnprunedAccuracy unpruned, List<Double> secondsPerEpoch, List<AtThreshold> thresholds) {

    /**
     * The models of one setting pruned at one grid threshold.
     *
     * @param finetuned the accuracy after fine-tuning on the selection basis; null when they were not fine-tuned
     */
    public record AtThreshold(double threshold, Estimate filters, Estimate params, Estimate accuracy,
                              Estimate finetuned) {
    }

    /** Every setting of {@code rows}, in the order their first rows come. */
    public static List<SettingSummary> of(List<ResultRecord> rows, SelectionBasis basis) {
        Map<String, List<ResultRecord>> bySetting = rows.stream().collect(Collectors.groupingBy(
                ResultRecord::setting, LinkedHashMap::new, Collectors.toList()));
        List<SettingSummary> out = new ArrayList<>();
        bySetting.values().forEach(rs -> out.add(of(rs, basis, UnprunedAccuracy.of(rs, basis))));
        return out;
    }

    private static SettingSummary of(List<ResultRecord> settingRows, SelectionBasis basis, UnprunedAccuracy unpruned) {
        Map<Integer, ResultRecord> models = new TreeMap<>();
        settingRows.forEach(r -> models.putIfAbsent(r.replicate(), r));
        List<Double> perEpoch = models.values().stream()
                .filter(r -> r.trainSeconds() != null && r.epochsTrained() != null && r.epochsTrained() > 0)
                .map(r -> r.trainSeconds() / r.epochsTrained()).toList();
        Map<Double, List<ResultRecord>> byThreshold = settingRows.stream().filter(ResultRecord::grid).collect(
                Collectors.groupingBy(ResultRecord::threshold, TreeMap::new, Collectors.toList()));
        List<AtThreshold> thresholds = new ArrayList<>();
        byThreshold.forEach((t, rs) -> {
            List<ResultRecord> finetuned = rs.stream().filter(r -> basis.finetuned(r) != null).toList();
            thresholds.add(new AtThreshold(t, estimate(rs, ResultRecord::filtersKept),
                    estimate(rs, r -> r.paramsAfter()), estimate(rs, basis::pruned),
                    finetuned.size() == rs.size() ? estimate(rs, basis::finetuned) : null));
        });
        return new SettingSummary(unpruned, perEpoch.size() == models.size() ? perEpoch : List.of(),
                List.copyOf(thresholds));
    }

    private static Estimate estimate(List<ResultRecord> rows, ToDoubleFunction<ResultRecord> measure) {
        return Estimate.of(rows.stream().mapToDouble(measure).toArray());
    }
}
