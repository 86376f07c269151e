package io.sparkprune.results;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstimateTest {
    @Test
    void tIntervalOfOneToFiveMatchesTheHandComputation() {
        // mean 3, sample variance 2.5, t(0.975, 4) = 2.7764451: 3 +- 2.7764451 * sqrt(2.5 / 5)
        Estimate e = Estimate.of(1, 2, 3, 4, 5);
        assertEquals(3, e.mean(), 1e-12);
        assertEquals(2.7764451 * Math.sqrt(2.5 / 5), e.halfWidth(), 1e-6);
        assertEquals(5, e.n());
        assertEquals("3.00 ± 1.96", e.format("%.2f"));
    }

    @Test
    void tQuantilesMatchPublishedTables() {
        assertEquals(12.7062047, StudentT.twoSidedQuantile(0.95, 1), 1e-6);
        assertEquals(4.3026527, StudentT.twoSidedQuantile(0.95, 2), 1e-6);
        assertEquals(2.0452296, StudentT.twoSidedQuantile(0.95, 29), 1e-6);
        assertEquals(2.5758293, StudentT.twoSidedQuantile(0.99, 100000), 1e-3, "tends to the normal quantile");
        assertThrows(IllegalArgumentException.class, () -> StudentT.twoSidedQuantile(0.95, 0));
    }

    @Test
    void oneValueHasNoIntervalAndNoSide() {
        Estimate e = Estimate.of(0.98);
        assertFalse(e.hasInterval());
        assertEquals(0, e.side(0.5), "no interval: no claim either way");
        assertEquals("0.9800", e.format("%.4f"));
    }

    @Test
    void sideTellsWhereTheIntervalLies() {
        Estimate e = Estimate.of(1, 2, 3, 4, 5); // 1.04 .. 4.96
        assertEquals(1, e.side(1.0));
        assertEquals(0, e.side(1.1));
        assertEquals(-1, e.side(5.0));
        assertTrue(Estimate.of(2, 2, 2).hasInterval(), "identical values: a zero-width interval");
        assertEquals(0, Estimate.of(2, 2, 2).halfWidth());
    }
}
