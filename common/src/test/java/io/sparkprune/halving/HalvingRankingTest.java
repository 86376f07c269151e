package io.sparkprune.halving;

import io.sparkprune.results.CurvePoint;
import io.sparkprune.results.ResultColumns;
import io.sparkprune.results.ResultRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rung decisions of {@link HalvingRanking} on hand-worked measurements. */
class HalvingRankingTest {

    /** A point's row at one grid threshold: its validation accuracy and params kept (unpruned: 0.9). */
    private static ResultRecord row(int index, String setting, String type, double val, long params) {
        return row(index, 0, setting, type, 0.9, val, params);
    }

    /** Replicate {@code replicate}'s row, its unpruned model at {@code unpruned} validation accuracy. */
    private static ResultRecord row(int index, int replicate, String setting, String type, double unpruned, double val,
                                    long params) {
        return new ResultRecord(index, setting + "-p" + index + "-r" + replicate, setting, replicate, ResultRecord.OK,
                "", Map.of(ResultColumns.REGULARIZER_TYPE, type, ResultColumns.REGULARIZER_LAMBDA, 0.001), 0.1,
                CurvePoint.GRID, 0.9, 0.9, unpruned, val, "6-16", "6-16", 1000L, params, 1L, 1L, 1.0, null, null);
    }

    private static List<String> order(RungDecision d, String type) {
        return d.verdicts().stream().filter(v -> v.regularizer().equals(type)).map(SettingVerdict::setting).toList();
    }

    /**
     * l1: a (0.98 at 100, 0.97 at 50) dominates b (0.96 at 100, 0.95 at 80): a is front 1, b front 2;
     * c (0.90 at 10) is below the floor 0.98 - 0.05 = 0.93: no front. eta 3 keeps ceil(3/3) = 1: a.
     * eta 2 keeps 2: a and b. The lone l2 setting d (below the floor) always goes on.
     */
    @Test
    void dominatedAndCollapsedSettingsRankLastAndEachTypeKeepsCeilNOverEta() {
        List<ResultRecord> rows = List.of(row(0, "a", "l1", 0.98, 100), row(0, "a", "l1", 0.97, 50),
                row(1, "b", "l1", 0.96, 100), row(1, "b", "l1", 0.95, 80),
                row(2, "c", "l1", 0.90, 10), row(3, "d", "l2", 0.91, 100));
        RungDecision three = HalvingRanking.decide(0, 1, rows, 3);
        assertEquals(0.93, three.floor(), 1e-12);
        assertEquals(List.of("a", "b", "c"), order(three, "l1"));
        assertEquals(List.of(1, 2, SettingVerdict.NO_FRONT),
                three.verdicts().stream().filter(v -> v.regularizer().equals("l1")).map(SettingVerdict::front).toList());
        assertEquals(Set.of("a", "d"), three.keptSettings());
        assertEquals(Set.of("a", "b", "d"), HalvingRanking.decide(0, 1, rows, 2).keptSettings());
        String reason = three.of("c").orElseThrow().reason(0, 1);
        assertTrue(reason.contains("rank 3 of 3 l1 settings, 1 kept") && reason.contains("no model within the floor"),
                reason);
    }

    /**
     * Both ends of the trade-off are on front 1: e (0.99 at 100), f (0.95 at 20) and g (0.96 at 30);
     * h (0.955 at 100) is dominated. No baseline here: the best unpruned setting's 0.9 is the reference,
     * every model is within 1 pt of it, and the fewest params there break the tie: f, g, e. With 4
     * settings and eta 3, ceil(4/3) = 2 go on.
     */
    @Test
    void settingsOnTheSameFrontRankByTheirSmallestModelsAtTheSelectionFloor() {
        List<ResultRecord> rows = List.of(row(0, "f", "l1", 0.95, 20), row(1, "e", "l1", 0.99, 100),
                row(2, "g", "l1", 0.96, 30), row(3, "h", "l1", 0.955, 100));
        RungDecision d = HalvingRanking.decide(1, 3, rows, 3);
        assertEquals(0.89, d.selectionFloor(), 1e-12);
        assertEquals(List.of("f", "g", "e", "h"), order(d, "l1"));
        assertEquals(List.of(1, 1, 1, 2), d.verdicts().stream().map(SettingVerdict::front).toList());
        assertEquals(Set.of("f", "g"), d.keptSettings());
    }

    /**
     * The selection floor hangs from the baseline: none's two replicates are unpruned at 0.98 and
     * 0.99, so models count from 0.985 - 0.01 = 0.975. Of l1's settings on front 1, w is the most
     * accurate (0.99 at 900) and s (0.976 at 300, 0.980 at 200) reaches the floor in both replicates
     * with fewer params: s goes first. x (0.97 at 40) reaches it in no replicate: last of the front,
     * although smallest; y (0.975 at 50) reaches it in one replicate of two and ranks behind w, which
     * reaches it in both. All four are on front 1.
     */
    @Test
    void theTieBreakCountsReplicatesWithin1PtOfTheBaselineThenTheirMeanParams() {
        List<ResultRecord> rows = List.of(
                row(0, 0, "base", "none", 0.98, 0.98, 1000), row(0, 1, "base", "none", 0.99, 0.99, 1000),
                row(1, 0, "w", "l1", 0.99, 0.99, 900), row(1, 1, "w", "l1", 0.99, 0.985, 900),
                row(2, 0, "s", "l1", 0.98, 0.976, 300), row(2, 1, "s", "l1", 0.98, 0.98, 200),
                row(3, 0, "x", "l1", 0.97, 0.97, 40), row(3, 1, "x", "l1", 0.97, 0.97, 40),
                row(4, 0, "y", "l1", 0.99, 0.975, 50), row(4, 1, "y", "l1", 0.96, 0.96, 50));
        RungDecision d = HalvingRanking.decide(0, 1, rows, 3);
        assertEquals(0.975, d.selectionFloor(), 1e-12);
        assertEquals(List.of("s", "w", "y", "x"), order(d, "l1"));
        assertTrue(d.verdicts().stream().allMatch(v -> v.front() == 1), d.toCsv());
        SettingVerdict s = d.of("s").orElseThrow();
        assertEquals(2, s.replicatesAtSelectionFloor());
        assertEquals(250, s.meanParamsAtSelectionFloor(), 1e-12);
        assertEquals(0, d.of("x").orElseThrow().replicatesAtSelectionFloor());
        assertEquals(Set.of("base", "s", "w"), d.keptSettings(), "ceil(4 / 3) = 2 of l1's settings");
        assertTrue(d.of("x").orElseThrow().reason(0, 1).contains("no replicate within 1.0 pt of the baseline"));
        assertTrue(s.reason(0, 1).contains("2 replicate(s) within 1.0 pt of the baseline at 250 params"));
    }

    /** Equal measurements: the setting whose first point comes first in the grid ranks first. */
    @Test
    void exactTiesGoToTheEarlierGridPoint() {
        List<ResultRecord> rows = List.of(row(5, "late", "ssl", 0.97, 40), row(2, "early", "ssl", 0.97, 40));
        RungDecision d = HalvingRanking.decide(0, 1, rows, 2);
        assertEquals(List.of("early", "late"), order(d, "ssl"));
        assertEquals(Set.of("early"), d.keptSettings());
    }

    /**
     * Replicates of a setting pool their rows and share one verdict: s's replicate 1 reaches the
     * front (0.985 at 60) although its replicate 0 alone would rank behind t.
     */
    @Test
    void replicatesOfASettingAreRankedTogether() {
        List<ResultRecord> rows = new ArrayList<>(List.of(row(0, "s", "l1", 0.97, 100), row(1, "t", "l1", 0.98, 90)));
        ResultRecord replicate = row(2, "s", "l1", 0.985, 60);
        rows.add(new ResultRecord(2, "s-r1", "s", 1, ResultRecord.OK, "", replicate.config(), 0.1, CurvePoint.GRID,
                0.9, 0.9, 0.9, 0.985, "6-16", "6-16", 1000L, 60L, 1L, 1L, 1.0, null, null));
        RungDecision d = HalvingRanking.decide(0, 1, rows, 2);
        assertEquals(List.of("s", "t"), order(d, "l1"));
        assertEquals(Set.of("s"), d.keptSettings());
    }

    /** Cut rows, failed rows and rows without a validation accuracy do not take part. */
    @Test
    void onlySuccessfulGridRowsWithValidationAccuracyCount() {
        ResultRecord cut = row(0, "a", "l1", 0.99, 5);
        ResultRecord cutRow = new ResultRecord(0, "a", "a", 0, ResultRecord.OK, "", cut.config(), 0.3, CurvePoint.CUT,
                0.9, 0.9, 0.9, 0.99, "6-16", "1-1", 1000L, 5L, 1L, 1L, 1.0, null, null);
        List<ResultRecord> rows = List.of(cutRow, row(0, "a", "l1", 0.90, 100), row(1, "b", "l1", 0.95, 100));
        RungDecision d = HalvingRanking.decide(0, 1, rows, 2);
        assertEquals(List.of("b", "a"), order(d, "l1"), "a's cut row (0.99 at 5) is not one of its grid models");
        assertThrows(IllegalArgumentException.class, () -> HalvingRanking.decide(0, 1, List.of(cutRow), 2));
    }

    @Test
    void dominanceNeedsOneStrictImprovement() {
        ResultRecord a = row(0, "a", "l1", 0.97, 50);
        assertFalse(HalvingRanking.dominates(a, a));
        assertTrue(HalvingRanking.dominates(a, row(1, "b", "l1", 0.97, 51)));
        assertTrue(HalvingRanking.dominates(a, row(1, "b", "l1", 0.96, 50)));
        assertFalse(HalvingRanking.dominates(a, row(1, "b", "l1", 0.98, 60)));
    }

    @Test
    void theDecisionTableListsEveryVerdict() {
        RungDecision d = HalvingRanking.decide(2, 9, List.of(row(0, "a", "l1", 0.98, 10), row(1, "b", "l1", 0.97, 20)), 2);
        List<String> lines = d.toCsv().lines().toList();
        assertEquals(RungDecision.HEADER, lines.get(0));
        assertEquals("2,9,0.930000,0.890000,l1,a,0,1,1,10.0,0.980000,1,2,1,continue", lines.get(1));
        assertEquals("2,9,0.930000,0.890000,l1,b,1,2,1,20.0,0.970000,2,2,1,stop", lines.get(2));
    }
}
