package io.sparkprune.stats;

import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;

/** One conv filter's weight norms: the rows notebooks chart and query. */
public record FilterNorm(String layer, int filter, double l1, double l2, double relative) {

    /** Every conv filter of {@code net}, layer by layer. */
    public static List<FilterNorm> of(MultiLayerNetwork net) {
        List<FilterNorm> rows = new ArrayList<>();
        for (PrunableLayer layer : NetworkTopology.prunableLayers(net, false)) {
            WeightStats w = WeightStats.of(net, layer);
            for (int f = 0; f < w.units(); f++) {
                rows.add(new FilterNorm(layer.name(), f, w.l1()[f], w.l2()[f], w.relative()[f]));
            }
        }
        return rows;
    }
}
