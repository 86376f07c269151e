package io.sparkprune.spark.report;

import io.sparkprune.spark.sweep.SweepTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One successful row of a sweep's results.csv: a trained model pruned at one threshold, and its
 * accuracy after fine-tuning ({@code null} when the sweep did not fine-tune).
 */
public record ResultRow(String pointId, String regularizer, double lambda, double threshold, double accuracyBefore,
                        double accuracy, String filtersAfter, long params, long flops, Double finetuned) {

    /** Total conv filters kept (over all layers of "3-11"). */
    public int filters() {
        return Arrays.stream(filtersAfter.split("-")).mapToInt(Integer::parseInt).sum();
    }

    /** The rows of the points that trained; failed points have no metrics to plot. */
    public static List<ResultRow> parse(String csv) {
        List<String> lines = csv.lines().toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = SweepTable.fields(lines.get(0));
        int finetunedColumn = header.indexOf("accuracy_after_finetune"); // absent in sweeps of older versions
        List<ResultRow> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = SweepTable.fields(line);
            if (!f.get(header.indexOf("status")).equals("ok")) {
                continue;
            }
            rows.add(new ResultRow(f.get(header.indexOf("point_id")), f.get(header.indexOf("regularizer_type")),
                    Double.parseDouble(f.get(header.indexOf("regularizer_lambda"))),
                    Double.parseDouble(f.get(header.indexOf("threshold"))),
                    Double.parseDouble(f.get(header.indexOf("accuracy_before_prune"))),
                    Double.parseDouble(f.get(header.indexOf("accuracy_after_prune"))),
                    f.get(header.indexOf("filters_after")), Long.parseLong(f.get(header.indexOf("params_after"))),
                    Long.parseLong(f.get(header.indexOf("flops_after"))),
                    finetunedColumn < 0 || f.get(finetunedColumn).isEmpty() ? null
                            : Double.parseDouble(f.get(finetunedColumn))));
        }
        return rows;
    }
}
