package io.sparkprune.spark.prune;

import io.sparkprune.budget.BudgetTables;
import io.sparkprune.budget.SensitivityPoint;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Per-layer sensitivity curves (XChart PNG): validation accuracy against the share of one layer's
 * filters removed, the other layers untouched; one line per layer, the target as a dashed line.
 */
public final class SensitivityPlot {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private SensitivityPlot() {
    }

    public static byte[] png(List<BudgetTables.Curve> curves, double target) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("layer sensitivity: only that layer pruned").xAxisTitle("share of the layer's filters removed")
                .yAxisTitle("validation accuracy").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
        for (BudgetTables.Curve c : curves) {
            double[] x = c.points().stream().mapToDouble(c::shareRemoved).toArray();
            double[] y = c.points().stream().mapToDouble(SensitivityPoint::valAccuracy).toArray();
            chart.addSeries(c.layer().name() + " (" + c.layer().units() + ")", x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        XYSeries line = chart.addSeries("target " + target, new double[]{0, 1}, new double[]{target, target});
        line.setLineStyle(SeriesLines.DASH_DASH);
        line.setLineColor(Color.BLACK);
        line.setMarker(SeriesMarkers.NONE);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the sensitivity plot: " + e.getMessage(), e);
        }
    }
}
