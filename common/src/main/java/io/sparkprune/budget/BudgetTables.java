package io.sparkprune.budget;

import io.sparkprune.prunable.PrunableLayer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A budget choice as small CSV tables: the threshold per layer, and each layer's sensitivity curve. */
public final class BudgetTables {
    public static final String THRESHOLDS_HEADER = "layer,layer_index,threshold,filters_before,filters_after";
    public static final String SENSITIVITY_HEADER =
            "layer,layer_index,threshold,filters_before,filters_after,share_removed,params_after,val_accuracy";

    private BudgetTables() {
    }

    /** One row per prunable layer: its chosen threshold and the units it keeps. */
    public static String thresholds(BudgetChoice choice) {
        StringBuilder csv = new StringBuilder(THRESHOLDS_HEADER).append('\n');
        for (PrunableLayer p : choice.pruned().layers()) {
            csv.append(String.join(",", p.name(), String.valueOf(p.index()),
                    String.valueOf(choice.thresholds().get(p.index())), String.valueOf(p.units()),
                    String.valueOf(choice.pruned().kept().get(p.index()).length))).append('\n');
        }
        return csv.toString();
    }

    /** One layer's curve: the unpruned network first, then its probes in threshold order. */
    public record Curve(PrunableLayer layer, List<SensitivityPoint> points) {
        public double shareRemoved(SensitivityPoint p) {
            return 1 - (double) p.kept() / layer.units();
        }
    }

    /** Every layer's curve, each starting at the unpruned network (threshold 0). */
    public static List<Curve> curves(BudgetChoice choice, long unprunedParams) {
        List<Curve> curves = new ArrayList<>();
        for (PrunableLayer p : choice.pruned().layers()) {
            List<SensitivityPoint> points = new ArrayList<>();
            points.add(new SensitivityPoint(p.index(), 0, p.units(), unprunedParams, choice.valAccuracyBefore()));
            choice.sensitivities().stream().filter(s -> s.layer() == p.index()).forEach(points::add);
            curves.add(new Curve(p, List.copyOf(points)));
        }
        return curves;
    }

    /** The curves as one table, layer after layer. */
    public static String sensitivities(List<Curve> curves) {
        StringBuilder csv = new StringBuilder(SENSITIVITY_HEADER).append('\n');
        for (Curve c : curves) {
            for (SensitivityPoint s : c.points()) {
                csv.append(String.join(",", c.layer().name(), String.valueOf(c.layer().index()),
                        String.valueOf(s.threshold()), String.valueOf(c.layer().units()), String.valueOf(s.kept()),
                        String.format(Locale.ROOT, "%.4f", c.shareRemoved(s)), String.valueOf(s.params()),
                        String.valueOf(s.valAccuracy()))).append('\n');
            }
        }
        return csv.toString();
    }
}
