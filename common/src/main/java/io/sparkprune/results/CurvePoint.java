package io.sparkprune.results;

import java.io.Serializable;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One point of a trained model's accuracy-vs-size curve: the model pruned at one threshold, no
 * retraining (and, when asked for, its accuracy after fine-tuning). What the pruning pipeline
 * produces per threshold; serializable because grid-parallel sweep tasks return it to the driver.
 *
 * @param filtersBefore units per prunable layer, joined as in the tables ("20-50")
 * @param accuracyAfterFinetune null when the run did not fine-tune
 */
public record CurvePoint(double threshold, double accuracyBeforePrune, double accuracyAfterPrune,
                         String filtersBefore, String filtersAfter, long paramsBefore, long paramsAfter,
                         long flopsBefore, long flopsAfter, Double accuracyAfterFinetune) implements Serializable {

    /** Units per layer as the tables write them: "20-50". */
    public static String join(Map<String, Integer> units) {
        return units.values().stream().map(String::valueOf).collect(Collectors.joining("-"));
    }
}
