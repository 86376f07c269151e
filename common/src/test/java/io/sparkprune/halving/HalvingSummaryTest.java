package io.sparkprune.halving;

import io.sparkprune.results.CurvePoint;
import io.sparkprune.results.ResultRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalvingSummaryTest {
    private static final Map<String, Object> CONFIG = Map.of("regularizer_type", "l1", "regularizer_lambda", 0.001,
            "train_epochs", 6, "sweep_halving_min_epochs", 1, "sweep_halving_eta", 3);

    /** Two threshold rows of a point with this status, measured at {@code rung} after {@code epochs} epochs. */
    private static List<ResultRecord> point(int index, String status, Integer rung, Integer epochs) {
        List<ResultRecord> rows = new ArrayList<>();
        for (double t : List.of(0.0, 0.5)) {
            rows.add(new ResultRecord(index, "p" + index, "p" + index, 0, status, status.equals("ok") ? "" : "why " + index,
                    CONFIG, t, CurvePoint.GRID, 0.9, 0.9, 0.9, 0.9, "6-16", "6-16", 100L, 50L, 1L, 1L, 1.0, null, null,
                    rung, epochs));
        }
        return rows;
    }

    /**
     * Rungs 1, 3, 6: six points measured at rung 0, three stopped there, one failed there (during
     * its first epoch); two measured at rung 1, one stopped; one finished. Epochs: 3 x 1 + 1 (failed,
     * counted at its rung) + 3 + 6 = 13 of 36.
     */
    @Test
    void countsEachRungsPointsAndTheEpochsAgainstAFullGrid() {
        List<ResultRecord> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.addAll(point(i, ResultRecord.STOPPED, 0, 1));
        }
        rows.addAll(point(3, ResultRecord.FAILED, 0, null));
        rows.addAll(point(4, ResultRecord.STOPPED, 1, 3));
        rows.addAll(point(5, ResultRecord.OK, 2, 6));
        HalvingSummary s = HalvingSummary.of(rows).orElseThrow();
        assertEquals(List.of(1, 3, 6), s.rungs());
        assertEquals(List.of(new HalvingSummary.Rung(0, 1, 6, 3, 1, 2), new HalvingSummary.Rung(1, 3, 2, 1, 0, 1),
                new HalvingSummary.Rung(2, 6, 1, 0, 0, 0)), s.perRung());
        assertEquals(List.of("p0", "p1", "p2", "p4"), s.stoppedPoints().stream().map(ResultRecord::pointId).toList());
        assertEquals(13, s.epochsTrained());
        assertEquals(36, s.fullGridEpochs());
    }

    @Test
    void aFullSweepHasNoSummary() {
        assertTrue(HalvingSummary.of(point(0, ResultRecord.OK, null, 6)).isEmpty());
    }
}
