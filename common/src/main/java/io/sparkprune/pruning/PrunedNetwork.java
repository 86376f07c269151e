package io.sparkprune.pruning;

import io.sparkprune.prunable.PrunableLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result of pruning at one threshold: the smaller network and which units each layer kept. */
public record PrunedNetwork(double threshold, List<PrunableLayer> layers, Map<Integer, int[]> kept,
                            MultiLayerNetwork network) {

    /** Units per prunable layer before pruning, keyed by layer name. */
    public Map<String, Integer> unitsBefore() {
        Map<String, Integer> m = new LinkedHashMap<>();
        layers.forEach(p -> m.put(p.name(), p.units()));
        return m;
    }

    /** Units per prunable layer after pruning, keyed by layer name. */
    public Map<String, Integer> unitsAfter() {
        Map<String, Integer> m = new LinkedHashMap<>();
        layers.forEach(p -> m.put(p.name(), kept.get(p.index()).length));
        return m;
    }

    public boolean isKept(PrunableLayer layer, int unit) {
        return java.util.Arrays.binarySearch(kept.get(layer.index()), unit) >= 0;
    }
}
