package io.sparkprune.budget;

import io.sparkprune.config.PruneRule;
import io.sparkprune.metrics.ModelCost;
import io.sparkprune.pruning.PrunedNetwork;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.stats.ActivationStats;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Measures layer sensitivities: one {@link SensitivityPoint} per {@link Probe}, in the probes'
 * order. One probe after the other ({@link #sequential}) or one Spark task each (spark-job's
 * SensitivityScan); both call {@link #measure}, so they agree exactly.
 */
@FunctionalInterface
public interface Sensitivities {
    /** The scan of the network that {@code new Pruner(trained, activations, rule, false)} prunes. */
    Scan of(MultiLayerNetwork trained, ActivationStats activations, PruneRule rule);

    /** The measurements of a list of probes, in their order. */
    @FunctionalInterface
    interface Scan {
        List<SensitivityPoint> measure(List<Probe> probes);
    }

    /** Every probe measured in turn, its accuracy by {@code validation}. */
    static Sensitivities sequential(InputType input, ToDoubleFunction<MultiLayerNetwork> validation) {
        return (trained, activations, rule) -> {
            Pruner pruner = new Pruner(trained, activations, rule, false);
            return probes -> probes.stream().map(p -> measure(pruner, input, validation, p)).toList();
        };
    }

    /** One probe: prune only its layer, count what is left, measure its accuracy by {@code validation}. */
    static SensitivityPoint measure(Pruner pruner, InputType input, ToDoubleFunction<MultiLayerNetwork> validation,
                                    Probe probe) {
        PrunedNetwork pruned = pruner.prune(Map.of(probe.layer(), probe.threshold()));
        return new SensitivityPoint(probe.layer(), probe.threshold(), pruned.kept().get(probe.layer()).length,
                ModelCost.of(pruned.network(), input).params(), validation.applyAsDouble(pruned.network()));
    }
}
