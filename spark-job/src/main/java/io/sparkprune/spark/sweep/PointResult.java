package io.sparkprune.spark.sweep;

import io.sparkprune.results.CurvePoint;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.sweep.GridPoint;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/**
 * What one grid point produced at a stage: its threshold curve after {@code epochs} epochs, or the
 * reason it failed. Serializable because grid-parallel tasks return it to the driver.
 */
public record PointResult(GridPoint point, boolean failed, String reason, List<CurvePoint> curve,
                          double trainSeconds, int epochs) implements Serializable {

    public static PointResult succeeded(GridPoint point, List<CurvePoint> curve, double trainSeconds, int epochs) {
        return new PointResult(point, false, "", List.copyOf(curve), trainSeconds, epochs);
    }

    public static PointResult failed(GridPoint point, Throwable cause, double trainSeconds) {
        // The message's first line only: a Spark job failure appends the remote stack trace, and a
        // reason is a CSV field that Spark reads back without multi-line parsing.
        String message = String.valueOf(cause.getMessage()).lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        String reason = (cause.getClass().getSimpleName() + ": " + message).replaceAll("\\s+", " ");
        return new PointResult(point, true, reason, List.of(), trainSeconds, 0);
    }

    public String status() {
        return failed ? ResultRecord.FAILED : ResultRecord.OK;
    }

    /**
     * The point's rows of the results table, thresholds ascending (cut thresholds among those asked
     * for): one per threshold, metrics empty when the point failed.
     */
    public List<ResultRecord> records(List<Double> thresholds) {
        if (failed) {
            return thresholds.stream().map(t -> ResultRecord.failed(point, t, reason, trainSeconds)).toList();
        }
        return curve.stream().sorted(Comparator.comparingDouble(CurvePoint::threshold))
                .map(c -> ResultRecord.of(point, c, trainSeconds, epochs)).toList();
    }
}
