package io.sparkprune.halving;

import io.sparkprune.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalvingRungsTest {
    @Test
    void rungsGrowByEtaAndEndAtTheBudget() {
        assertEquals(List.of(1, 3, 6), HalvingRungs.of(6, 1, 3));
        assertEquals(List.of(1, 3, 9), HalvingRungs.of(9, 1, 3));
        assertEquals(List.of(2, 4, 8, 10), HalvingRungs.of(10, 2, 2));
        assertEquals(List.of(1, 2), HalvingRungs.of(2, 1, 3));
    }

    @Test
    void aFirstRungAtTheBudgetIsRefused() {
        String msg = assertThrows(ConfigException.class, () -> HalvingRungs.of(6, 6, 3)).getMessage();
        assertTrue(msg.contains("sweep.halving.min-epochs") && msg.contains("below train.epochs (6)"), msg);
    }

    @Test
    void eachTypeKeepsCeilNOverEta() {
        assertEquals(3, HalvingRungs.kept(9, 3));
        assertEquals(2, HalvingRungs.kept(4, 3));
        assertEquals(1, HalvingRungs.kept(1, 3));
        assertEquals(0, HalvingRungs.kept(0, 3));
    }

    /**
     * Rungs 1, 3, 6 epochs; l1 has 9 settings, none 1, 2 points each: rung 0 trains 10 x 2 x 1 epochs,
     * rung 1 (3 + 1 alive) x 2 x 2, rung 2 (1 + 1) x 2 x 3: 20 + 16 + 12 = 48 of a full grid's 120.
     */
    @Test
    void epochsLeftFollowTheSurvivors() {
        List<Integer> rungs = HalvingRungs.of(6, 1, 3);
        Map<String, Integer> settings = Map.of("l1", 9, "none", 1);
        assertEquals(48, HalvingRungs.epochsLeft(rungs, 0, settings, 2, 3));
        assertEquals(12, HalvingRungs.epochsLeft(rungs, 2, Map.of("l1", 1, "none", 1), 2, 3));
    }
}
