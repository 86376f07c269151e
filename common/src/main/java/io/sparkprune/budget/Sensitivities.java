package io.sparkprune.budget;

import io.sparkprune.config.PruneRule;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.metrics.ModelCost;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.pruning.PrunedNetwork;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Map;

/**
 * Measures layer sensitivities: one {@link SensitivityPoint} per {@link Probe}, in the probes'
 * order. In this JVM ({@link #LOCAL}) or spread over a cluster (spark-job's SensitivityScan); both
 * call {@link #measure}, so they agree exactly.
 */
@FunctionalInterface
public interface Sensitivities {
    /** Sensitivities of the network that {@code new Pruner(trained, activations, rule, false)} prunes. */
    Scan of(MultiLayerNetwork trained, ActivationStats activations, PruneRule rule, LabeledImages validation);

    /** Every probe measured here, one after the other. */
    Sensitivities LOCAL = (trained, activations, rule, validation) -> {
        Pruner pruner = new Pruner(trained, activations, rule, false);
        return probes -> probes.stream().map(p -> measure(pruner, validation, p)).toList();
    };

    /** The measurements of a list of probes, in their order. */
    @FunctionalInterface
    interface Scan {
        List<SensitivityPoint> measure(List<Probe> probes);
    }

    /** One probe: prune only its layer, count what is left, evaluate on {@code validation}. */
    static SensitivityPoint measure(Pruner pruner, LabeledImages validation, Probe probe) {
        PrunedNetwork pruned = pruner.prune(Map.of(probe.layer(), probe.threshold()));
        return new SensitivityPoint(probe.layer(), probe.threshold(), pruned.kept().get(probe.layer()).length,
                ModelCost.of(pruned.network(), input(validation)).params(),
                LocalTrainer.accuracy(pruned.network(), validation, PruningPipeline.INFERENCE_BATCH));
    }

    /** The input the network sees: the images' own shape. */
    static InputType input(LabeledImages images) {
        return InputType.convolutional(images.height(), images.width(), images.channels());
    }
}
