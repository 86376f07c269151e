package io.sparkprune.budget;

import io.sparkprune.config.PruneRule;
import io.sparkprune.data.DataSplits;
import io.sparkprune.metrics.ModelCost;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PruningException;
import io.sparkprune.pruning.PrunedNetwork;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.results.CurvePoint;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained model pruned under an accuracy budget: statistics on the training images (as the
 * pruning pipeline measures them), the {@link LayerBudgetSearch} on the validation images, then
 * the chosen model, and only it, evaluated on the test images.
 */
public final class BudgetPruning {
    /** The {@code threshold_kind} of a budget result's row; its {@code threshold} is NaN (one per layer instead). */
    public static final String KIND = "budget";

    private BudgetPruning() {
    }

    /** The choice and its row in the curve's columns. */
    public record Result(BudgetChoice choice, CurvePoint point) {
    }

    /** Fails unless {@code data} holds validation images: the search selects on nothing else. */
    public static void checkValidation(DataSplits data) {
        if (!data.hasValidation()) {
            throw new PruningException("no validation images: a target accuracy is searched on held-out images;"
                    + " set data.validation = N (e.g. --set data.validation=5000, images the model did not train on)");
        }
    }

    public static Result run(MultiLayerNetwork trained, DataSplits data, PruneRule rule, double target, int levels,
                             Sensitivities sensitivities) {
        LayerBudgetSearch.checkTarget(target);
        checkValidation(data);
        ActivationStats activations = ActivationStats.over(trained, NetworkTopology.prunableLayers(trained, false),
                data.train(), PruningPipeline.INFERENCE_BATCH);
        Pruner pruner = new Pruner(trained, activations, rule, false);
        BudgetChoice choice = new LayerBudgetSearch(pruner, data.validation(),
                sensitivities.of(trained, activations, rule, data.validation())).search(target, levels);
        PrunedNetwork pruned = choice.pruned();
        InputType input = Sensitivities.input(data.test());
        ModelCost before = ModelCost.of(trained, input);
        ModelCost after = ModelCost.of(pruned.network(), input);
        CurvePoint point = new CurvePoint(Double.NaN, KIND, testAccuracy(trained, data), testAccuracy(pruned.network(), data),
                CurvePoint.join(pruned.unitsBefore()), CurvePoint.join(pruned.unitsAfter()), before.params(),
                after.params(), before.macs(), after.macs(), null, choice.valAccuracyBefore(), choice.valAccuracy(), null);
        return new Result(choice, point);
    }

    private static double testAccuracy(MultiLayerNetwork net, DataSplits data) {
        return LocalTrainer.accuracy(net, data.test(), PruningPipeline.INFERENCE_BATCH);
    }
}
