package io.sparkprune.spark.report;

import io.sparkprune.io.RunDirectory;
import io.sparkprune.results.BestModels;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.SweepResults;

import javax.imageio.ImageIO;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * {@code OUT/report.html} and {@code OUT/report.md} from a sweep's results table: accuracy against
 * remaining filters, params and FLOPs (PNG files beside them), and per regularizer the smallest
 * model (fewest params) that keeps the baseline's accuracy within {@link BestModels#TOLERANCE},
 * plus the same at any absolute accuracy floors asked for (e.g. 0.99 to compare with published
 * 1.0%-error models). Needs the table only, no Spark.
 */
public final class SweepReport {
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";
    private static final List<SizeAxis> AXES = List.of(
            new SizeAxis("filters", "remaining conv filters", ResultRecord::filtersKept),
            new SizeAxis("params", "remaining parameters", ResultRecord::paramsAfter),
            new SizeAxis("flops", "remaining FLOPs (multiply-accumulates)", ResultRecord::flopsAfter));

    private SweepReport() {
    }

    /** Writes both reports into {@code dir} (a sweep's output directory) and returns the HTML one's location. */
    public static String write(RunDirectory dir, List<Double> accuracyFloors) {
        // cut rows off their curve's validation front carry no test accuracy (see PruningPipeline)
        List<ResultRecord> rows = SweepResults.succeeded(SweepResults.read(dir)).stream()
                .filter(r -> r.accuracyAfterPrune() != null).toList();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>sparkprune sweep report</title></head><body>\n<h1>Accuracy / size trade-off</h1>\n");
        StringBuilder md = new StringBuilder("# Accuracy / size trade-off\n\n");
        if (!SweepResults.finished(dir)) {
            long points = rows.stream().map(ResultRecord::pointId).distinct().count();
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
        double baseline = BestModels.baselineAccuracy(rows);
        boolean finetuned = rows.stream().anyMatch(r -> r.accuracyAfterFinetune() != null);
        Map<String, Double> floors = new LinkedHashMap<>();
        floors.put(String.format(Locale.ROOT, "%s (>= %.4f - %.1f pt)", baselineName(rows), baseline,
                BestModels.TOLERANCE * 100), baseline - BestModels.TOLERANCE);
        accuracyFloors.forEach(f -> floors.put(String.format(Locale.ROOT, "accuracy >= %.4f", f), f));
        for (Map.Entry<String, Double> f : floors.entrySet()) {
            String condition = f.getKey();
            double floor = f.getValue();
            tables.add(new BestTable(condition, BestModels.at(rows, floor), finetuned));
            if (finetuned) {
                // fine-tuning can rescue a harder pruning: the smallest model may be another one
                tables.add(new BestTable(condition + " after fine-tuning", BestModels.at(
                        rows.stream().filter(r -> r.accuracyAfterFinetune() != null).toList(), floor,
                        ResultRecord::accuracyAfterFinetune), true));
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

    private record SizeAxis(String name, String label, ToDoubleFunction<ResultRecord> size) {
    }

    /** What the baseline accuracy is, in the table titles: a follow-up sweep often has no baseline. */
    private static String baselineName(List<ResultRecord> rows) {
        return BestModels.hasBaseline(rows) ? "baseline accuracy"
                : "best unpruned accuracy, no " + BestModels.BASELINE + " point in this sweep";
    }

    /** One "smallest model per regularizer" table, rendered for either report. */
    private record BestTable(String condition, Map<String, Optional<ResultRecord>> best, boolean finetuned) {
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

        private List<String> cells(String reg, ResultRecord r) {
            List<String> c = new ArrayList<>(List.of(reg, String.valueOf(r.lambda()), String.valueOf(r.threshold()),
                    String.format(Locale.ROOT, "%.4f", r.accuracyAfterPrune()), r.filtersAfter(),
                    String.format(Locale.ROOT, "%,d", r.paramsAfter()), String.format(Locale.ROOT, "%,d", r.flopsAfter())));
            if (finetuned) {
                c.add(r.accuracyAfterFinetune() == null ? "-"
                        : String.format(Locale.ROOT, "%.4f", r.accuracyAfterFinetune()));
            }
            return c;
        }
    }
}
