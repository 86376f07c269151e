package io.sparkprune.spark.sweep;

import io.sparkprune.pruning.ThresholdRecord;
import io.sparkprune.sweep.GridPoint;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one grid point produced: its threshold curve, or the reason it failed. Serializable because
 * grid-parallel tasks return it to the driver. A failed point still yields one row per threshold
 * (with empty metrics), so the results table always has points x thresholds rows.
 */
public record PointResult(GridPoint point, boolean failed, String reason, Double accuracyBeforePrune,
                          List<ThresholdRecord> curve, List<Double> finetuned, double trainSeconds)
        implements Serializable {

    /** @param finetuned per threshold, the pruned model's accuracy after fine-tuning (null entries: none) */
    public static PointResult succeeded(GridPoint point, double accuracy, List<ThresholdRecord> curve,
                                        List<Double> finetuned, double trainSeconds) {
        // ArrayList, not List.copyOf: entries may be null
        return new PointResult(point, false, "", accuracy, List.copyOf(curve), new ArrayList<>(finetuned),
                trainSeconds);
    }

    public static PointResult failed(GridPoint point, Throwable cause, double trainSeconds) {
        // The message's first line only: a Spark job failure appends the remote stack trace, and a
        // reason is a CSV field that Spark reads back without multi-line parsing.
        String message = String.valueOf(cause.getMessage()).lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        String reason = (cause.getClass().getSimpleName() + ": " + message).replaceAll("\\s+", " ");
        return new PointResult(point, true, reason, null, List.of(), List.of(), trainSeconds);
    }

    public String status() {
        return failed ? "failed" : "ok";
    }
}
