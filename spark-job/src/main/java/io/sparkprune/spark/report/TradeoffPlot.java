package io.sparkprune.spark.report;

import io.sparkprune.results.ResultRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Accuracy against one size measure (XChart): every (model, threshold) as a dot coloured by
 * regularizer, each regularizer's own Pareto front as a line in its colour, and the overall
 * Pareto front as a dashed black line with square markers.
 */
final class TradeoffPlot {
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    /** Fixed colours, so a regularizer's dots and its front line match (XChart colours at paint time). */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private final String xLabel;
    private final ToDoubleFunction<ResultRecord> size;

    TradeoffPlot(String xLabel, ToDoubleFunction<ResultRecord> size) {
        this.xLabel = xLabel;
        this.size = size;
    }

    BufferedImage draw(List<ResultRecord> rows) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("accuracy vs " + xLabel)
                .xAxisTitle(xLabel).yAxisTitle("test accuracy").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(6);
        Map<String, List<ResultRecord>> byRegularizer = new TreeMap<>(
                rows.stream().collect(Collectors.groupingBy(ResultRecord::regularizer)));
        int i = 0;
        for (Map.Entry<String, List<ResultRecord>> e : byRegularizer.entrySet()) {
            Color color = PALETTE[i++ % PALETTE.length];
            XYSeries dots = add(chart, e.getKey(), e.getValue(), XYSeries.XYSeriesRenderStyle.Scatter);
            dots.setMarker(SeriesMarkers.CIRCLE);
            dots.setMarkerColor(color);
            XYSeries front = add(chart, e.getKey() + " front", ParetoFront.of(e.getValue(), size, ResultRecord::accuracyAfterPrune),
                    XYSeries.XYSeriesRenderStyle.Line);
            front.setMarker(SeriesMarkers.NONE);
            front.setLineColor(color);
            front.setShowInLegend(false);
        }
        XYSeries overall = add(chart, "Pareto front", ParetoFront.of(rows, size, ResultRecord::accuracyAfterPrune),
                XYSeries.XYSeriesRenderStyle.Line);
        overall.setLineStyle(SeriesLines.DASH_DASH);
        overall.setLineColor(Color.BLACK);
        overall.setMarker(SeriesMarkers.SQUARE);
        overall.setMarkerColor(Color.BLACK);
        return BitmapEncoder.getBufferedImage(chart);
    }

    private XYSeries add(XYChart chart, String name, List<ResultRecord> rows, XYSeries.XYSeriesRenderStyle style) {
        double[] x = rows.stream().mapToDouble(size).toArray();
        double[] y = rows.stream().mapToDouble(ResultRecord::accuracyAfterPrune).toArray();
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(style);
        return s;
    }
}
