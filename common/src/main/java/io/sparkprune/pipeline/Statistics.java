package io.sparkprune.pipeline;

import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.stats.ActivationStats;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;

/** How a pipeline measures activation statistics over the training data: in this JVM or on the executors. */
@FunctionalInterface
public interface Statistics {
    ActivationStats activations(MultiLayerNetwork trained, List<PrunableLayer> layers);
}
