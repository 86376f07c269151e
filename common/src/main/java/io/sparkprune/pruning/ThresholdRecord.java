package io.sparkprune.pruning;

import java.io.Serializable;
import java.util.Map;

/**
 * One point of the accuracy-vs-size curve: a trained model pruned at one threshold, no retraining.
 * Serializable because grid-parallel sweep tasks return their curves to the driver.
 */
public record ThresholdRecord(double threshold, Map<String, Integer> unitsBefore, Map<String, Integer> unitsAfter,
                              long paramsBefore, long paramsAfter, long macsBefore, long macsAfter,
                              double accuracy) implements Serializable {

    /** Filters per layer as "20-50". */
    public static String join(Map<String, Integer> units) {
        return String.join("-", units.values().stream().map(String::valueOf).toList());
    }
}
