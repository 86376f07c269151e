package io.sparkprune.results;

import io.sparkprune.sweep.GridPoint;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a results table: a grid point's trained model pruned at one threshold. A failed
 * point still has a row per threshold, with its reason and empty metrics, so that a sweep's table
 * always has points x thresholds rows. Written and read by {@link ResultsCsv} in the layout of
 * {@link ResultColumns}.
 *
 * @param config the point's config values keyed by column name ({@code regularizer_lambda})
 */
public record ResultRecord(int pointIndex, String pointId, String status, String reason, Map<String, Object> config,
                           double threshold, Double accuracyBeforePrune, Double accuracyAfterPrune,
                           String filtersBefore, String filtersAfter, Long paramsBefore, Long paramsAfter,
                           Long flopsBefore, Long flopsAfter, Double trainSeconds, Double accuracyAfterFinetune) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public ResultRecord {
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config)); // values may be null
    }

    /** The row of a point that trained, at one point of its curve. */
    public static ResultRecord of(GridPoint point, CurvePoint c, double trainSeconds) {
        return new ResultRecord(point.index(), point.id(), OK, "", ResultColumns.configValues(point.config()),
                c.threshold(), c.accuracyBeforePrune(), c.accuracyAfterPrune(), c.filtersBefore(), c.filtersAfter(),
                c.paramsBefore(), c.paramsAfter(), c.flopsBefore(), c.flopsAfter(), trainSeconds,
                c.accuracyAfterFinetune());
    }

    /** The row of a curve point outside a sweep (the {@code prune} command's table has no point columns). */
    public static ResultRecord of(CurvePoint c) {
        return new ResultRecord(0, "", OK, "", Map.of(), c.threshold(), c.accuracyBeforePrune(),
                c.accuracyAfterPrune(), c.filtersBefore(), c.filtersAfter(), c.paramsBefore(), c.paramsAfter(),
                c.flopsBefore(), c.flopsAfter(), null, c.accuracyAfterFinetune());
    }

    /** A failed point's row at {@code threshold}: no metrics. */
    public static ResultRecord failed(GridPoint point, double threshold, String reason, double trainSeconds) {
        return new ResultRecord(point.index(), point.id(), FAILED, reason, ResultColumns.configValues(point.config()),
                threshold, null, null, null, null, null, null, null, null, trainSeconds, null);
    }

    public boolean ok() {
        return OK.equals(status);
    }

    public String regularizer() {
        return String.valueOf(config.get(ResultColumns.REGULARIZER_TYPE));
    }

    public double lambda() {
        return ((Number) config.get(ResultColumns.REGULARIZER_LAMBDA)).doubleValue();
    }

    /** Total units kept over all layers ("3-11" keeps 14). */
    public int filtersKept() {
        return Arrays.stream(filtersAfter.split("-")).mapToInt(Integer::parseInt).sum();
    }
}
