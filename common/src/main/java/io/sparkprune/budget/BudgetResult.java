package io.sparkprune.budget;

import io.sparkprune.results.CurvePoint;

/**
 * A budget search's choice and its row in the curve's columns: test accuracy measured for the
 * chosen model only, after the search.
 */
public record BudgetResult(BudgetChoice choice, CurvePoint point) {
    /** The row's {@code threshold_kind}; its {@code threshold} is NaN (one per layer instead). */
    public static final String KIND = "budget";
}
