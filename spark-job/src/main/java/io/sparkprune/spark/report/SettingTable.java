package io.sparkprune.spark.report;

import io.sparkprune.results.SelectionBasis;
import io.sparkprune.results.SettingSummary;
import io.sparkprune.results.SettingSummary.AtThreshold;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The "every setting" table: per setting its replicates' unpruned accuracies, training time per
 * epoch and, per grid threshold, the filters, params and accuracy (after fine-tuning too, where
 * the sweep fine-tuned) its pruned models keep; means and 95% intervals over replicates.
 */
record SettingTable(List<SettingSummary> settings, SelectionBasis basis) {

    void render(ReportDocument doc) {
        TreeSet<Double> thresholds = new TreeSet<>();
        settings.forEach(s -> s.thresholds().forEach(t -> thresholds.add(t.threshold())));
        boolean finetuned = settings.stream().flatMap(s -> s.thresholds().stream()).anyMatch(t -> t.finetuned() != null);
        doc.heading(2, "Every setting");
        doc.paragraph("Per setting, over its replicates: the unpruned models' accuracies, their training time per "
                + "epoch (lowest to highest: it follows what else ran), and per grid threshold the pruned models' "
                + "filters kept, params and " + basis.label() + (finetuned ? " (after fine-tuning in brackets)" : "")
                + ".");
        List<String> columns = new ArrayList<>(List.of("regularizer", "lambda", "setting", "replicates"));
        if (basis == SelectionBasis.VALIDATION) {
            columns.add("validation accuracy");
        }
        columns.addAll(List.of("test accuracy", "training s per epoch"));
        thresholds.forEach(t -> columns.add("threshold " + t + ": filters, params, " + basis.label()));
        List<List<String>> rows = new ArrayList<>();
        for (SettingSummary s : settings) {
            List<String> c = new ArrayList<>(List.of(s.unpruned().regularizer(), String.valueOf(s.unpruned().lambda()),
                    s.unpruned().settingId(), String.valueOf(s.unpruned().test().n())));
            if (basis == SelectionBasis.VALIDATION) {
                c.add(s.unpruned().validation().format("%.4f"));
            }
            c.add(s.unpruned().test().format("%.4f"));
            c.add(seconds(s.secondsPerEpoch()));
            for (double t : thresholds) {
                c.add(s.thresholds().stream().filter(a -> a.threshold() == t).findFirst().map(SettingTable::cell)
                        .orElse("-"));
            }
            rows.add(c);
        }
        doc.table(columns, rows);
    }

    /** "88-158" over the replicates: the spread of a time that follows the machine's load. */
    private static String seconds(List<Double> perEpoch) {
        if (perEpoch.isEmpty()) {
            return "-";
        }
        double low = perEpoch.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double high = perEpoch.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return Math.round(low) == Math.round(high) ? String.format(Locale.ROOT, "%,d", Math.round(low))
                : String.format(Locale.ROOT, "%,d-%,d", Math.round(low), Math.round(high));
    }

    /** "864 ± 30; 572,697 ± 44,984; 0.8075 ± 0.0065 (0.8039 ± 0.0081)". */
    private static String cell(AtThreshold a) {
        String s = a.filters().format("%.0f") + "; " + a.params().format("%,.0f") + "; " + a.accuracy().format("%.4f");
        return a.finetuned() == null ? s : s + " (" + a.finetuned().format("%.4f") + ")";
    }
}
