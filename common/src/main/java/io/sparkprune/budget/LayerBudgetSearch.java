package io.sparkprune.budget;

import io.sparkprune.metrics.ModelCost;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.prunable.PruningException;
import io.sparkprune.pruning.PrunedNetwork;
import io.sparkprune.pruning.Pruner;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Per-layer thresholds under an accuracy budget: the network with the fewest parameters
 * ({@link ModelCost#params}, every layer counted) whose accuracy on the validation images stays at
 * or above a target. Sensitivity-guided greedy search:
 * <ol>
 *   <li>each layer's steps are its own cut points ({@link Pruner#layerCuts}); its sensitivity curve
 *       is the validation accuracy and size with only that layer cut at each step;</li>
 *   <li>from the unpruned network, repeatedly take the next step of the layer whose curve promises
 *       the most parameters saved per validation accuracy lost, and evaluate the combined network:
 *       kept if it still reaches the target, else that layer stays where it is for good.</li>
 * </ol>
 * Greedy, so the fewest parameters it finds, not a proven minimum; it evaluates at most twice
 * (layers x levels) networks. Only validation accuracies are ever seen here; test accuracy is for
 * the caller to measure on the result.
 */
public final class LayerBudgetSearch {
    /** Keeps the ratio finite for a step that costs no accuracy: such steps rank first, bigger savings first. */
    private static final double NO_LOSS = 1e-9;

    /** Steps per layer unless told otherwise: most of LeNet-5's 19 cuts in conv0, a bounded scan for VGG's hundreds. */
    public static final int DEFAULT_LEVELS = 16;

    private final Pruner pruner;
    private final InputType input;
    private final ToDoubleFunction<MultiLayerNetwork> validation;
    private final Sensitivities.Scan scan;

    /** A search over {@code pruner}'s network, on accuracies measured by {@code validation} alone. */
    public LayerBudgetSearch(Pruner pruner, InputType input, ToDoubleFunction<MultiLayerNetwork> validation,
                             Sensitivities.Scan scan) {
        this.pruner = pruner;
        this.input = input;
        this.validation = validation;
        this.scan = scan;
    }

    /** Rejects a target accuracy outside (0, 1]. */
    public static void checkTarget(double target) {
        if (!(target > 0 && target <= 1)) {
            throw new PruningException("target accuracy must be in (0, 1], got " + target
                    + " (e.g. --target-accuracy 0.98)");
        }
    }

    /** Rejects fewer than one step per layer. */
    public static void checkLevels(int levels) {
        if (levels < 1) {
            throw new PruningException("levels must be at least 1, got " + levels + " (e.g. --levels 16)");
        }
    }

    /** The search at {@code target}, each layer's curve with at most {@code levels} steps. */
    public BudgetChoice search(double target, int levels) {
        checkTarget(target);
        checkLevels(levels);
        PrunedNetwork current = pruner.prune(Map.of());
        double baseline = accuracy(current);
        long baseParams = params(current);
        if (baseline < target) {
            throw new PruningException("the unpruned model's validation accuracy " + baseline
                    + " is below the target " + target + ": no pruning can reach it; lower the target");
        }
        List<PrunableLayer> layers = pruner.layers();
        List<Probe> probes = new ArrayList<>();
        Map<Integer, List<Double>> steps = new LinkedHashMap<>();
        for (PrunableLayer p : layers) {
            List<Double> cuts = pruner.layerCuts(p, levels);
            steps.put(p.index(), cuts);
            cuts.forEach(t -> probes.add(new Probe(p.index(), t)));
        }
        List<SensitivityPoint> curves = scan.measure(probes);
        if (curves.size() != probes.size()) {
            throw new IllegalStateException(probes.size() + " probes gave " + curves.size() + " measurements");
        }
        Map<Integer, List<SensitivityPoint>> byLayer = new LinkedHashMap<>();
        layers.forEach(p -> byLayer.put(p.index(), new ArrayList<>()));
        curves.forEach(c -> byLayer.get(c.layer()).add(c));

        Map<Integer, Integer> level = new LinkedHashMap<>();
        layers.forEach(p -> level.put(p.index(), 0));
        Set<Integer> settled = new HashSet<>();
        Map<Integer, Double> thresholds = new LinkedHashMap<>();
        double accuracy = baseline;
        long params = baseParams;
        while (true) {
            int best = -1;
            double bestRatio = Double.NEGATIVE_INFINITY;
            for (PrunableLayer p : layers) {
                int l = p.index();
                int k = level.get(l);
                if (settled.contains(l) || k >= steps.get(l).size()) {
                    continue;
                }
                List<SensitivityPoint> curve = byLayer.get(l);
                double accFrom = k == 0 ? baseline : curve.get(k - 1).valAccuracy();
                long paramsFrom = k == 0 ? baseParams : curve.get(k - 1).params();
                double ratio = (paramsFrom - curve.get(k).params()) / (Math.max(accFrom - curve.get(k).valAccuracy(), 0)
                        + NO_LOSS);
                if (ratio > bestRatio) {
                    bestRatio = ratio;
                    best = l;
                }
            }
            if (best < 0) {
                break;
            }
            Map<Integer, Double> tried = new LinkedHashMap<>(thresholds);
            tried.put(best, steps.get(best).get(level.get(best)));
            PrunedNetwork candidate = pruner.prune(tried);
            double a = accuracy(candidate);
            if (a >= target) {
                current = candidate;
                accuracy = a;
                params = params(candidate);
                thresholds = tried;
                level.merge(best, 1, Integer::sum);
            } else {
                settled.add(best);
            }
        }
        Map<Integer, Double> all = new LinkedHashMap<>();
        layers.forEach(p -> all.put(p.index(), 0.0));
        all.putAll(thresholds);
        return new BudgetChoice(all, current, params, baseline, accuracy, curves);
    }

    private double accuracy(PrunedNetwork pruned) {
        return validation.applyAsDouble(pruned.network());
    }

    private long params(PrunedNetwork pruned) {
        return ModelCost.of(pruned.network(), input).params();
    }
}
