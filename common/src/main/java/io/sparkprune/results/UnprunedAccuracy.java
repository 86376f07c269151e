package io.sparkprune.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One setting's accuracy before pruning over its replicates (each replicate's model counted once,
 * whatever its number of threshold rows).
 *
 * @param validation null when the rows have no validation accuracy
 */
public record UnprunedAccuracy(String settingId, String regularizer, double lambda, Estimate test,
                               Estimate validation) {

    /** From the rows of one setting. */
    static UnprunedAccuracy of(List<ResultRecord> settingRows, SelectionBasis basis) {
        Map<Integer, ResultRecord> oneRowPerReplicate = new TreeMap<>();
        settingRows.forEach(r -> oneRowPerReplicate.putIfAbsent(r.replicate(), r));
        List<ResultRecord> models = new ArrayList<>(oneRowPerReplicate.values());
        ResultRecord first = models.get(0);
        return new UnprunedAccuracy(first.setting(), first.regularizer(), first.lambda(),
                Estimate.of(models.stream().mapToDouble(ResultRecord::accuracyBeforePrune).toArray()),
                basis == SelectionBasis.VALIDATION
                        ? Estimate.of(models.stream().mapToDouble(basis::unpruned).toArray()) : null);
    }

    /** The estimate on {@code basis}. */
    public Estimate on(SelectionBasis basis) {
        return basis == SelectionBasis.VALIDATION ? validation : test;
    }
}
