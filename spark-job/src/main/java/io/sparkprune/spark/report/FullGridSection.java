package io.sparkprune.spark.report;

import io.sparkprune.halving.FullGridComparison;
import io.sparkprune.results.Estimate;
import io.sparkprune.results.FloorSelection;
import io.sparkprune.results.ResultRecord;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The report's section on a halving sweep against the full grid of its points ({@code report --against}). */
final class FullGridSection {
    private FullGridSection() {
    }

    /**
     * Where the full grid is, as the report's reader can follow it: relative to the report's directory
     * when both are on one file system (reports are committed beside their sweeps), else its URI.
     */
    static String location(URI report, URI fullGrid) {
        boolean sameFileSystem = Objects.equals(report.getScheme(), fullGrid.getScheme())
                && Objects.equals(report.getAuthority(), fullGrid.getAuthority());
        return sameFileSystem ? Path.of(report.getPath()).relativize(Path.of(fullGrid.getPath()))
                + " (relative to this report)" : fullGrid.toString();
    }

    static void render(ReportDocument doc, FullGridComparison c, String fullGrid) {
        doc.heading(2, "Against the full grid");
        doc.paragraph(String.format(Locale.ROOT, "The full grid in %s trained every point to the end: %d epochs and "
                        + "%.0f s of training over its points; this sweep %d epochs (%.0f%%) and %.0f s (%.0f%%; seconds "
                        + "depend on the machine's load during each run). Of the %d models on the full grid's front "
                        + "(validation accuracy against params, every model of every replicate), this sweep finished %d.",
                fullGrid, c.fullEpochs(), c.fullTrainSeconds(), c.halvingEpochs(), 100 * c.epochFraction(),
                c.halvingTrainSeconds(), 100 * c.halvingTrainSeconds() / c.fullTrainSeconds(), c.frontSize(),
                c.frontKept()));
        doc.paragraph("Per floor below the full grid's baseline (" + String.format(Locale.ROOT, "%.4f", c.baselineAccuracy())
                + "), each regularizer's smallest models in both sweeps: \"same picks\" counts the replicates where "
                + "halving picked the very model the full grid did; the ratio is halving's params over the full "
                + "grid's, paired over replicates (geometric mean, 95% interval): 1 where halving kept the winners.");
        for (FullGridComparison.Floor f : c.floors()) {
            doc.heading(3, String.format(Locale.ROOT, "Baseline - %.1f pt (validation accuracy >= %.4f)",
                    100 * f.tolerance(), f.floor()));
            doc.table(List.of("regularizer", "full grid: params", "full grid: lambdas", "halving: params",
                    "halving: lambdas", "same picks", "params ratio halving / full"), f.rows().stream()
                    .map(FullGridSection::cells).toList());
        }
    }

    private static List<String> cells(FullGridComparison.Row r) {
        List<String> c = new ArrayList<>(List.of(r.regularizer()));
        c.add(params(r.full()));
        c.add(lambdas(r.full()));
        c.add(params(r.halving()));
        c.add(lambdas(r.halving()));
        c.add(r.samePicks() + "/" + r.full().reached());
        c.add(r.logRatio().map(FullGridSection::ratio).orElse("-"));
        return c;
    }

    private static String params(FloorSelection s) {
        return s.reached() == 0 ? "no model reaches it"
                : s.estimate(ResultRecord::paramsAfter).format("%,.0f") + " (" + s.reached() + "/" + s.replicates() + ")";
    }

    private static String lambdas(FloorSelection s) {
        return String.join(", ", s.picked().stream().map(r -> String.valueOf(r.lambda())).distinct().sorted().toList());
    }

    private static String ratio(Estimate logRatio) {
        if (!logRatio.hasInterval()) {
            return String.format(Locale.ROOT, "%.3f (%d replicate)", Math.exp(logRatio.mean()), logRatio.n());
        }
        return String.format(Locale.ROOT, "%.3f (%.3f to %.3f)", Math.exp(logRatio.mean()), Math.exp(logRatio.low()),
                Math.exp(logRatio.high()));
    }
}
