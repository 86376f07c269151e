package io.sparkprune.results;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holm's step-down procedure on comparisons of 3 paired replicates (t with 2 degrees of freedom,
 * where the two-sided p-value has the closed form p = 1 - t / sqrt(2 + t^2)).
 */
class HolmComparisonsTest {
    /** t(0.975, 2): an estimate with standard error 1 has this 95% half-width. */
    private static final double T95_DF2 = 4.302652729911275;

    /** A comparison whose log ratio is {@code t} standard errors below 0 (A smaller). */
    private static PairedDifference comparison(String a, double t) {
        return new PairedDifference(a, "ref", Optional.of(new Estimate(-t, T95_DF2, 3)), Estimate.CONFIDENCE);
    }

    /** The t giving two-sided p with 2 degrees of freedom: solves p = 1 - t / sqrt(2 + t^2). */
    private static double tFor(double p) {
        double r = (1 - p) * (1 - p);
        return Math.sqrt(2 * r / (1 - r));
    }

    @Test
    void pValuesFollowTheClosedFormOfTwoDegreesOfFreedom() {
        for (double p : new double[]{0.0025, 0.01, 0.03, 0.04, 0.2}) {
            assertEquals(p, comparison("x", tFor(p)).pValue(), 1e-9);
        }
    }

    @Test
    void everyStepPassesWhereBonferroniWouldStopEarly() {
        // p = 0.0025, 0.01, 0.0377 against 0.05/3, 0.05/2, 0.05/1: all three are claims; Bonferroni
        // (0.05/3 for all) would drop the third
        List<PairedDifference> adjusted = HolmComparisons.adjust(List.of(comparison("c", tFor(0.0377)),
                comparison("a", tFor(0.0025)), comparison("b", tFor(0.01))), 0.05);
        assertEquals(List.of(PairedDifference.Verdict.A_SMALLER, PairedDifference.Verdict.A_SMALLER,
                PairedDifference.Verdict.A_SMALLER), adjusted.stream().map(PairedDifference::verdict).toList());
        assertEquals(1 - 0.05, adjusted.get(0).confidence(), 1e-12, "third step: alpha / 1");
        assertEquals(1 - 0.05 / 3, adjusted.get(1).confidence(), 1e-12, "first step: alpha / 3");
        assertEquals(1 - 0.05 / 2, adjusted.get(2).confidence(), 1e-12, "second step: alpha / 2");
        assertTrue(adjusted.get(1).statement().contains("98.33% interval"), adjusted.get(1).statement());
    }

    @Test
    void theFirstFailingStepStopsTheProcedure() {
        // p = 0.0025 passes 0.05/3; 0.03 fails 0.05/2, so 0.04 is no claim although it is below 0.05/1
        List<PairedDifference> adjusted = HolmComparisons.adjust(List.of(comparison("a", tFor(0.0025)),
                comparison("b", tFor(0.03)), comparison("c", tFor(0.04))), 0.05);
        assertEquals(List.of(PairedDifference.Verdict.A_SMALLER, PairedDifference.Verdict.NO_DIFFERENCE,
                PairedDifference.Verdict.NO_DIFFERENCE), adjusted.stream().map(PairedDifference::verdict).toList());
        assertEquals(1 - 0.05 / 2, adjusted.get(2).confidence(), 1e-12, "decided at the failing step's level");
        // alone, at 95%, the last one would have been a claim: the family is what makes it none
        assertEquals(PairedDifference.Verdict.A_SMALLER, comparison("c", tFor(0.04)).verdict());
        assertTrue(adjusted.get(2).statement().contains("no significant difference")
                && adjusted.get(2).statement().contains("97.5% interval"), adjusted.get(2).statement());
    }

    @Test
    void comparisonsWithTooFewPairsAreLeftOutOfTheFamily() {
        PairedDifference one = new PairedDifference("d", "ref", Optional.of(Estimate.of(-1.0)), Estimate.CONFIDENCE);
        List<PairedDifference> adjusted = HolmComparisons.adjust(List.of(one, comparison("a", tFor(0.03))), 0.05);
        assertEquals(PairedDifference.Verdict.TOO_FEW_REPLICATES, adjusted.get(0).verdict());
        assertEquals(PairedDifference.Verdict.A_SMALLER, adjusted.get(1).verdict(), "a family of one: alpha / 1");
    }
}
