package io.sparkprune.results;

import java.io.Serializable;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One point of a trained model's accuracy-vs-size curve: the model pruned at one threshold, no
 * retraining (and, when asked for, its accuracy after fine-tuning). What the pruning pipeline
 * produces per threshold; serializable because grid-parallel sweep tasks return it to the driver.
 *
 * @param thresholdKind {@link #GRID} for a threshold asked for, {@link #CUT} for one the pipeline added
 *                      where the kept filters change ({@code prune.curve-points})
 * @param accuracyBeforePrune test accuracy of the unpruned model; null in a successive-halving rung's
 *                            measurement, which reads validation images only
 * @param accuracyAfterPrune test accuracy; null for a cut that validation accuracy shows no selection can pick
 *                           (another row of the curve is smaller and at least as accurate on validation),
 *                           and in a rung's measurement
 * @param filtersBefore units per prunable layer, joined as in the tables ("20-50")
 * @param accuracyAfterFinetune null when the run did not fine-tune (cut thresholds are never fine-tuned)
 * @param valAccuracyBeforePrune accuracies on the validation images: null without {@code data.validation}
 */
public record CurvePoint(double threshold, String thresholdKind, Double accuracyBeforePrune, Double accuracyAfterPrune,
                         String filtersBefore, String filtersAfter, long paramsBefore, long paramsAfter,
                         long flopsBefore, long flopsAfter, Double accuracyAfterFinetune,
                         Double valAccuracyBeforePrune, Double valAccuracyAfterPrune, Double valAccuracyAfterFinetune)
        implements Serializable {
    public static final String GRID = "grid";
    public static final String CUT = "cut";

    /** A threshold asked for, measured on test images only. */
    public CurvePoint(double threshold, double accuracyBeforePrune, double accuracyAfterPrune, String filtersBefore,
                      String filtersAfter, long paramsBefore, long paramsAfter, long flopsBefore, long flopsAfter,
                      Double accuracyAfterFinetune) {
        this(threshold, GRID, accuracyBeforePrune, accuracyAfterPrune, filtersBefore, filtersAfter, paramsBefore,
                paramsAfter, flopsBefore, flopsAfter, accuracyAfterFinetune, null, null, null);
    }

    /** This point with its test accuracy after pruning measured. */
    public CurvePoint withAccuracyAfterPrune(double test) {
        return new CurvePoint(threshold, thresholdKind, accuracyBeforePrune, test, filtersBefore, filtersAfter,
                paramsBefore, paramsAfter, flopsBefore, flopsAfter, accuracyAfterFinetune, valAccuracyBeforePrune,
                valAccuracyAfterPrune, valAccuracyAfterFinetune);
    }

    /** This point with the accuracies of its fine-tuned model (validation null without a validation split). */
    public CurvePoint withFinetuned(double test, Double validation) {
        return new CurvePoint(threshold, thresholdKind, accuracyBeforePrune, accuracyAfterPrune, filtersBefore,
                filtersAfter, paramsBefore, paramsAfter, flopsBefore, flopsAfter, test, valAccuracyBeforePrune,
                valAccuracyAfterPrune, validation);
    }

    /** Units per layer as the tables write them: "20-50". */
    public static String join(Map<String, Integer> units) {
        return units.values().stream().map(String::valueOf).collect(Collectors.joining("-"));
    }
}
