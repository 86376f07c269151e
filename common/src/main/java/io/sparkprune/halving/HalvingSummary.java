package io.sparkprune.halving;

import io.sparkprune.config.ConfigKeys;
import io.sparkprune.results.ResultColumns;
import io.sparkprune.results.ResultRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a halving sweep's results table says about its rungs (for the report): per rung, the points
 * measured there, stopped there, failed there and gone on; the stopped points with their reasons; and
 * the epochs all points trained against a full grid's (every point the whole budget).
 */
public record HalvingSummary(List<Integer> rungs, List<Rung> perRung, List<ResultRecord> stoppedPoints,
                             long epochsTrained, long fullGridEpochs) {

    /** One rung's counts of points. */
    public record Rung(int rung, int epochs, int measured, int stopped, int failed, int wentOn) {
    }

    /** The summary of a table's rows (every status), or empty when no row comes from a halving rung. */
    public static Optional<HalvingSummary> of(List<ResultRecord> rows) {
        Map<String, ResultRecord> points = new LinkedHashMap<>(); // one row per point: its first
        rows.forEach(r -> points.putIfAbsent(r.pointId(), r));
        if (points.isEmpty() || points.values().stream().allMatch(r -> r.rung() == null)) {
            return Optional.empty();
        }
        ResultRecord any = points.values().iterator().next();
        int budget = number(any, ConfigKeys.TRAIN_EPOCHS.name());
        List<Integer> rungs = HalvingRungs.of(budget, number(any, ConfigKeys.SWEEP_HALVING_MIN_EPOCHS.name()),
                number(any, ConfigKeys.SWEEP_HALVING_ETA.name()));
        List<Rung> perRung = new ArrayList<>();
        for (int k = 0; k < rungs.size(); k++) {
            int rung = k;
            int measured = (int) points.values().stream().filter(r -> r.rung() != null && r.rung() >= rung).count();
            int stopped = (int) points.values().stream().filter(r -> r.stopped() && r.rung() == rung).count();
            int failed = (int) points.values().stream()
                    .filter(r -> ResultRecord.FAILED.equals(r.status()) && r.rung() != null && r.rung() == rung).count();
            perRung.add(new Rung(rung, rungs.get(rung), measured, stopped, failed,
                    rung == rungs.size() - 1 ? 0 : measured - stopped - failed));
        }
        long epochs = points.values().stream().mapToLong(r -> r.epochsTrained() != null ? r.epochsTrained()
                : r.rung() != null ? rungs.get(r.rung()) : 0).sum();
        return Optional.of(new HalvingSummary(rungs, perRung,
                points.values().stream().filter(ResultRecord::stopped).toList(), epochs, (long) points.size() * budget));
    }

    /** The epochs trained as a fraction of a full grid's. */
    public double fractionOfFullGrid() {
        return (double) epochsTrained / fullGridEpochs;
    }

    private static int number(ResultRecord r, String configKey) {
        return ((Number) r.config().get(ResultColumns.column(configKey))).intValue();
    }
}
