package io.sparkprune.budget;

import io.sparkprune.config.PruneRule;
import io.sparkprune.data.DataSplits;
import io.sparkprune.metrics.ModelCost;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.prunable.PruningException;
import io.sparkprune.pruning.PrunedNetwork;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerBudgetSearchTest {
    private static final int LEVELS = 6;
    private static MultiLayerNetwork trained;
    private static Pruner pruner;
    private static double baseline;

    @BeforeAll
    static void train() {
        trained = BudgetFixtures.trained();
        ActivationStats stats = ActivationStats.over(trained, NetworkTopology.prunableLayers(trained, false),
                BudgetFixtures.DATA.train(), PruningPipeline.INFERENCE_BATCH);
        pruner = new Pruner(trained, stats, PruneRule.RELATIVE, false);
        baseline = validation(trained);
        assertTrue(baseline > 0.8, "trained: " + baseline);
    }

    private static double validation(MultiLayerNetwork net) {
        return validation(net, BudgetFixtures.DATA.validation());
    }

    private static double validation(MultiLayerNetwork net, io.sparkprune.data.LabeledImages images) {
        return LocalTrainer.accuracy(net, images, 64);
    }

    private static BudgetChoice search(double target) {
        return new LayerBudgetSearch(pruner, BudgetFixtures.DATA.validation(),
                probes -> probes.stream().map(p -> Sensitivities.measure(pruner, BudgetFixtures.DATA.validation(), p))
                        .toList()).search(target, LEVELS);
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
        assertEquals(ModelCost.of(recut.network(), Sensitivities.input(BudgetFixtures.DATA.validation())).params(),
                choice.params());
        assertEquals(recut.unitsAfter(), choice.pruned().unitsAfter());
        long unpruned = ModelCost.of(trained, Sensitivities.input(BudgetFixtures.DATA.validation())).params();
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
        LayerBudgetSearch onNoise = new LayerBudgetSearch(pruner, noise,
                probes -> probes.stream().map(p -> Sensitivities.measure(pruner, noise, p)).toList());
        PruningException e = assertThrows(PruningException.class, () -> onNoise.search(chance + 0.01, LEVELS));
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
        BudgetPruning.Result a = BudgetPruning.run(trained, real, PruneRule.RELATIVE, target, LEVELS, Sensitivities.LOCAL);
        BudgetPruning.Result b = BudgetPruning.run(trained, garbage, PruneRule.RELATIVE, target, LEVELS, Sensitivities.LOCAL);
        assertEquals(a.choice().thresholds(), b.choice().thresholds());
        assertEquals(a.choice().sensitivities(), b.choice().sensitivities());
        assertEquals(a.point().valAccuracyAfterPrune(), b.point().valAccuracyAfterPrune());
        assertEquals(a.point().filtersAfter(), b.point().filtersAfter());
        assertNotEquals(a.point().accuracyAfterPrune(), b.point().accuracyAfterPrune(), "the noise was evaluated");
        assertEquals(LocalTrainer.accuracy(a.choice().pruned().network(), real.test(), 64), a.point().accuracyAfterPrune(),
                0.0);
        assertEquals(BudgetPruning.KIND, a.point().thresholdKind());
    }

    @Test
    void withoutValidationImagesTheSearchIsRefused() {
        DataSplits none = DataSplits.of(BudgetFixtures.DATA.train(), BudgetFixtures.DATA.test());
        PruningException e = assertThrows(PruningException.class,
                () -> BudgetPruning.run(trained, none, PruneRule.RELATIVE, 0.5, LEVELS, Sensitivities.LOCAL));
        assertTrue(e.getMessage().contains("data.validation"), e.getMessage());
    }
}
