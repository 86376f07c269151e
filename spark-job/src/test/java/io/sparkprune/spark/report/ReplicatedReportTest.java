package io.sparkprune.spark.report;

import io.sparkprune.cli.Main;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.results.CurvePoint;
import io.sparkprune.results.Estimate;
import io.sparkprune.results.ResultColumns;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.ResultsCsv;
import io.sparkprune.results.SweepResults;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of a sweep with a validation split and three replicates per setting, from a written results.csv. */
class ReplicatedReportTest {
    private static final double[] THRESHOLDS = {0, 0.05, 0.1, 0.2};

    private static ResultRecord row(String reg, double lambda, int replicate, double threshold, double testBefore,
                                    double test, double valBefore, double val, long params) {
        String setting = reg + lambda;
        return new ResultRecord(0, setting + "r" + replicate, setting, replicate, ResultRecord.OK, "",
                Map.of(ResultColumns.REGULARIZER_TYPE, reg, ResultColumns.REGULARIZER_LAMBDA, lambda), threshold,
                threshold == 0.05 ? CurvePoint.CUT : CurvePoint.GRID, testBefore, test, valBefore, val, "20-50",
                params / 100 + "-10", 4000L, params, 40000L, params * 10, 1.0, null, null);
    }

    /**
     * l1 keeps its validation accuracy down to 1/4 of the params in every replicate, l2 to 1/2;
     * the test accuracies say the opposite (l2's small models test well, l1's badly): a report
     * selecting on test would pick other models.
     */
    static List<ResultRecord> rows() {
        List<ResultRecord> rows = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            double noise = 0.001 * r;
            for (double t : THRESHOLDS) {
                rows.add(row("none", 0, r, t, 0.950 + noise, 0.950 + noise - t, 0.960 + noise, 0.960 + noise - t, 4000));
                long l1Params = Math.round(4000 * (1 - 3.75 * t)) - 20L * r;
                rows.add(row("l1", 0.1, r, t, 0.951, t == 0.2 ? 0.90 : 0.951, 0.962, 0.962 - t / 200, l1Params));
                long l2Params = Math.round(4000 * (1 - 2.5 * t)) + 20L * r;
                rows.add(row("l2", 0.1, r, t, 0.951, 0.951, 0.962, t > 0.1 ? 0.9 : 0.962 - t / 100, l2Params));
            }
        }
        return rows;
    }

    private static String report(Path dir, List<ResultRecord> rows) throws Exception {
        RunDirectory.open(dir.toString(), new Configuration()).writeText(SweepResults.RESULTS_CSV,
                ResultsCsv.write(ResultColumns.SWEEP, rows));
        assertEquals(0, Main.run("report", "--in", dir.toString(), "--at-accuracy", "0.95"));
        return Files.readString(dir.resolve(SweepReport.MARKDOWN));
    }

    @Test
    void selectsOnValidationAndStatesOnlyWhatThePairedIntervalsSupport(@TempDir Path dir) throws Exception {
        String md = report(dir, rows());
        assertFalse(md.contains("Selected on test accuracy"), md);
        assertTrue(md.contains("Selections (baseline accuracy, floors, smallest models, best settings) use validation"));
        assertTrue(md.contains("3 replicates per setting: means with 95% Student t intervals"), md);
        // the baseline: validation 0.960, 0.961, 0.962 -> 0.961 +- t(0.975, 2) * 0.001 / sqrt(3)
        Estimate val = Estimate.of(0.960, 0.961, 0.962);
        assertTrue(md.contains("| none | 0.0 | none0.0 | 3 | " + val.format("%.4f") + " | "
                + Estimate.of(0.950, 0.951, 0.952).format("%.4f") + " |"), md);
        assertTrue(md.contains("at baseline - 0.1 pt (validation accuracy >= 0.9600)"), md);
        // l1's threshold-0.2 models (1000 - 20 r params, validation 0.961) in every replicate, whatever their test accuracy
        Estimate l1Params = Estimate.of(1000, 980, 960);
        // 980 of 4,000 params on average: -75.5%; filters per layer "10-10", "9-10", "9-10"
        assertTrue(md.contains("| l1 | 3/3 | 0.1 (3) | " + l1Params.format("%,.0f") + " (-75.5%) | "
                + Estimate.of(20, 19, 19).format("%.1f") + " | 9.3-10.0 | "), md);
        assertTrue(md.contains(Estimate.of(0.90, 0.90, 0.90).format("%.4f") + " |"), "their test accuracy is reported");
        // paired with l2's threshold-0.1 models (3000 + 20 r params): the geometric mean of the ratios
        double ratio = Math.exp(Estimate.of(Math.log(1000 / 3000.0), Math.log(980 / 3020.0), Math.log(960 / 3040.0)).mean());
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "- l1 is smaller than l2: params ratio l1/l2 %.3f (95%% "
                + "interval", ratio)), md);
        assertTrue(md.contains("- l1 is smaller than none: "), md);
        assertTrue(md.contains("validation accuracy (selects) | test accuracy |"), md);
        // every setting: l1's unpruned models, then at the grid thresholds 0, 0.1 and 0.2 (not the cut at 0.05)
        assertTrue(md.contains("| threshold 0.0: filters, params, validation accuracy | threshold 0.1: filters, params, "
                + "validation accuracy | threshold 0.2: filters, params, validation accuracy |"), md);
        assertTrue(md.contains("| l1 | 0.1 | l10.1 | 3 | " + Estimate.of(0.962, 0.962, 0.962).format("%.4f") + " | "
                + Estimate.of(0.951, 0.951, 0.951).format("%.4f") + " | - | "), md);
        assertTrue(md.contains("; " + Estimate.of(0.9615, 0.9615, 0.9615).format("%.4f") + " | "
                + Estimate.of(20, 19, 19).format("%.0f") + "; " + l1Params.format("%,.0f") + "; "
                + Estimate.of(0.961, 0.961, 0.961).format("%.4f") + " |\n"), md);
    }

    @Test
    void scramblingTestAccuraciesChangesOnlyTheTestAccuracyCells(@TempDir Path dir) throws Exception {
        List<ResultRecord> rows = rows();
        String original = withoutTestAccuracy(report(dir.resolve("a"), rows));
        String scrambled = withoutTestAccuracy(report(dir.resolve("b"), shuffle(rows, ResultRecord::accuracyAfterPrune,
                false)));
        assertEquals(original, scrambled, "test accuracy changed a selection");
        String valScrambled = withoutTestAccuracy(report(dir.resolve("c"), shuffle(rows,
                ResultRecord::valAccuracyAfterPrune, true)));
        assertNotEquals(original, valScrambled, "the selections follow validation accuracy");
    }

    /** The rows with one accuracy after pruning (test or validation) permuted among them. */
    private static List<ResultRecord> shuffle(List<ResultRecord> rows, ToDoubleFunction<ResultRecord> accuracy,
                                              boolean validation) {
        List<Double> values = new ArrayList<>(rows.stream().map(accuracy::applyAsDouble).toList());
        Collections.shuffle(values, new Random(11));
        List<ResultRecord> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ResultRecord r = rows.get(i);
            double v = values.get(i);
            out.add(new ResultRecord(r.pointIndex(), r.pointId(), r.settingId(), r.replicate(), r.status(), r.reason(),
                    r.config(), r.threshold(), r.thresholdKind(), r.accuracyBeforePrune(),
                    validation ? r.accuracyAfterPrune() : v, r.valAccuracyBeforePrune(),
                    validation ? v : r.valAccuracyAfterPrune(), r.filtersBefore(), r.filtersAfter(), r.paramsBefore(),
                    r.paramsAfter(), r.flopsBefore(), r.flopsAfter(), r.trainSeconds(), null, null));
        }
        return out;
    }

    /** The report's tables without their "test accuracy" column (the one thing a test scramble may change). */
    private static String withoutTestAccuracy(String md) {
        StringBuilder out = new StringBuilder();
        int column = -1;
        for (String line : md.split("\n")) {
            if (!line.startsWith("|")) {
                column = -1;
                out.append(line).append('\n');
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(line.substring(2, line.length() - 2).split(" \\| ", -1)));
            if (column < 0) {
                column = cells.indexOf("test accuracy");
            }
            if (column >= 0 && column < cells.size() && !line.startsWith("|---")) {
                cells.remove(column);
            }
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return out.toString();
    }
}
