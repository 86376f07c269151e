package io.sparkprune.results;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A setting's summary counts each replicate's model once and each grid threshold over the replicates. */
class SettingSummaryTest {

    /** Replicate r of a setting: trained 100 + 10 r seconds over 4 epochs; cut rows between the grid thresholds. */
    private static List<ResultRecord> setting(String reg, double lambda, boolean finetuned) {
        List<ResultRecord> rows = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            double valBefore = 0.90 + 0.01 * r;
            for (double t : new double[] {0.05, 0.07, 0.1}) {
                boolean grid = t != 0.07;
                long params = Math.round(1000 * (1 - 2 * t)) - 10L * r;
                double val = valBefore - t / 10 - (grid ? 0 : 0.5); // a cut row far off, to show it is left out
                rows.add(new ResultRecord(0, reg + lambda + "-" + r, reg + lambda, r, ResultRecord.OK, "",
                        Map.of(ResultColumns.REGULARIZER_TYPE, reg, ResultColumns.REGULARIZER_LAMBDA, lambda), t,
                        grid ? CurvePoint.GRID : CurvePoint.CUT, 0.8 + 0.01 * r, 0.8, valBefore, val,
                        "10-20", (5 + r) + "-" + (10 - r), 1000L, params, 9000L, params * 9, 100.0 + 10 * r,
                        finetuned && grid ? 0.81 : null, finetuned && grid ? val + 0.002 * r : null)
                        .withSchedule(ResultRecord.OK, "", null, 4));
            }
        }
        return rows;
    }

    @Test
    void summarisesEachSettingOverItsReplicatesAtTheGridThresholdsOnly() {
        List<ResultRecord> rows = new ArrayList<>(setting("l1", 0.1, true));
        rows.addAll(setting("none", 0, false));
        List<SettingSummary> summaries = SettingSummary.of(rows, SelectionBasis.VALIDATION);

        assertEquals(List.of("l1", "none"), summaries.stream().map(s -> s.unpruned().regularizer()).toList());
        SettingSummary l1 = summaries.get(0);
        assertEstimate(Estimate.of(0.90, 0.91, 0.92), l1.unpruned().validation());
        assertEstimate(Estimate.of(0.80, 0.81, 0.82), l1.unpruned().test());
        assertEquals(List.of(25.0, 27.5, 30.0), l1.secondsPerEpoch());

        assertEquals(List.of(0.05, 0.1), l1.thresholds().stream().map(SettingSummary.AtThreshold::threshold).toList());
        SettingSummary.AtThreshold at = l1.thresholds().get(1);
        assertEstimate(Estimate.of(15, 15, 15), at.filters());
        assertEstimate(Estimate.of(800, 790, 780), at.params());
        assertEstimate(Estimate.of(0.89, 0.90, 0.91), at.accuracy());
        assertEstimate(Estimate.of(0.89, 0.902, 0.914), at.finetuned());
        assertNull(summaries.get(1).thresholds().get(0).finetuned(), "none was not fine-tuned");
    }

    @Test
    void withoutEpochsThereIsNoTimePerEpoch() {
        List<ResultRecord> rows = setting("l2", 0.01, false).stream()
                .map(r -> r.withSchedule(ResultRecord.OK, "", null, null)).toList();
        assertEquals(List.of(), SettingSummary.of(rows, SelectionBasis.VALIDATION).get(0).secondsPerEpoch());
    }

    @Test
    void onTestAccuracyTheThresholdsReportTestAccuracy() {
        SettingSummary s = SettingSummary.of(setting("l2", 0.01, false), SelectionBasis.TEST).get(0);
        assertNull(s.unpruned().validation());
        assertEstimate(Estimate.of(0.8, 0.8, 0.8), s.thresholds().get(0).accuracy());
    }

    private static void assertEstimate(Estimate expected, Estimate actual) {
        assertEquals(expected.n(), actual.n());
        assertEquals(expected.mean(), actual.mean(), 1e-12);
        assertEquals(expected.halfWidth(), actual.halfWidth(), 1e-12);
    }
}
