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

    /** A point's row at one grid threshold: its validation accuracy and params kept. */
    private static ResultRecord row(int index, String setting, String type, double val, long params) {
        return new ResultRecord(index, setting + "-p" + index, setting, 0, ResultRecord.OK, "",
                Map.of(ResultColumns.REGULARIZER_TYPE, type, ResultColumns.REGULARIZER_LAMBDA, 0.001), 0.1,
                CurvePoint.GRID, 0.9, 0.9, 0.9, val, "6-16", "6-16", 1000L, params, 1L, 1L, 1.0, null, null);
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
     * Both ends of the trade-off are worth training: e (0.99 at 100) and f (0.95 at 20) are both on
     * front 1; g (0.96 at 30) is dominated by neither (front 1 too). Within the front, best
     * validation accuracy breaks the tie: e, g, f. With 4 settings and eta 3, ceil(4/3) = 2 go on.
     */
    @Test
    void settingsOnTheSameFrontRankByBestValidationAccuracy() {
        List<ResultRecord> rows = List.of(row(0, "f", "l1", 0.95, 20), row(1, "e", "l1", 0.99, 100),
                row(2, "g", "l1", 0.96, 30), row(3, "h", "l1", 0.955, 100));
        RungDecision d = HalvingRanking.decide(1, 3, rows, 3);
        assertEquals(List.of("e", "g", "f", "h"), order(d, "l1"));
        assertEquals(List.of(1, 1, 1, 2), d.verdicts().stream().map(SettingVerdict::front).toList());
        assertEquals(Set.of("e", "g"), d.keptSettings());
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
        assertEquals("2,9,0.930000,l1,a,0,1,0.980000,1,2,1,continue", lines.get(1));
        assertEquals("2,9,0.930000,l1,b,1,2,0.970000,2,2,1,stop", lines.get(2));
    }
}
