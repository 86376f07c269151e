package io.sparkprune.results;

import io.sparkprune.config.ConfigKey;
import io.sparkprune.config.ConfigKeys;
import io.sparkprune.sweep.GridPoint;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a results table: a grid point's trained model pruned at one threshold. A failed
 * point still has a row per threshold asked for, with its reason and empty metrics. Written and
 * read by {@link ResultsCsv} in the layout of {@link ResultColumns}.
 *
 * @param settingId the id a point's replicates share (replicate 0's point id)
 * @param replicate 0 for a point's first run; replicate r > 0 trains with a seed derived from it
 * @param config the point's config values keyed by column name ({@code regularizer_lambda})
 * @param thresholdKind {@link CurvePoint#GRID} or {@link CurvePoint#CUT}
 * @param valAccuracyBeforePrune accuracies on the validation split: null without {@code data.validation}
 * @param rung the successive-halving rung (0, 1, ...) whose measurement the row is: the last one the
 *             point reached ({@code sweep.schedule = halving}); null in a full sweep
 * @param epochsTrained the epochs the row's model trained (null in tables written before it was recorded)
 */
public record ResultRecord(int pointIndex, String pointId, String settingId, int replicate, String status,
                           String reason, Map<String, Object> config, double threshold, String thresholdKind,
                           Double accuracyBeforePrune, Double accuracyAfterPrune, Double valAccuracyBeforePrune,
                           Double valAccuracyAfterPrune, String filtersBefore, String filtersAfter, Long paramsBefore,
                           Long paramsAfter, Long flopsBefore, Long flopsAfter, Double trainSeconds,
                           Double accuracyAfterFinetune, Double valAccuracyAfterFinetune, Integer rung,
                           Integer epochsTrained) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    /** A point that successive halving stopped at a rung: its rows are that rung's measurements. */
    public static final String STOPPED = "stopped";

    public ResultRecord {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config)); // values may be null
    }

    /** A row without schedule columns (no rung, epochs not recorded). */
    public ResultRecord(int pointIndex, String pointId, String settingId, int replicate, String status, String reason,
                        Map<String, Object> config, double threshold, String thresholdKind, Double accuracyBeforePrune,
                        Double accuracyAfterPrune, Double valAccuracyBeforePrune, Double valAccuracyAfterPrune,
                        String filtersBefore, String filtersAfter, Long paramsBefore, Long paramsAfter,
                        Long flopsBefore, Long flopsAfter, Double trainSeconds, Double accuracyAfterFinetune,
                        Double valAccuracyAfterFinetune) {
        this(pointIndex, pointId, settingId, replicate, status, reason, config, threshold, thresholdKind,
                accuracyBeforePrune, accuracyAfterPrune, valAccuracyBeforePrune, valAccuracyAfterPrune, filtersBefore,
                filtersAfter, paramsBefore, paramsAfter, flopsBefore, flopsAfter, trainSeconds, accuracyAfterFinetune,
                valAccuracyAfterFinetune, null, null);
    }

    /** The row of a point that trained {@code epochs} epochs, at one point of its curve. */
    public static ResultRecord of(GridPoint point, CurvePoint c, double trainSeconds, int epochs) {
        return of(point.index(), point.id(), point.settingId(), point.replicate(),
                ResultColumns.configValues(point.config()), c, trainSeconds).withSchedule(OK, "", null, epochs);
    }

    /** The row of a curve point outside a sweep (the {@code prune} command's table has no point columns). */
    public static ResultRecord of(CurvePoint c) {
        return of(0, "", "", 0, Map.of(), c, null);
    }

    private static ResultRecord of(int index, String id, String settingId, int replicate, Map<String, Object> config,
                                   CurvePoint c, Double trainSeconds) {
        return new ResultRecord(index, id, settingId, replicate, OK, "", config, c.threshold(), c.thresholdKind(),
                c.accuracyBeforePrune(), c.accuracyAfterPrune(), c.valAccuracyBeforePrune(), c.valAccuracyAfterPrune(),
                c.filtersBefore(), c.filtersAfter(), c.paramsBefore(), c.paramsAfter(), c.flopsBefore(), c.flopsAfter(),
                trainSeconds, c.accuracyAfterFinetune(), c.valAccuracyAfterFinetune());
    }

    /** A failed point's row at {@code threshold}: no metrics. */
    public static ResultRecord failed(GridPoint point, double threshold, String reason, double trainSeconds) {
        return new ResultRecord(point.index(), point.id(), point.settingId(), point.replicate(), FAILED, reason,
                ResultColumns.configValues(point.config()), threshold, CurvePoint.GRID, null, null, null, null, null,
                null, null, null, null, null, trainSeconds, null, null);
    }

    /** This row with another status and reason, measured at {@code rung} after {@code epochs} epochs. */
    public ResultRecord withSchedule(String status, String reason, Integer rung, Integer epochs) {
        return new ResultRecord(pointIndex, pointId, settingId, replicate, status, reason, config, threshold,
                thresholdKind, accuracyBeforePrune, accuracyAfterPrune, valAccuracyBeforePrune, valAccuracyAfterPrune,
                filtersBefore, filtersAfter, paramsBefore, paramsAfter, flopsBefore, flopsAfter, trainSeconds,
                accuracyAfterFinetune, valAccuracyAfterFinetune, rung, epochs);
    }

    /** This row with another train_seconds (a halving point's, summed over its rungs). */
    public ResultRecord withTrainSeconds(Double seconds) {
        return new ResultRecord(pointIndex, pointId, settingId, replicate, status, reason, config, threshold,
                thresholdKind, accuracyBeforePrune, accuracyAfterPrune, valAccuracyBeforePrune, valAccuracyAfterPrune,
                filtersBefore, filtersAfter, paramsBefore, paramsAfter, flopsBefore, flopsAfter, seconds,
                accuracyAfterFinetune, valAccuracyAfterFinetune, rung, epochsTrained);
    }

    /** This row without its train_seconds (wall time: the one value two runs of a point may differ in). */
    public ResultRecord withoutTrainSeconds() {
        return withTrainSeconds(null);
    }

    public boolean ok() {
        return OK.equals(status);
    }

    /** Whether successive halving stopped this row's point early (it trained, but not the whole budget). */
    public boolean stopped() {
        return STOPPED.equals(status);
    }

    /** Whether the row's model was pruned at a threshold asked for (not at a cut or a budget the curve added). */
    public boolean grid() {
        return CurvePoint.GRID.equals(thresholdKind);
    }

    /** The setting this row's run is a replicate of: its setting id, or its point id where a table left that empty. */
    public String setting() {
        return settingId == null || settingId.isEmpty() ? pointId : settingId;
    }

    /**
     * The regularizer as comparisons group rows: its type, plus its grouping and target where they
     * are not the defaults ("l1l2 on weights" and "l1l2" on batch-norm scales are different methods
     * and must not be pooled). Rows of older tables, without those columns, read at the defaults.
     */
    public String regularizer() {
        String type = String.valueOf(config.get(ResultColumns.REGULARIZER_TYPE));
        if (type.equals(BestModels.BASELINE)) {
            return type;
        }
        StringBuilder label = new StringBuilder(type);
        appendUnlessDefault(label, "-", ConfigKeys.REGULARIZER_GROUP);
        appendUnlessDefault(label, " on ", ConfigKeys.REGULARIZER_TARGET);
        return label.toString();
    }

    private void appendUnlessDefault(StringBuilder label, String separator, ConfigKey<?> key) {
        Object value = config.get(ResultColumns.column(key.name()));
        if (value != null && !value.equals(key.flatDefault())) {
            label.append(separator).append(value);
        }
    }

    public double lambda() {
        return ((Number) config.get(ResultColumns.REGULARIZER_LAMBDA)).doubleValue();
    }

    /** Total units kept over all layers ("3-11" keeps 14). */
    public int filtersKept() {
        return Arrays.stream(filtersAfter.split("-")).mapToInt(Integer::parseInt).sum();
    }
}
