package io.sparkprune.spark.report;

import io.sparkprune.cli.Main;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.results.BestModels;
import io.sparkprune.results.Column;
import io.sparkprune.results.FloorSelection;
import io.sparkprune.results.SelectionBasis;
import io.sparkprune.results.ResultColumns;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.ResultsCsv;
import io.sparkprune.results.SweepResults;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report from a hand-written results.csv: no training, no Spark. */
class SweepReportTest {
    static final List<String> COLUMNS = ResultColumns.SWEEP.stream().map(Column::name).toList();

    /** A results.csv line: the given columns set, the others empty. */
    static String row(String id, String status, String reason, String regularizer, double threshold,
                      double accuracyBefore, double accuracy, String filters, long params) {
        Map<String, String> v = Map.of("point_id", id, "status", status, "reason", reason,
                "regularizer_type", regularizer, "regularizer_lambda", "0.1", "threshold", String.valueOf(threshold),
                "accuracy_before_prune", String.valueOf(accuracyBefore), "accuracy_after_prune", String.valueOf(accuracy),
                "filters_after", filters, "params_after", String.valueOf(params));
        return COLUMNS.stream().map(c -> c.equals("flops_after") ? String.valueOf(params * 10) : v.getOrDefault(c, ""))
                .collect(Collectors.joining(","));
    }

    static String results() {
        return String.join("\n", String.join(",", COLUMNS),
                row("a", "ok", "", "none", 0, 0.95, 0.95, "20-50", 4000),
                row("a", "ok", "", "none", 0.2, 0.95, 0.90, "10-20", 2000),
                row("b", "ok", "", "l1l2", 0, 0.951, 0.951, "20-50", 4000),
                row("b", "ok", "", "l1l2", 0.1, 0.951, 0.9495, "5-10", 1000),
                row("b", "ok", "", "l1l2", 0.2, 0.951, 0.93, "3-5", 500),
                row("c", "failed", "\"TrainingDivergedException: loss NaN, epoch 1\"", "ssl", 0, 0, 0, "", 0)) + "\n";
    }

    static List<ResultRecord> succeeded() {
        return SweepResults.succeeded(ResultsCsv.read(results()));
    }

    @Test
    void failedRowsAreSkippedAndQuotedReasonsParsed() {
        List<ResultRecord> all = ResultsCsv.read(results());
        assertEquals("TrainingDivergedException: loss NaN, epoch 1", all.get(5).reason());
        List<ResultRecord> rows = succeeded();
        assertEquals(5, rows.size());
        assertEquals(15, rows.get(3).filtersKept());
    }

    @Test
    void bestModelPerRegularizerIsTheSmallestAtBaselineAccuracy() {
        BestModels models = BestModels.of(succeeded());
        assertEquals(SelectionBasis.TEST, models.basis(), "no validation columns in this table");
        assertEquals(0.95, models.baselineAccuracy());
        Map<String, FloorSelection> best = models.at(models.baselineAccuracy() - BestModels.TOLERANCE);
        assertEquals(1000, best.get("l1l2").picked().get(0).paramsAfter(), "0.9495 is within 0.1 pt; 0.93 is not");
        assertEquals(4000, best.get("none").picked().get(0).paramsAfter());
    }

    @Test
    void perRegularizerPanelsEachDrawOnlyTheirRegularizerInItsCombinedPlotColour(@TempDir Path dir) throws Exception {
        RunDirectory.open(dir.toString(), new Configuration()).writeText(SweepResults.RESULTS_CSV, results());
        assertEquals(0, Main.run("report", "--in", dir.toString()));
        assertTrue(Files.readString(dir.resolve(SweepReport.MARKDOWN))
                .contains("[one panel per regularizer](accuracy-vs-params-by-regularizer.png)"));
        BufferedImage panels = ImageIO.read(dir.resolve("accuracy-vs-params-by-regularizer.png").toFile());
        List<String> regularizers = List.of("l1l2", "none"); // colour order: sorted, as in the combined plot
        assertEquals(2 * TradeoffPlot.PANEL_WIDTH, panels.getWidth(), "two panels side by side");
        assertEquals(TradeoffPlot.PANEL_HEIGHT, panels.getHeight());
        for (int panel = 0; panel < regularizers.size(); panel++) {
            for (int reg = 0; reg < regularizers.size(); reg++) {
                int pixels = pixelsOf(panels, panel * TradeoffPlot.PANEL_WIDTH, TradeoffPlot.PALETTE[reg]);
                if (reg == panel) {
                    assertTrue(pixels > 20, regularizers.get(reg) + "'s panel draws its models: " + pixels);
                } else {
                    assertEquals(0, pixels, regularizers.get(reg) + " drawn in " + regularizers.get(panel) + "'s panel");
                }
            }
        }
    }

    private static int pixelsOf(BufferedImage image, int x0, Color color) {
        int n = 0;
        for (int x = x0; x < x0 + TradeoffPlot.PANEL_WIDTH; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                n += (image.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void withoutANonePointTheFirstFloorIsNamedForTheBestUnprunedModel(@TempDir Path dir) throws Exception {
        String withoutNone = results().lines().filter(l -> !l.contains(",none,"))
                .collect(Collectors.joining("\n")) + "\n";
        RunDirectory.open(dir.toString(), new Configuration()).writeText(SweepResults.RESULTS_CSV, withoutNone);
        assertEquals(0, Main.run("report", "--in", dir.toString()));
        String md = Files.readString(dir.resolve(SweepReport.MARKDOWN));
        assertTrue(md.contains("at best unpruned setting (no none point in this sweep) - 0.1 pt (test accuracy >= 0.9500)"),
                md);
        assertFalse(md.contains("Baseline"), md);
    }

    @Test
    void reportCommandWritesHtmlAndThreePlots(@TempDir Path dir) throws Exception {
        RunDirectory.open(dir.toString(), new Configuration()).writeText(SweepResults.RESULTS_CSV, results());
        assertEquals(0, Main.run("report", "--in", dir.toString()));
        String html = Files.readString(dir.resolve(SweepReport.HTML));
        for (String axis : List.of("filters", "params", "flops")) {
            String png = "accuracy-vs-" + axis + ".png";
            assertTrue(html.contains("src=\"" + png + "\""), png);
            assertTrue(html.contains("href=\"accuracy-vs-" + axis + "-full.png\""), png);
            BufferedImage zoomed = ImageIO.read(dir.resolve(png).toFile());
            BufferedImage full = ImageIO.read(dir.resolve("accuracy-vs-" + axis + "-full.png").toFile());
            assertEquals(TradeoffPlot.WIDTH, zoomed.getWidth());
            assertEquals(TradeoffPlot.WIDTH, full.getWidth());
        }
        assertTrue(html.contains("<td>l1l2</td><td>0.1</td><td>0.1</td><td>5-10</td><td>1,000</td><td>10,000</td>"
                + "<td>0.9495</td>"), html);
        String md = Files.readString(dir.resolve(SweepReport.MARKDOWN));
        assertTrue(md.contains("![accuracy vs remaining conv filters](accuracy-vs-filters.png)"), md);
        assertTrue(md.contains("| l1l2 | 0.1 | 0.1 | 5-10 | 1,000 | 10,000 | 0.9495 |"), md);
        assertTrue(md.contains("**Selected on test accuracy: this sweep has no validation split (data.validation)"), md);
        assertTrue(md.contains("**One replicate per setting: no intervals."), md);
        assertTrue(md.contains("needs sweep.replicates >= 2 (3 recommended)"), md);

        // an absolute floor below the baseline admits the smaller, less accurate l1l2 model (0.93)
        assertEquals(0, Main.run("report", "--in", dir.toString(), "--at-accuracy", "0.92"));
        md = Files.readString(dir.resolve(SweepReport.MARKDOWN));
        assertTrue(md.contains("## Smallest model per regularizer at test accuracy >= 0.9200"), md);
        assertTrue(md.contains("| 0.9300 |"), md);
        assertEquals(2, Main.run("report", "--in", dir.toString(), "--at-accuracy", "99"), "accuracy is a fraction");
        assertEquals(2, Main.run("report", "--in", dir.resolve("empty").toString()), "no results.csv");
    }

    @Test
    void reportOfAnUnfinishedSweepUsesThePointsFinishedSoFar(@TempDir Path dir) throws Exception {
        List<String> lines = results().lines().toList();
        RunDirectory out = RunDirectory.open(dir.toString(), new Configuration());
        out.writeText("points/a.csv", String.join("\n", lines.get(0), lines.get(1), lines.get(2)) + "\n");
        out.writeText("points/b.csv", String.join("\n", lines.get(0), lines.get(3), lines.get(4), lines.get(5)) + "\n");
        assertEquals(0, Main.run("report", "--in", dir.toString()));
        String md = Files.readString(dir.resolve(SweepReport.MARKDOWN));
        assertTrue(md.contains("Partial report") && md.contains("2 trained points so far"), md);
        assertTrue(md.contains("| l1l2 | 0.1 | 0.1 | 5-10 | 1,000 | 10,000 | 0.9495 |"), md);
    }

    @Test
    void fineTunedAccuraciesGetTablesOfTheirOwnWhereAHarderPruningCanWin(@TempDir Path dir) throws Exception {
        // fine-tuning brings l1l2's 3-5 model (0.93) back to 0.9502
        List<ResultRecord> rows = ResultsCsv.read(results()).stream().map(r -> !r.ok() ? r
                : withFinetuned(r, r.filtersAfter().equals("3-5") ? 0.9502 : 0.951)).toList();
        RunDirectory.open(dir.toString(), new Configuration()).writeText(SweepResults.RESULTS_CSV,
                ResultsCsv.write(ResultColumns.SWEEP, rows));
        assertEquals(0, Main.run("report", "--in", dir.toString()));
        String md = Files.readString(dir.resolve(SweepReport.MARKDOWN));
        assertTrue(md.contains("| l1l2 | 0.1 | 0.1 | 5-10 | 1,000 | 10,000 | 0.9495 | 0.9510 |"), md);
        assertTrue(md.contains("at baseline - 0.1 pt (test accuracy >= 0.9490) after fine-tuning"), md);
        assertTrue(md.contains("| l1l2 | 0.1 | 0.2 | 3-5 | 500 | 5,000 | 0.9300 | 0.9502 |"), md);
        assertTrue(Files.readString(dir.resolve(SweepReport.HTML)).contains("<th>fine-tuned test accuracy</th>"));
    }

    private static ResultRecord withFinetuned(ResultRecord r, double finetuned) {
        return new ResultRecord(r.pointIndex(), r.pointId(), r.settingId(), r.replicate(), r.status(), r.reason(),
                r.config(), r.threshold(), r.thresholdKind(), r.accuracyBeforePrune(), r.accuracyAfterPrune(),
                r.valAccuracyBeforePrune(), r.valAccuracyAfterPrune(), r.filtersBefore(), r.filtersAfter(),
                r.paramsBefore(), r.paramsAfter(), r.flopsBefore(), r.flopsAfter(), r.trainSeconds(), finetuned,
                r.valAccuracyAfterFinetune());
    }
}
