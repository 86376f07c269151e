package io.sparkprune.spark.report;

import io.sparkprune.results.Estimate;
import io.sparkprune.results.FloorSelection;
import io.sparkprune.results.HolmComparisons;
import io.sparkprune.results.PairedDifference;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.SelectionBasis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One "smallest model per regularizer at a floor" table. With one replicate, the picked model's
 * own row; with several, per regularizer the mean and 95% interval over replicates of the picked
 * models, and the paired statements between regularizers. Validation columns appear when the
 * selection read them; test accuracy is always reported.
 */
record FloorTable(String condition, Map<String, FloorSelection> selections, SelectionBasis basis, boolean replicated,
                  boolean finetuned) {
    /** The chance of any false "smaller" statement among a table's comparisons. */
    static final double FAMILY_ALPHA = 0.05;

    void render(ReportDocument doc) {
        doc.heading(2, "Smallest model per regularizer at " + condition);
        doc.table(columns(), selections.values().stream().map(this::cells).toList());
        if (replicated) {
            List<PairedDifference> pairs = new ArrayList<>();
            List<FloorSelection> all = new ArrayList<>(selections.values());
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) {
                    pairs.add(PairedDifference.of(all.get(i), all.get(j)));
                }
            }
            if (!pairs.isEmpty()) {
                doc.paragraph("Paired over replicates (params of the smallest models). The " + pairs.size()
                        + " comparisons are one family: Holm's procedure keeps the chance of any false \"smaller\" "
                        + "statement below " + Math.round(100 * FAMILY_ALPHA) + "%, so each interval is at the level "
                        + "its step of the procedure uses (95% for a comparison alone):");
                doc.bullets(HolmComparisons.adjust(pairs, FAMILY_ALPHA).stream().map(PairedDifference::statement)
                        .toList());
            }
        }
    }

    private boolean validation() {
        return basis == SelectionBasis.VALIDATION;
    }

    private List<String> columns() {
        List<String> c = new ArrayList<>(List.of("regularizer"));
        if (replicated) {
            c.addAll(List.of("replicates at floor", "lambdas picked", "params (reduction)", "filters kept",
                    "filters per layer (mean)", "FLOPs (MACs) (reduction)"));
        } else {
            c.addAll(List.of("lambda", "threshold", "filters kept per layer", "params", "FLOPs (MACs)"));
        }
        if (validation()) {
            c.add("validation accuracy (selects)");
        }
        c.add(validation() ? "test accuracy" : "test accuracy (selects)");
        if (finetuned) {
            if (validation()) {
                c.add("fine-tuned validation accuracy");
            }
            c.add("fine-tuned test accuracy");
        }
        return c;
    }

    private List<String> cells(FloorSelection s) {
        if (s.reached() == 0) {
            return List.of(s.regularizer(), "no model reaches it");
        }
        List<String> c = new ArrayList<>(List.of(s.regularizer()));
        if (replicated) {
            c.add(s.reached() + "/" + s.replicates());
            c.add(lambdas(s));
            c.add(withReduction(s, ResultRecord::paramsAfter, ResultRecord::paramsBefore));
            c.add(s.estimate(ResultRecord::filtersKept).format("%.1f"));
            c.add(meanPerLayer(s));
            c.add(withReduction(s, ResultRecord::flopsAfter, ResultRecord::flopsBefore));
        } else {
            ResultRecord r = s.picked().get(0);
            c.add(String.valueOf(r.lambda()));
            c.add(r.grid() ? String.valueOf(r.threshold()) : String.format(Locale.ROOT, "%.4g (cut)", r.threshold()));
            c.add(r.filtersAfter());
            c.add(String.format(Locale.ROOT, "%,d", r.paramsAfter()));
            c.add(String.format(Locale.ROOT, "%,d", r.flopsAfter()));
        }
        if (validation()) {
            c.add(accuracy(s, ResultRecord::valAccuracyAfterPrune));
        }
        c.add(accuracy(s, ResultRecord::accuracyAfterPrune));
        if (finetuned) {
            if (validation()) {
                c.add(accuracy(s, r -> r.valAccuracyAfterFinetune() == null ? Double.NaN : r.valAccuracyAfterFinetune()));
            }
            c.add(accuracy(s, r -> r.accuracyAfterFinetune() == null ? Double.NaN : r.accuracyAfterFinetune()));
        }
        return c;
    }

    /** The reported accuracy of the picked models ("-" where a picked model has none, e.g. a cut not fine-tuned). */
    private static String accuracy(FloorSelection s, ToDoubleFunction<ResultRecord> accuracy) {
        Estimate e = s.estimate(accuracy);
        return Double.isNaN(e.mean()) ? "-" : e.format("%.4f");
    }

    /** "113,870 ± 30,934 (-73.6%)": the mean's reduction from the unpruned model's size. */
    private static String withReduction(FloorSelection s, ToDoubleFunction<ResultRecord> after,
                                        ToDoubleFunction<ResultRecord> before) {
        Estimate e = s.estimate(after);
        double unpruned = s.picked().stream().mapToDouble(before).average().orElse(Double.NaN);
        return e.format("%,.0f") + String.format(Locale.ROOT, " (%+.1f%%)", 100 * (e.mean() / unpruned - 1));
    }

    /** "9.3-10.0": each layer's mean kept filters over the picked models (all pruned from the same network). */
    private static String meanPerLayer(FloorSelection s) {
        List<int[]> layers = s.picked().stream()
                .map(r -> Arrays.stream(r.filtersAfter().split("-")).mapToInt(Integer::parseInt).toArray())
                .toList();
        List<String> means = new ArrayList<>();
        for (int l = 0; l < layers.get(0).length; l++) {
            int layer = l;
            means.add(String.format(Locale.ROOT, "%.1f", layers.stream().mapToInt(f -> f[layer]).average().orElseThrow()));
        }
        return String.join("-", means);
    }

    /** "0.1 (2), 0.03 (1)": which lambdas the replicates' smallest models came from. */
    private static String lambdas(FloorSelection s) {
        Map<Double, Long> counts = s.picked().stream().collect(
                Collectors.groupingBy(ResultRecord::lambda, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }
}
