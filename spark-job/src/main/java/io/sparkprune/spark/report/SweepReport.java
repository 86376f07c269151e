package io.sparkprune.spark.report;

import io.sparkprune.halving.FullGridComparison;
import io.sparkprune.halving.HalvingSummary;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.results.BestModels;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.SelectionBasis;
import io.sparkprune.results.SettingSummary;
import io.sparkprune.results.SweepResults;
import io.sparkprune.results.UnprunedAccuracy;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * {@code OUT/report.html} and {@code OUT/report.md} from a sweep's results table: accuracy against
 * remaining filters, params and FLOPs (PNG files beside them, zoomed and full range), the
 * baseline's accuracy, every setting over its replicates, and per regularizer the smallest model
 * (fewest params) at floors 0.1, 0.5 and 1 pt below the baseline and at any absolute floors asked for. Selections follow
 * {@link BestModels}: on validation accuracy when the table has it; replicates give means, 95%
 * intervals and paired statements. Needs the table only, no Spark.
 */
public final class SweepReport {
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";
    /** The zoomed plots show accuracies from this far below the baseline up. */
    static final double ZOOM_BELOW_BASELINE = 0.05;
    private static final List<SizeAxis> AXES = List.of(
            new SizeAxis("filters", "remaining conv filters", ResultRecord::filtersKept, false),
            new SizeAxis("params", "remaining parameters", ResultRecord::paramsAfter, true),
            new SizeAxis("flops", "remaining FLOPs (multiply-accumulates)", ResultRecord::flopsAfter, true));

    private SweepReport() {
    }

    /** Writes both reports into {@code dir} (a sweep's output directory) and returns the HTML one's location. */
    public static String write(RunDirectory dir, List<Double> accuracyFloors) {
        return write(dir, accuracyFloors, Optional.empty());
    }

    /**
     * As {@link #write(RunDirectory, List)}; a halving sweep's report compared with {@code fullGrid}, the
     * finished full grid of the same points ({@link FullGridComparison#problem} must be empty).
     */
    public static String write(RunDirectory dir, List<Double> accuracyFloors, Optional<RunDirectory> fullGrid) {
        List<ResultRecord> all = SweepResults.read(dir);
        List<ResultRecord> rows = SweepResults.succeeded(all);
        ReportDocument doc = new ReportDocument("Accuracy / size trade-off");
        if (!SweepResults.finished(dir)) {
            long points = rows.stream().map(ResultRecord::pointId).distinct().count();
            doc.warning("Partial report: the sweep has not finished; " + points
                    + " trained points so far. Run report again when sweep --resume has completed.");
        }
        if (rows.isEmpty()) {
            doc.paragraph("No point of this sweep trained successfully: nothing to plot.");
            write(dir, doc);
            return dir.path(HTML).toString();
        }
        BestModels best = BestModels.of(rows);
        SelectionBasis basis = best.basis();
        boolean replicated = best.replicates() >= 2;
        if (basis == SelectionBasis.VALIDATION) {
            doc.paragraph("Selections (baseline accuracy, floors, smallest models, best settings) use validation "
                    + "accuracy; the tables also report the selected models' test accuracy.");
        } else {
            doc.warning("Selected on test accuracy: this sweep has no validation split (data.validation), so the "
                    + "test accuracies below are optimistic for the models they select.");
        }
        if (replicated) {
            doc.paragraph(best.replicates() + " replicates per setting: means with 95% Student t intervals over "
                    + "replicates; a regularizer is called smaller than another only where the interval of their "
                    + "paired params ratio excludes 1.");
        } else {
            doc.warning("One replicate per setting: no intervals. A claim that one regularizer prunes further than "
                    + "another needs sweep.replicates >= 2 (3 recommended).");
        }
        HalvingSummary.of(all).ifPresent(halving -> RungSection.render(doc, halving));
        fullGrid.ifPresent(full -> FullGridSection.render(doc, FullGridComparison.of(all, SweepResults.read(full)),
                FullGridSection.location(dir.uri(), full.uri())));
        UnprunedAccuracy baseline = best.baseline().orElseThrow();
        baseline(doc, best, baseline, basis);
        new SettingTable(SettingSummary.of(rows, basis), basis).render(doc);

        double base = best.baselineAccuracy();
        Map<String, String> bandSettings = best.bestSettings(base - BestModels.TOLERANCE);
        double zoom = base - ZOOM_BELOW_BASELINE;
        List<ResultRecord> stopped = all.stream().filter(r -> r.stopped() && r.grid()).toList();
        for (SizeAxis axis : AXES) {
            TradeoffPlot plot = new TradeoffPlot(axis.label(), axis.size(), axis.log());
            String png = "accuracy-vs-" + axis.name() + ".png";
            String fullPng = "accuracy-vs-" + axis.name() + "-full.png";
            String panelsPng = "accuracy-vs-" + axis.name() + "-by-regularizer.png";
            writePng(dir, png, plot.draw(rows, stopped, basis, bandSettings, zoom));
            writePng(dir, fullPng, plot.draw(rows, stopped, basis, bandSettings, Double.NaN));
            writePng(dir, panelsPng, plot.drawPerRegularizer(rows, stopped, basis, bandSettings, zoom));
            doc.heading(2, "Accuracy vs " + axis.label()).image(png, "accuracy vs " + axis.label(), fullPng, panelsPng);
        }
        if (replicated) {
            doc.paragraph("Bands: each regularizer's best setting at the first floor below (fewest mean params "
                    + "there, chosen on " + basis.label() + "): " + String.join(", ", bandSettings.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList()) + ".");
        }

        boolean finetuned = rows.stream().anyMatch(r -> basis.finetuned(r) != null);
        Map<String, Double> floors = new LinkedHashMap<>();
        String baseName = best.hasBaseline() ? "baseline" : "best unpruned setting (no " + BestModels.BASELINE
                + " point in this sweep)";
        for (double tolerance : BestModels.TOLERANCES) {
            floors.put(String.format(Locale.ROOT, "%s - %.1f pt (%s >= %.4f)", baseName, tolerance * 100,
                    basis.label(), base - tolerance), base - tolerance);
        }
        accuracyFloors.forEach(f -> floors.put(String.format(Locale.ROOT, "%s >= %.4f", basis.label(), f), f));
        List<FloorTable> tables = new ArrayList<>();
        floors.forEach((condition, floor) -> {
            tables.add(new FloorTable(condition, best.at(floor), basis, replicated, finetuned));
            if (finetuned) {
                // fine-tuning can rescue a harder pruning: the smallest model may be another one
                tables.add(new FloorTable(condition + " after fine-tuning", best.atFinetuned(floor), basis,
                        replicated, true));
            }
        });
        tables.forEach(t -> t.render(doc));
        write(dir, doc);
        return dir.path(HTML).toString();
    }

    private static void baseline(ReportDocument doc, BestModels best, UnprunedAccuracy b, SelectionBasis basis) {
        doc.heading(2, best.hasBaseline() ? "Baseline (unregularized, unpruned)"
                : "Best unpruned setting (no " + BestModels.BASELINE + " point in this sweep)");
        List<String> columns = new ArrayList<>(List.of("regularizer", "lambda", "setting", "replicates"));
        List<String> cells = new ArrayList<>(List.of(b.regularizer(), String.valueOf(b.lambda()), b.settingId(),
                String.valueOf(b.test().n())));
        if (basis == SelectionBasis.VALIDATION) {
            columns.add("validation accuracy");
            cells.add(b.validation().format("%.4f"));
        }
        columns.add("test accuracy");
        cells.add(b.test().format("%.4f"));
        doc.table(columns, List.of(cells));
    }

    private static void writePng(RunDirectory dir, String name, BufferedImage image) {
        dir.write(name, out -> ImageIO.write(image, "png", out));
    }

    private static void write(RunDirectory dir, ReportDocument doc) {
        dir.writeText(HTML, doc.html());
        dir.writeText(MARKDOWN, doc.markdown());
    }

    private record SizeAxis(String name, String label, ToDoubleFunction<ResultRecord> size, boolean log) {
    }
}
