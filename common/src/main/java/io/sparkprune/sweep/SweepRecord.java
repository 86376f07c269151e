package io.sparkprune.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a sweep's results: a grid point pruned at one threshold, or a failed point (then
 * the metrics are NaN and {@code reason} says why). Columns: the point's identity, every run
 * config key, then the metrics.
 */
public record SweepRecord(int pointIndex, String pointId, String status, String reason, Map<String, Object> config,
                          double threshold, double accuracyBeforePrune, double accuracyAfterPrune,
                          String filtersKept, long filtersBefore, long filtersAfter, long paramsBefore,
                          long paramsAfter, long flopsBefore, long flopsAfter, double trainSeconds)
        implements Serializable {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public static SweepRecord failed(GridPoint p, String reason) {
        return new SweepRecord(p.index(), p.id(), FAILED, reason, p.config().toFlatMap(), Double.NaN, Double.NaN,
                Double.NaN, "", 0, 0, 0, 0, 0, 0, Double.NaN);
    }

    /** Column names, config keys as written in configs. */
    public static List<String> columns(Iterable<String> configKeys) {
        List<String> cols = new ArrayList<>(List.of("point_index", "point_id", "status", "reason"));
        configKeys.forEach(cols::add);
        cols.addAll(List.of("threshold", "accuracy_before_prune", "accuracy_after_prune", "filters_kept",
                "filters_before", "filters_after", "params_before", "params_after", "flops_before", "flops_after",
                "train_seconds"));
        return cols;
    }

    /** Values in {@link #columns} order. */
    public List<Object> values() {
        List<Object> v = new ArrayList<>(List.of(pointIndex, pointId, status, reason));
        v.addAll(config.values());
        v.addAll(List.of(threshold, accuracyBeforePrune, accuracyAfterPrune, filtersKept, filtersBefore, filtersAfter,
                paramsBefore, paramsAfter, flopsBefore, flopsAfter, trainSeconds));
        return v;
    }

    /** Remaining fraction of parameters (1 = nothing pruned). */
    public double paramsRatio() {
        return paramsBefore == 0 ? Double.NaN : (double) paramsAfter / paramsBefore;
    }

    public Map<String, Object> asMap(Iterable<String> configKeys) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> cols = columns(configKeys);
        List<Object> vals = values();
        for (int i = 0; i < cols.size(); i++) {
            m.put(cols.get(i), vals.get(i));
        }
        return m;
    }
}
