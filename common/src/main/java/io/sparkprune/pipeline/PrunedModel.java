package io.sparkprune.pipeline;

import io.sparkprune.pruning.PrunedNetwork;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.results.CurvePoint;
import io.sparkprune.stats.ActivationStats;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What the pipeline made at one threshold, for callers that keep more than the record (a model
 * file, the per-filter statistics).
 *
 * @param result   the network after fine-tuning, or the pruned one when there was none
 * @param pruner   the trained network's pruner (its weight statistics)
 * @param activations the statistics the pruner used
 */
public record PrunedModel(CurvePoint point, PrunedNetwork pruned, MultiLayerNetwork result, Pruner pruner,
                          ActivationStats activations) {
}
