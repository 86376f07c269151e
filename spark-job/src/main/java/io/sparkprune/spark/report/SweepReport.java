package io.sparkprune.spark.report;

import io.sparkprune.io.RunDirectory;
import io.sparkprune.spark.sweep.SweepJob;

import javax.imageio.ImageIO;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * {@code OUT/report.html} and {@code OUT/report.md} from a sweep's results.csv: accuracy against
 * remaining filters, params and FLOPs (PNG files beside them), and per regularizer the smallest
 * model (fewest params) that keeps the baseline's accuracy within {@link #TOLERANCE}, plus the same
 * at any absolute accuracy floors asked for (e.g. 0.99 to compare with published 1.0%-error models).
 */
public final class SweepReport {
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";
    /** 0.1 accuracy points below the baseline still counts as equal accuracy. */
    static final double TOLERANCE = 0.001;
    private static final String BASELINE = "none";
    private static final List<SizeAxis> AXES = List.of(
            new SizeAxis("filters", "remaining conv filters", ResultRow::filters),
            new SizeAxis("params", "remaining parameters", r -> r.params()),
            new SizeAxis("flops", "remaining FLOPs (multiply-accumulates)", r -> r.flops()));

    private SweepReport() {
    }

    /** Writes both reports into {@code dir} (which holds results.csv) and returns the HTML one's location. */
    public static String write(RunDirectory dir, List<Double> accuracyFloors) {
        String csv = SweepJob.results(dir);
        List<ResultRow> rows = csv == null ? List.of() : ResultRow.parse(csv);
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>sparkprune sweep report</title></head><body>\n<h1>Accuracy / size trade-off</h1>\n");
        StringBuilder md = new StringBuilder("# Accuracy / size trade-off\n\n");
        if (!dir.exists(SweepJob.RESULTS_CSV)) {
            long points = rows.stream().map(ResultRow::pointId).distinct().count();
            String partial = "Partial report: the sweep has not finished; " + points
                    + " trained points so far. Run report again when sweep --resume has completed.";
            html.append("<p><b>").append(partial).append("</b></p>\n");
            md.append("**").append(partial).append("**\n\n");
        }
        if (rows.isEmpty()) {
            html.append("<p>No point of this sweep trained successfully: nothing to plot.</p>\n");
            md.append("No point of this sweep trained successfully: nothing to plot.\n");
        }
        for (SizeAxis axis : rows.isEmpty() ? List.<SizeAxis>of() : AXES) {
            String png = "accuracy-vs-" + axis.name() + ".png";
            var image = new TradeoffPlot(axis.label(), axis.size()).draw(rows);
            dir.write(png, out -> ImageIO.write(image, "png", out));
            html.append("<h2>Accuracy vs ").append(axis.label()).append("</h2>\n<img src=\"").append(png)
                    .append("\" alt=\"accuracy vs ").append(axis.label()).append("\">\n");
            md.append("![accuracy vs ").append(axis.label()).append("](").append(png).append(")\n\n");
        }
        List<BestTable> tables = new ArrayList<>();
        double baseline = baselineAccuracy(rows);
        boolean finetuned = rows.stream().anyMatch(r -> r.finetuned() != null);
        Map<String, Double> floors = new LinkedHashMap<>();
        floors.put(String.format(Locale.ROOT, "%s (>= %.4f - %.1f pt)", baselineName(rows), baseline, TOLERANCE * 100),
                baseline - TOLERANCE);
        accuracyFloors.forEach(f -> floors.put(String.format(Locale.ROOT, "accuracy >= %.4f", f), f));
        for (Map.Entry<String, Double> f : floors.entrySet()) {
            String condition = f.getKey();
            double floor = f.getValue();
            tables.add(new BestTable(condition, bestAt(rows, floor, ResultRow::accuracy), finetuned));
            if (finetuned) {
                // fine-tuning can rescue a harder pruning: the smallest model may be another one
                tables.add(new BestTable(condition + " after fine-tuning", bestAt(
                        rows.stream().filter(r -> r.finetuned() != null).toList(), floor, ResultRow::finetuned), true));
            }
        }
        tables.forEach(t -> {
            html.append(t.html());
            md.append(t.markdown());
        });
        dir.writeText(HTML, html.append("</body></html>\n").toString());
        dir.writeText(MARKDOWN, md.toString());
        return dir.path(HTML).toString();
    }

    private record SizeAxis(String name, String label, ToDoubleFunction<ResultRow> size) {
    }

    /** Per regularizer, the fewest-params model within TOLERANCE of the baseline's accuracy. */
    static Map<String, Optional<ResultRow>> bestAtBaselineAccuracy(List<ResultRow> rows) {
        return bestAt(rows, baselineAccuracy(rows) - TOLERANCE);
    }

    /** Per regularizer, the fewest-params model (then the most accurate) with accuracy at least {@code floor}. */
    static Map<String, Optional<ResultRow>> bestAt(List<ResultRow> rows, double floor) {
        return bestAt(rows, floor, ResultRow::accuracy);
    }

    private static Map<String, Optional<ResultRow>> bestAt(List<ResultRow> rows, double floor,
                                                           ToDoubleFunction<ResultRow> accuracy) {
        Map<String, Optional<ResultRow>> best = new TreeMap<>();
        rows.stream().collect(Collectors.groupingBy(ResultRow::regularizer)).forEach((reg, rs) ->
                best.put(reg, rs.stream().filter(r -> accuracy.applyAsDouble(r) >= floor)
                        .min(Comparator.comparingLong(ResultRow::params).thenComparing(
                                Comparator.comparingDouble(accuracy).reversed()))));
        return best;
    }

    /** The unpruned baseline (regularizer none) if the sweep has one, else the best unpruned model. */
    static double baselineAccuracy(List<ResultRow> rows) {
        List<ResultRow> base = baselineRows(rows);
        return (base.isEmpty() ? rows : base).stream().mapToDouble(ResultRow::accuracyBefore).max().orElse(0);
    }

    /** What {@link #baselineAccuracy} is, in the table titles: a follow-up sweep often has no baseline. */
    private static String baselineName(List<ResultRow> rows) {
        return baselineRows(rows).isEmpty() ? "best unpruned accuracy, no " + BASELINE + " point in this sweep"
                : "baseline accuracy";
    }

    private static List<ResultRow> baselineRows(List<ResultRow> rows) {
        return rows.stream().filter(r -> r.regularizer().equals(BASELINE)).toList();
    }

    /** One "smallest model per regularizer" table, rendered for either report. */
    private record BestTable(String condition, Map<String, Optional<ResultRow>> best, boolean finetuned) {
        private static final List<String> PRUNED = List.of("regularizer", "lambda", "threshold", "accuracy",
                "filters kept per layer", "params", "FLOPs (MACs)");

        List<String> columns() {
            if (!finetuned) {
                return PRUNED;
            }
            List<String> c = new ArrayList<>(PRUNED);
            c.add("fine-tuned accuracy");
            return c;
        }

        String html() {
            StringBuilder t = new StringBuilder("<h2>Smallest model per regularizer at "
                    + condition.replace(">=", "&ge;") + "</h2>\n<table border=\"1\" cellpadding=\"4\"><tr>");
            columns().forEach(c -> t.append("<th>").append(c).append("</th>"));
            t.append("</tr>\n");
            best.forEach((reg, row) -> t.append(row.map(r -> "<tr><td>" + String.join("</td><td>", cells(reg, r))
                    + "</td></tr>\n").orElse("<tr><td>" + reg + "</td><td colspan=\"" + (columns().size() - 1)
                    + "\">no model reaches it</td></tr>\n")));
            return t.append("</table>\n").toString();
        }

        String markdown() {
            StringBuilder t = new StringBuilder("## Smallest model per regularizer at " + condition + "\n\n| "
                    + String.join(" | ", columns()) + " |\n|" + "---|".repeat(columns().size()) + "\n");
            best.forEach((reg, row) -> t.append(row.map(r -> "| " + String.join(" | ", cells(reg, r)) + " |\n")
                    .orElse("| " + reg + " | no model reaches it |" + " |".repeat(columns().size() - 2) + "\n")));
            return t.append("\n").toString();
        }

        private List<String> cells(String reg, ResultRow r) {
            List<String> c = new ArrayList<>(List.of(reg, String.valueOf(r.lambda()), String.valueOf(r.threshold()),
                    String.format(Locale.ROOT, "%.4f", r.accuracy()), r.filtersAfter(),
                    String.format(Locale.ROOT, "%,d", r.params()), String.format(Locale.ROOT, "%,d", r.flops())));
            if (finetuned) {
                c.add(r.finetuned() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.finetuned()));
            }
            return c;
        }
    }
}
