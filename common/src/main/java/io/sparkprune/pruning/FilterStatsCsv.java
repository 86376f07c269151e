package io.sparkprune.pruning;

import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.stats.FilterScore;
import io.sparkprune.stats.WeightStats;

import java.util.Locale;

/**
 * {@code filter-stats.csv}: one row per conv filter (and dense neuron when pruned), with the
 * columns users and notebooks read first (layer, filter, l1, l2, relative_norm, activation_mean,
 * apoz, kept) and then max_abs, bias, bn_gamma, and score: what the pruning rule compared with the
 * threshold ({@link FilterScore}: |bn_gamma| behind a batch norm, l2 elsewhere). Empty cells where a
 * statistic was not measured.
 */
public final class FilterStatsCsv {
    public static final String HEADER = "layer,filter,l1,l2,relative_norm,activation_mean,apoz,kept,max_abs,bias,bn_gamma,score";

    private FilterStatsCsv() {
    }

    public static String write(Pruner pruner, ActivationStats activations, PrunedNetwork pruned) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        boolean measured = activations != null && !activations.isEmpty();
        for (PrunableLayer p : pruner.layers()) {
            WeightStats w = pruner.weights(p);
            double[] mean = measured ? activations.mean(p.index()) : null;
            double[] apoz = measured ? activations.apoz(p.index()) : null;
            double[] score = FilterScore.of(p, w);
            for (int f = 0; f < p.units(); f++) {
                sb.append(p.name()).append(',').append(f).append(',')
                        .append(num(w.l1()[f])).append(',').append(num(w.l2()[f])).append(',')
                        .append(num(w.relative()[f])).append(',')
                        .append(mean == null ? "" : num(mean[f])).append(',')
                        .append(apoz == null ? "" : num(apoz[f])).append(',')
                        .append(pruned.isKept(p, f)).append(',')
                        .append(num(w.maxAbs()[f])).append(',').append(num(w.bias()[f])).append(',')
                        .append(Double.isNaN(w.gamma()[f]) ? "" : num(w.gamma()[f])).append(',')
                        .append(num(score[f])).append('\n');
            }
        }
        return sb.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
