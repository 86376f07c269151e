package io.sparkprune.budget;

import io.sparkprune.pruning.PrunedNetwork;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link LayerBudgetSearch} chose: a threshold per prunable layer (keyed by layer index, 0 =
 * the layer keeps every unit), the network pruned at them, the validation accuracies before and
 * after, and the sensitivity curves the search was guided by.
 */
public record BudgetChoice(Map<Integer, Double> thresholds, PrunedNetwork pruned, long params,
                           double valAccuracyBefore, double valAccuracy, List<SensitivityPoint> sensitivities) {
    public BudgetChoice {
        thresholds = Collections.unmodifiableMap(new LinkedHashMap<>(thresholds)); // layer order
        sensitivities = List.copyOf(sensitivities);
    }
}
