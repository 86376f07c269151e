package io.sparkprune.halving;

import io.sparkprune.results.CurvePoint;
import io.sparkprune.results.ResultRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FullGridComparisonTest {

    /**
     * A point's two rows (unpruned at 1000 params, pruned to {@code prunedParams} at validation
     * accuracy {@code prunedVal}); {@code rung} null in a full grid.
     */
    private static List<ResultRecord> point(String id, int replicate, String status, String reg, double lambda,
                                            double prunedVal, long prunedParams, Integer rung, int epochs) {
        return point(id, replicate, status, reg, lambda, prunedVal, prunedParams, rung, epochs, 0.5);
    }

    /** The same with the pruned row's cut point at {@code cut}. */
    private static List<ResultRecord> point(String id, int replicate, String status, String reg, double lambda,
                                            double prunedVal, long prunedParams, Integer rung, int epochs,
                                            double cut) {
        Map<String, Object> config = Map.of("regularizer_type", reg, "regularizer_lambda", lambda, "train_epochs", 6,
                "sweep_halving_min_epochs", 1, "sweep_halving_eta", 3);
        String setting = reg + lambda;
        return List.of(
                new ResultRecord(0, id, setting, replicate, status, "", config, 0.0, CurvePoint.GRID, 0.95, 0.95, 0.95,
                        0.95, "10", "10", 1000L, 1000L, 1L, 1L, 10.0 * epochs, null, null, rung, epochs),
                new ResultRecord(0, id, setting, replicate, status, "", config, cut, CurvePoint.GRID, 0.95, 0.95, 0.95,
                        prunedVal, "10", "5", 1000L, prunedParams, 1L, 1L, 10.0 * epochs, null, null, rung, epochs));
    }

    /**
     * Baseline and two l1 lambdas in two replicates; l1 at 0.1 prunes to 200 params within the
     * floors, at 0.01 to 400. Halving stopped 0.1 at rung 0 (its rung-0 rows were worse), so its l1
     * picks come from 0.01: no same pick, params ratio 2 in both replicates. l2 kept its winner.
     */
    private static List<List<ResultRecord>> sweeps() {
        List<ResultRecord> full = new ArrayList<>();
        List<ResultRecord> halving = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            full.addAll(point("base" + r, r, ResultRecord.OK, "none", 0, 0.90, 500, null, 6));
            full.addAll(point("a" + r, r, ResultRecord.OK, "l1", 0.1, 0.9495, 200, null, 6));
            full.addAll(point("b" + r, r, ResultRecord.OK, "l1", 0.01, 0.9499, 400, null, 6));
            full.addAll(point("c" + r, r, ResultRecord.OK, "l2", 0.01, 0.9498, 300, null, 6));
            halving.addAll(point("base" + r, r, ResultRecord.OK, "none", 0, 0.90, 500, 2, 6));
            halving.addAll(point("a" + r, r, ResultRecord.STOPPED, "l1", 0.1, 0.80, 200, 0, 1));
            halving.addAll(point("b" + r, r, ResultRecord.OK, "l1", 0.01, 0.9499, 400, 2, 6));
            halving.addAll(point("c" + r, r, ResultRecord.OK, "l2", 0.01, 0.9498, 300, 2, 6));
        }
        return List.of(halving, full);
    }

    @Test
    void comparesEachRegularizersSmallestModelsPairedOverReplicatesAndCountsTheFrontAndEpochs() {
        List<List<ResultRecord>> s = sweeps();
        FullGridComparison c = FullGridComparison.of(s.get(0), s.get(1));
        assertEquals(0.95, c.baselineAccuracy(), 1e-12);
        FullGridComparison.Floor halfPoint = c.floors().get(1);
        assertEquals(0.945, halfPoint.floor(), 1e-12);
        FullGridComparison.Row l1 = halfPoint.rows().stream().filter(r -> r.regularizer().equals("l1")).findFirst()
                .orElseThrow();
        assertEquals(0, l1.samePicks());
        assertEquals(200, l1.full().picked().get(0).paramsAfter());
        assertEquals(400, l1.halving().picked().get(0).paramsAfter());
        assertEquals(Math.log(2), l1.logRatio().orElseThrow().mean(), 1e-12);
        assertEquals(2, l1.logRatio().orElseThrow().n());
        FullGridComparison.Row l2 = halfPoint.rows().stream().filter(r -> r.regularizer().equals("l2")).findFirst()
                .orElseThrow();
        assertEquals(2, l2.samePicks());
        assertEquals(0, l2.logRatio().orElseThrow().mean(), 1e-12);
        // the full grid's front: 200 params (0.9495), 300 (0.9498), 400 (0.9499), 1000 (0.95), one model
        // each (of equal ones the first); halving finished all but the 200-params one
        assertEquals(4, c.frontSize());
        assertEquals(3, c.frontKept());
        assertEquals(4 * 2 * 6, c.fullEpochs());
        assertEquals(3 * 2 * 6 + 2, c.halvingEpochs());
        assertEquals((3 * 2 * 6 + 2) / 48.0, c.epochFraction(), 1e-12);
        assertEquals(480, c.fullTrainSeconds(), 1e-9);
        assertEquals(380, c.halvingTrainSeconds(), 1e-9);
    }

    /**
     * Two runs of one point reach the same network at cut points that differ in the last bits when
     * their builds round differently: still the same pick, and still the full grid's front model.
     */
    @Test
    void theSameNetworkOfTheSamePointIsTheSamePickWhereverItsCutPointFell() {
        List<List<ResultRecord>> s = sweeps();
        List<ResultRecord> halving = new ArrayList<>(s.get(0).stream().filter(r -> !r.pointId().startsWith("c")).toList());
        for (int r = 0; r < 2; r++) {
            halving.addAll(point("c" + r, r, ResultRecord.OK, "l2", 0.01, 0.9498, 300, 2, 6, 0.5 + 1e-9));
        }
        FullGridComparison c = FullGridComparison.of(halving, s.get(1));
        FullGridComparison.Row l2 = c.floors().get(1).rows().stream().filter(r -> r.regularizer().equals("l2"))
                .findFirst().orElseThrow();
        assertEquals(2, l2.samePicks());
        assertEquals(3, c.frontKept());
    }

    @Test
    void refusesTablesThatAreNotAHalvingSweepAndItsFullGrid() {
        List<List<ResultRecord>> s = sweeps();
        assertTrue(FullGridComparison.problem(s.get(0), s.get(1)).isEmpty());
        assertTrue(FullGridComparison.problem(s.get(1), s.get(1)).orElseThrow().contains("no halving sweep"));
        assertTrue(FullGridComparison.problem(s.get(0), s.get(0)).orElseThrow().contains("halving sweep too"));
        List<ResultRecord> other = new ArrayList<>(s.get(0));
        other.addAll(point("z", 0, ResultRecord.OK, "l1", 0.5, 0.9, 100, 2, 6));
        assertTrue(FullGridComparison.problem(other, s.get(1)).orElseThrow().contains("[z]"));
    }
}
