package io.sparkprune.results;

import java.util.List;

/**
 * Which accuracy the report's selections read: validation accuracy when the table has it, test
 * accuracy only for tables without a validation split (sweeps with {@code data.validation = 0},
 * tables written before it existed). Decided once per table by {@link #of}, never by the caller,
 * so that test accuracy cannot drive a selection while validation accuracies exist.
 */
public enum SelectionBasis {
    VALIDATION("validation accuracy"),
    TEST("test accuracy");

    private final String label;

    SelectionBasis(String label) {
        this.label = label;
    }

    /** Validation when every row carries validation accuracies, else test. */
    public static SelectionBasis of(List<ResultRecord> rows) {
        return !rows.isEmpty() && rows.stream().allMatch(r -> r.valAccuracyAfterPrune() != null
                && r.valAccuracyBeforePrune() != null) ? VALIDATION : TEST;
    }

    /** "validation accuracy" or "test accuracy". */
    public String label() {
        return label;
    }

    /** The row's accuracy after pruning (no retraining), on this basis. */
    public double pruned(ResultRecord r) {
        return this == VALIDATION ? r.valAccuracyAfterPrune() : r.accuracyAfterPrune();
    }

    /** The row's model's accuracy before pruning, on this basis. */
    public double unpruned(ResultRecord r) {
        return this == VALIDATION ? r.valAccuracyBeforePrune() : r.accuracyBeforePrune();
    }

    /** The row's accuracy after fine-tuning on this basis; null when the row was not fine-tuned. */
    public Double finetuned(ResultRecord r) {
        return this == VALIDATION ? r.valAccuracyAfterFinetune() : r.accuracyAfterFinetune();
    }
}
