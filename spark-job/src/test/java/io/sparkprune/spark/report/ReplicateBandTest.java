package io.sparkprune.spark.report;

import io.sparkprune.results.CurvePoint;
import io.sparkprune.results.Estimate;
import io.sparkprune.results.ResultColumns;
import io.sparkprune.results.ResultRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicateBandTest {
    private static ResultRecord row(int replicate, long params, double val) {
        return new ResultRecord(0, "s" + replicate, "s", replicate, ResultRecord.OK, "",
                Map.of(ResultColumns.REGULARIZER_TYPE, "l1", ResultColumns.REGULARIZER_LAMBDA, 0.1), 0.1,
                CurvePoint.CUT, 0.9, 0.9, 0.9, val, "1-1", "1-1", 1000L, params, 1000L, params, 1.0, null, null);
    }

    @Test
    void eachReplicateContributesItsBestAccuracyAtMostThatSize() {
        List<ResultRecord> rows = List.of(row(0, 100, 0.80), row(0, 200, 0.90), row(0, 400, 0.95),
                row(1, 150, 0.85), row(1, 400, 0.97), row(1, 300, 0.93));
        ReplicateBand band = ReplicateBand.of(rows, r -> r.paramsAfter(), ResultRecord::valAccuracyAfterPrune, 10);
        // at 100 replicate 1 has no model yet: no point; at 150: 0.80 and 0.85; at 200: 0.90, 0.85; 300: 0.90, 0.93
        assertEquals(List.of(150.0, 200.0, 300.0, 400.0), band.points().stream().map(ReplicateBand.Point::size).toList());
        assertEquals(Estimate.of(0.80, 0.85), band.points().get(0).accuracy());
        assertEquals(Estimate.of(0.90, 0.85), band.points().get(1).accuracy());
        assertEquals(Estimate.of(0.90, 0.93), band.points().get(2).accuracy());
        assertEquals(Estimate.of(0.95, 0.97), band.points().get(3).accuracy());
        assertTrue(ReplicateBand.of(rows.subList(0, 3), r -> r.paramsAfter(), ResultRecord::valAccuracyAfterPrune, 10)
                .points().isEmpty(), "one replicate: no band");
        assertEquals(List.of(150.0, 400.0), ReplicateBand.of(rows, r -> r.paramsAfter(),
                ResultRecord::valAccuracyAfterPrune, 2).points().stream().map(ReplicateBand.Point::size).toList(), "bins cap the points: the first size every replicate reaches, and the largest");
    }
}
