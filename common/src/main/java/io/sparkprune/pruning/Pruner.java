package io.sparkprune.pruning;

import io.sparkprune.prunable.PruningException;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.config.PruneRule;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.stats.FilterScore;
import io.sparkprune.stats.WeightStats;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prunes one trained network at any number of thresholds without retraining: statistics are
 * computed once, each threshold only decides and cuts. Units are ranked by {@link FilterScore}
 * (|BN gamma| behind a batch norm, the weight norm elsewhere). A removed unit's output is replaced
 * by its measured mean (when activation statistics are given) or by the constant it produces once
 * its score is zeroed ({@link RemovedUnitOutput}).
 */
public final class Pruner {
    private final MultiLayerNetwork net;
    private final PruneRule rule;
    private final List<PrunableLayer> layers;
    private final Map<Integer, WeightStats> weights = new LinkedHashMap<>();
    private final Map<Integer, double[]> constants = new HashMap<>();

    public Pruner(MultiLayerNetwork net, ActivationStats activations, PruneRule rule, boolean includeDense) {
        this.net = net;
        this.rule = rule;
        this.layers = NetworkTopology.prunableLayers(net, includeDense);
        if (layers.isEmpty()) {
            throw new PruningException("the network has no prunable conv layer");
        }
        for (PrunableLayer p : layers) {
            WeightStats w = WeightStats.of(net, p);
            weights.put(p.index(), w);
            constants.put(p.index(), activations != null && !activations.isEmpty() ? activations.mean(p.index())
                    : biasOnly(p, w));
        }
    }

    public List<PrunableLayer> layers() {
        return layers;
    }

    public WeightStats weights(PrunableLayer layer) {
        return weights.get(layer.index());
    }

    /** The network pruned at {@code threshold} (the original is not changed). */
    public PrunedNetwork prune(double threshold) {
        Map<Integer, int[]> keep = decide(threshold);
        return new PrunedNetwork(threshold, layers, keep, NetworkSurgery.apply(net, layers, keep, constants));
    }

    /**
     * The network with each prunable layer cut at its own threshold, keyed by layer index (a layer
     * the map leaves out keeps every unit); its {@link PrunedNetwork#threshold} is NaN: there is no one.
     */
    public PrunedNetwork prune(Map<Integer, Double> perLayer) {
        Map<Integer, int[]> keep = decide(perLayer);
        return new PrunedNetwork(Double.NaN, layers, keep, NetworkSurgery.apply(net, layers, keep, constants));
    }

    /** The units each prunable layer keeps at {@code threshold} (ascending), keyed by layer index; no surgery. */
    public Map<Integer, int[]> decide(double threshold) {
        PruneDecision.checkThreshold(threshold);
        Map<Integer, int[]> keep = new LinkedHashMap<>();
        for (PrunableLayer p : layers) {
            keep.put(p.index(), kept(p, threshold));
        }
        return keep;
    }

    /** As {@link #decide(double)}, each layer at its own threshold (0, keeping all, when the map has none). */
    public Map<Integer, int[]> decide(Map<Integer, Double> perLayer) {
        perLayer.values().forEach(PruneDecision::checkThreshold);
        for (int index : perLayer.keySet()) {
            if (layers.stream().noneMatch(p -> p.index() == index)) {
                throw new PruningException("layer " + index + " is not a prunable layer of this network");
            }
        }
        Map<Integer, int[]> keep = new LinkedHashMap<>();
        for (PrunableLayer p : layers) {
            keep.put(p.index(), kept(p, perLayer.getOrDefault(p.index(), 0.0)));
        }
        return keep;
    }

    private int[] kept(PrunableLayer p, double threshold) {
        return PruneDecision.kept(FilterScore.of(p, weights.get(p.index())), rule, threshold);
    }

    /**
     * The thresholds where {@code layer}'s own kept units change, halfway between its neighbouring
     * {@link PruneDecision#values}: the i-th removes the units with the i smallest values. At most
     * {@code max}, spread evenly when there are more. Ascending.
     */
    public List<Double> layerCuts(PrunableLayer layer, int max) {
        List<Double> cuts = midpoints(new TreeSet<>(Arrays.stream(
                PruneDecision.values(FilterScore.of(layer, weights.get(layer.index())), rule)).boxed().toList()));
        return spread(cuts, max);
    }

    /**
     * Thresholds where the kept units change and that {@code asked} does not already reach: one per
     * reachable count of kept units, halfway between neighbouring {@link PruneDecision#values} (so
     * rounding cannot tip a unit either way). At most {@code max}, spread evenly over the counts when
     * there are more. Ascending.
     */
    public List<Double> cuts(int max, List<Double> asked) {
        TreeSet<Double> values = new TreeSet<>();
        for (PrunableLayer p : layers) {
            for (double v : PruneDecision.values(FilterScore.of(p, weights.get(p.index())), rule)) {
                values.add(v);
            }
        }
        Set<Integer> reached = new HashSet<>();
        asked.forEach(t -> reached.add(keptUnits(t)));
        List<Double> cuts = new ArrayList<>();
        for (double t : midpoints(values)) {
            if (reached.add(keptUnits(t))) {
                cuts.add(t);
            }
        }
        return spread(cuts, max);
    }

    /** The points halfway between neighbouring values (so rounding cannot tip a unit either way). */
    private static List<Double> midpoints(TreeSet<Double> values) {
        List<Double> m = new ArrayList<>();
        Double previous = null;
        for (double v : values) {
            if (previous != null) {
                m.add((previous + v) / 2);
            }
            previous = v;
        }
        return m;
    }

    /** {@code cuts} when there are at most {@code max}, else {@code max} of them spread evenly, ends included. */
    private static List<Double> spread(List<Double> cuts, int max) {
        if (cuts.size() <= max) {
            return cuts;
        }
        List<Double> spread = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            spread.add(cuts.get(max == 1 ? 0 : (int) Math.round(i * (cuts.size() - 1.0) / (max - 1))));
        }
        return spread;
    }

    private int keptUnits(double threshold) {
        return decide(threshold).values().stream().mapToInt(k -> k.length).sum();
    }

    /** One pruned network per threshold, in the given order. */
    public List<PrunedNetwork> pruneAll(List<Double> thresholds) {
        thresholds.forEach(PruneDecision::checkThreshold);
        List<PrunedNetwork> result = new ArrayList<>();
        for (double t : thresholds) {
            result.add(prune(t));
        }
        return result;
    }

    private double[] biasOnly(PrunableLayer p, WeightStats w) {
        double[] c = new double[p.units()];
        for (int u = 0; u < c.length; u++) {
            c[u] = RemovedUnitOutput.of(net, p, u, w.bias()[u]);
        }
        return c;
    }
}
