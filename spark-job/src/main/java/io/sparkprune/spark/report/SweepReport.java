package io.sparkprune.spark.report;

import io.sparkprune.io.RunDirectory;
import io.sparkprune.spark.sweep.SweepJob;

import javax.imageio.ImageIO;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * {@code OUT/report.html} from a sweep's results.csv: accuracy against remaining filters, params
 * and FLOPs (PNG files beside it), and per regularizer the smallest model (fewest params) that keeps
 * the baseline's accuracy within {@link #TOLERANCE}.
 */
public final class SweepReport {
    public static final String HTML = "report.html";
    /** 0.1 accuracy points below the baseline still counts as equal accuracy. */
    static final double TOLERANCE = 0.001;
    private static final String BASELINE = "none";

    private SweepReport() {
    }

    /** Writes the report into {@code dir} (which holds results.csv) and returns its location. */
    public static String write(RunDirectory dir) {
        List<ResultRow> rows = ResultRow.parse(dir.readText(SweepJob.RESULTS_CSV));
        List<SizeAxis> axes = List.of(new SizeAxis("filters", "remaining conv filters", ResultRow::filters),
                new SizeAxis("params", "remaining parameters", r -> r.params()),
                new SizeAxis("flops", "remaining FLOPs (multiply-accumulates)", r -> r.flops()));
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>sparkprune sweep report</title></head><body>\n<h1>Accuracy / size trade-off</h1>\n");
        if (rows.isEmpty()) {
            html.append("<p>No point of this sweep trained successfully: nothing to plot.</p>\n");
        }
        for (SizeAxis axis : rows.isEmpty() ? List.<SizeAxis>of() : axes) {
            String png = "accuracy-vs-" + axis.name() + ".png";
            var image = new TradeoffPlot(axis.label(), axis.size()).draw(rows);
            dir.write(png, out -> ImageIO.write(image, "png", out));
            html.append("<h2>Accuracy vs ").append(axis.label()).append("</h2>\n<img src=\"").append(png)
                    .append("\" alt=\"accuracy vs ").append(axis.label()).append("\">\n");
        }
        html.append(bestTable(rows)).append("</body></html>\n");
        dir.writeText(HTML, html.toString());
        return dir.path(HTML).toString();
    }

    private record SizeAxis(String name, String label, ToDoubleFunction<ResultRow> size) {
    }

    /** Per regularizer, the fewest-params model within TOLERANCE of the baseline's accuracy. */
    static Map<String, Optional<ResultRow>> bestAtBaselineAccuracy(List<ResultRow> rows) {
        double baseline = baselineAccuracy(rows);
        Map<String, Optional<ResultRow>> best = new TreeMap<>();
        rows.stream().collect(Collectors.groupingBy(ResultRow::regularizer)).forEach((reg, rs) ->
                best.put(reg, rs.stream().filter(r -> r.accuracy() >= baseline - TOLERANCE)
                        .min(Comparator.comparingLong(ResultRow::params).thenComparing(
                                Comparator.comparingDouble(ResultRow::accuracy).reversed()))));
        return best;
    }

    /** The unpruned baseline (regularizer none) if the sweep has one, else the best unpruned model. */
    static double baselineAccuracy(List<ResultRow> rows) {
        List<ResultRow> base = rows.stream().filter(r -> r.regularizer().equals(BASELINE)).toList();
        return (base.isEmpty() ? rows : base).stream().mapToDouble(ResultRow::accuracyBefore).max().orElse(0);
    }

    private static String bestTable(List<ResultRow> rows) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                "<h2>Smallest model per regularizer at baseline accuracy (&ge; %.4f - %.1f pt)</h2>\n",
                baselineAccuracy(rows), TOLERANCE * 100));
        t.append("<table border=\"1\" cellpadding=\"4\"><tr><th>regularizer</th><th>lambda</th><th>threshold</th>"
                + "<th>accuracy</th><th>filters kept per layer</th><th>params</th><th>FLOPs (MACs)</th></tr>\n");
        bestAtBaselineAccuracy(rows).forEach((reg, best) -> t.append(best.map(r -> String.format(Locale.ROOT,
                "<tr><td>%s</td><td>%s</td><td>%s</td><td>%.4f</td><td>%s</td><td>%,d</td><td>%,d</td></tr>\n",
                reg, r.lambda(), r.threshold(), r.accuracy(), r.filtersAfter(), r.params(), r.flops()))
                .orElse("<tr><td>" + reg + "</td><td colspan=\"6\">no model reaches it</td></tr>\n")));
        return t.append("</table>\n").toString();
    }
}
