package io.sparkprune.stats;

import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * One conv filter's weight norms and its pruning score: the rows notebooks chart and query.
 *
 * @param relative      l2 / the largest l2 in its layer
 * @param score         what the pruning rule compares ({@link FilterScore}: |BN gamma| behind a batch
 *                      norm, l2 elsewhere)
 * @param relativeScore score / the largest score in its layer: the relative rule removes the filter
 *                      below this threshold
 */
public record FilterNorm(String layer, int filter, double l1, double l2, double relative, double score,
                         double relativeScore) {

    /** Every conv filter of {@code net}, layer by layer. */
    public static List<FilterNorm> of(MultiLayerNetwork net) {
        List<FilterNorm> rows = new ArrayList<>();
        for (PrunableLayer layer : NetworkTopology.prunableLayers(net, false)) {
            WeightStats w = WeightStats.of(net, layer);
            double[] score = FilterScore.of(layer, w);
            double max = java.util.Arrays.stream(score).max().orElse(0);
            for (int f = 0; f < w.units(); f++) {
                rows.add(new FilterNorm(layer.name(), f, w.l1()[f], w.l2()[f], w.relative()[f], score[f],
                        max == 0 ? 0 : score[f] / max));
            }
        }
        return rows;
    }
}
