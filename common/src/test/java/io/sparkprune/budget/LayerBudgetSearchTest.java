package io.sparkprune.budget;

import io.sparkprune.config.PruneRule;
import io.sparkprune.data.DataSplits;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.metrics.ModelCost;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.prunable.PruningException;
import io.sparkprune.pruning.PrunedNetwork;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.results.CurvePoint;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerBudgetSearchTest {
    private static final int LEVELS = 6;
    private static final InputType INPUT = InputType.convolutional(28, 28, 1);
    private static MultiLayerNetwork trained;
    private static ActivationStats stats;
    private static Pruner pruner;
    private static double baseline;

    @BeforeAll
    static void train() {
        trained = BudgetFixtures.trained();
        stats = ActivationStats.over(trained, NetworkTopology.prunableLayers(trained, false),
                BudgetFixtures.DATA.train(), PruningPipeline.INFERENCE_BATCH);
        pruner = new Pruner(trained, stats, PruneRule.RELATIVE, false);
        baseline = validation(trained);
        assertTrue(baseline > 0.8, "trained: " + baseline);
    }

    private static double validation(MultiLayerNetwork net) {
        return validation(net, BudgetFixtures.DATA.validation());
    }

    private static double validation(MultiLayerNetwork net, LabeledImages images) {
        return LocalTrainer.accuracy(net, images, PruningPipeline.INFERENCE_BATCH);
    }

    private static BudgetChoice search(double target) {
        return searchOn(BudgetFixtures.DATA.validation(), target);
    }

    private static BudgetChoice searchOn(LabeledImages images, double target) {
        return new LayerBudgetSearch(pruner, INPUT, n -> validation(n, images),
                Sensitivities.sequential(INPUT, n -> validation(n, images)).of(trained, stats, PruneRule.RELATIVE))
                .search(target, LEVELS);
    }

    @Test
    void theChoiceMeetsTheTargetOnValidationAndIsWhatItsThresholdsCut() {
        double target = baseline - 0.05;
        BudgetChoice choice = search(target);
        PrunedNetwork recut = pruner.prune(choice.thresholds());
        double measured = validation(recut.network());
        assertEquals(measured, choice.valAccuracy(), 0.0);
        assertTrue(measured >= target, measured + " < " + target);
        assertEquals(baseline, choice.valAccuracyBefore(), 0.0);
        assertEquals(ModelCost.of(recut.network(), INPUT).params(), choice.params());
        assertEquals(recut.unitsAfter(), choice.pruned().unitsAfter());
        long unpruned = ModelCost.of(trained, INPUT).params();
        assertTrue(choice.params() < unpruned, "5 points of slack prune something: " + choice.thresholds());
        for (PrunableLayer p : pruner.layers()) {
            double t = choice.thresholds().get(p.index());
            assertTrue(t == 0 || pruner.layerCuts(p, LEVELS).contains(t), p.name() + " at " + t + " is not one of its steps");
        }
        // One curve point per (layer, step), each the network with that layer alone cut.
        int steps = pruner.layers().stream().mapToInt(p -> pruner.layerCuts(p, LEVELS).size()).sum();
        assertEquals(steps, choice.sensitivities().size());
        SensitivityPoint last = choice.sensitivities().get(steps - 1);
        assertEquals(validation(pruner.prune(Map.of(last.layer(), last.threshold())).network()), last.valAccuracy(), 0.0);
    }

    /** At a target any network reaches, every step costs nothing that matters: each layer walks to its last. */
    @Test
    void aTargetEveryNetworkMeetsWalksEveryLayerToItsLastStep() {
        BudgetChoice choice = search(0.05);
        for (PrunableLayer p : pruner.layers()) {
            var cuts = pruner.layerCuts(p, LEVELS);
            assertEquals(cuts.get(cuts.size() - 1), choice.thresholds().get(p.index()), p.name());
        }
        assertTrue(choice.valAccuracy() >= 0.05);
    }

    @Test
    void aTargetAtTheUnprunedAccuracyKeepsItAndOneAboveIsRefused() {
        BudgetChoice choice = search(baseline);
        assertTrue(choice.valAccuracy() >= baseline, "never below the target, even at 0 slack");
        var noise = BudgetFixtures.garbage(BudgetFixtures.DATA.validation(), 5);
        double chance = validation(trained, noise);
        PruningException e = assertThrows(PruningException.class, () -> searchOn(noise, chance + 0.01));
        assertTrue(e.getMessage().contains("below the target"), e.getMessage());
    }

    @Test
    void targetsOutsideZeroToOneAreRefused() {
        for (double bad : new double[]{0, -0.5, 1.01, Double.NaN}) {
            PruningException e = assertThrows(PruningException.class, () -> LayerBudgetSearch.checkTarget(bad));
            assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
        }
        LayerBudgetSearch.checkTarget(1.0);
    }

    /**
     * Test accuracy is measured for the chosen model only: with the test images replaced by noise
     * the search makes the same choices, and only the reported test accuracy moves.
     */
    @Test
    void theTestImagesNeverDriveTheSearch() {
        DataSplits real = BudgetFixtures.DATA;
        DataSplits garbage = new DataSplits(real.train(), real.validation(), BudgetFixtures.garbage(real.test(), 9));
        double target = baseline - 0.05;
        BudgetResult a = budget(real, target);
        BudgetResult b = budget(garbage, target);
        assertEquals(a.choice().thresholds(), b.choice().thresholds());
        assertEquals(a.choice().sensitivities(), b.choice().sensitivities());
        assertEquals(a.point().valAccuracyAfterPrune(), b.point().valAccuracyAfterPrune());
        assertEquals(a.point().filtersAfter(), b.point().filtersAfter());
        assertNotEquals(a.point().accuracyAfterPrune(), b.point().accuracyAfterPrune(), "the noise was evaluated");
        assertEquals(validation(a.choice().pruned().network(), real.test()), a.point().accuracyAfterPrune(), 0.0);
        assertEquals(validation(trained, real.test()), a.point().accuracyBeforePrune(), 0.0);
        assertEquals(BudgetResult.KIND, a.point().thresholdKind());
        assertEquals(search(target).thresholds(), a.choice().thresholds(), "the pipeline runs this search");
    }

    private static BudgetResult budget(DataSplits data, double target) {
        return PruningPipeline.local(BudgetFixtures.config(), data).budget(trained, target, LEVELS,
                Sensitivities.sequential(INPUT, n -> validation(n, data.validation())));
    }

    @Test
    void withoutValidationImagesTheSearchIsRefused() {
        DataSplits none = DataSplits.of(BudgetFixtures.DATA.train(), BudgetFixtures.DATA.test());
        PruningException e = assertThrows(PruningException.class, () -> budget(none, 0.5));
        assertTrue(e.getMessage().contains("data.validation"), e.getMessage());
    }

    /**
     * {@code prune.target-accuracy} in a run's config (how sweeps ask for it): the curve gains the
     * budget row the search makes, after the thresholds asked for; none for a model below the target.
     */
    @Test
    void theCurveOfARunWithATargetEndsWithItsBudgetRow() {
        double target = baseline - 0.05;
        var cfg = BudgetFixtures.config("prune.target-accuracy=" + target);
        var curve = PruningPipeline.local(cfg, BudgetFixtures.DATA).curve(trained, List.of(0.0, 0.5), p -> { });
        assertEquals(List.of(CurvePoint.GRID, CurvePoint.GRID, BudgetResult.KIND),
                curve.points().stream().map(CurvePoint::thresholdKind).toList());
        CurvePoint row = curve.points().get(2);
        BudgetResult direct = PruningPipeline.local(cfg, BudgetFixtures.DATA).budget(trained, target,
                LayerBudgetSearch.DEFAULT_LEVELS, Sensitivities.sequential(INPUT, LayerBudgetSearchTest::validation));
        assertEquals(direct.point(), row);
        assertTrue(row.valAccuracyAfterPrune() >= target);
        assertTrue(Double.isNaN(row.threshold()));

        DataSplits noise = new DataSplits(BudgetFixtures.DATA.train(),
                BudgetFixtures.garbage(BudgetFixtures.DATA.validation(), 5), BudgetFixtures.DATA.test());
        var missed = PruningPipeline.local(BudgetFixtures.config("prune.target-accuracy=0.5"), noise)
                .curve(trained, List.of(0.0), p -> { });
        assertTrue(missed.points().get(0).valAccuracyBeforePrune() < 0.5, "chance on noise");
        assertEquals(1, missed.points().size(), "no budget row when the unpruned model misses the target");
    }
}
