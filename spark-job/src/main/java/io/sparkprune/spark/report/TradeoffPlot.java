package io.sparkprune.spark.report;

import io.sparkprune.results.ParetoFront;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.SelectionBasis;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Accuracy (the selection's: validation when the table has it) against one size measure, in
 * XChart: every (model, threshold) as a dot, coloured by regularizer with one marker shape per
 * lambda; each regularizer's own Pareto front as a line in its colour, or, with replicates, its
 * best setting's mean curve with 95% interval bars ({@link ReplicateBand}); the overall Pareto
 * front as a dashed black line; the rows of points that successive halving stopped early, faded in
 * their regularizer's colour (measured at their last rung: no part of any front). A zoomed view shows
 * only accuracies from a floor up; {@link #drawPerRegularizer} draws the same as one panel per regularizer.
 */
final class TradeoffPlot {
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    static final int PANEL_WIDTH = 600;
    static final int PANEL_HEIGHT = 420;
    static final int PANEL_COLUMNS = 3;
    private static final int BAND_BINS = 16;
    private static final int FADED_ALPHA = 60;
    /** Fixed colours, so a regularizer's dots and its lines match (XChart colours at paint time). */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
            SeriesMarkers.OVAL};

    /** Space above the best model in a zoomed plot, as a share of the zoomed range. */
    private static final double ZOOM_HEADROOM = 0.05;

    private final String xLabel;
    private final ToDoubleFunction<ResultRecord> size;
    private final boolean logX;

    TradeoffPlot(String xLabel, ToDoubleFunction<ResultRecord> size, boolean logX) {
        this.xLabel = xLabel;
        this.size = size;
        this.logX = logX;
    }

    /** The same plot in thousands or millions of {@code size} when its values are large: short tick labels. */
    private TradeoffPlot scaledFor(List<ResultRecord> rows) {
        double max = rows.stream().mapToDouble(size).max().orElse(0);
        double unit = max >= 1e7 ? 1e6 : max >= 1e4 ? 1e3 : 1;
        return unit == 1 ? this : new TradeoffPlot(xLabel + (unit == 1e6 ? ", millions" : ", thousands"),
                r -> size.applyAsDouble(r) / unit, logX);
    }

    /**
     * @param stopped      rows of points stopped early by successive halving (drawn faded)
     * @param bandSettings per regularizer, the setting whose replicates get a band
     * @param yMin         the lowest accuracy shown (NaN: the full range)
     */
    BufferedImage draw(List<ResultRecord> rows, List<ResultRecord> stopped, SelectionBasis basis,
                       Map<String, String> bandSettings, double yMin) {
        TradeoffPlot scaled = scaledFor(rows);
        XYChart chart = scaled.chart(rows, rows, stopped, basis, bandSettings, yMin, WIDTH, height(rows),
                basis.label() + (basis == SelectionBasis.VALIDATION ? " (selects; test accuracy in the tables)" : ""),
                basis.label() + " vs " + xLabel + (Double.isNaN(yMin) ? " (full range)"
                        : String.format(Locale.ROOT, " (zoomed to >= %.3f)", yMin)));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Small multiples of {@link #draw}: one panel per regularizer (its dots, band or front, in the
     * colour it has in the combined plot), all on the same axes and each with the overall Pareto
     * front, tiled {@link #PANEL_COLUMNS} across. Where the combined plot crowds, each
     * regularizer's spread and its distance to the front stay readable.
     */
    BufferedImage drawPerRegularizer(List<ResultRecord> rows, List<ResultRecord> stopped, SelectionBasis basis,
                                     Map<String, String> bandSettings, double yMin) {
        TradeoffPlot scaled = scaledFor(rows);
        List<String> regularizers = regularizers(rows);
        int columns = Math.min(PANEL_COLUMNS, regularizers.size());
        int panelRows = (regularizers.size() + columns - 1) / columns;
        BufferedImage tiled = new BufferedImage(columns * PANEL_WIDTH, panelRows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = tiled.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, tiled.getWidth(), tiled.getHeight());
        ToDoubleFunction<ResultRecord> accuracy = basis::pruned;
        List<ResultRecord> shown = rows.stream()
                .filter(r -> Double.isNaN(yMin) || accuracy.applyAsDouble(r) >= yMin).toList();
        for (int i = 0; i < regularizers.size(); i++) {
            String reg = regularizers.get(i);
            XYChart chart = scaled.chart(rows.stream().filter(r -> r.regularizer().equals(reg)).toList(), rows,
                    stopped.stream().filter(r -> r.regularizer().equals(reg)).toList(), basis, bandSettings, yMin,
                    PANEL_WIDTH, PANEL_HEIGHT, basis.label(), reg);
            XYStyler s = chart.getStyler();
            s.setLegendPosition(Styler.LegendPosition.InsideSE);
            s.setXAxisMin(shown.stream().mapToDouble(scaled.size).min().orElse(1));
            s.setXAxisMax(shown.stream().mapToDouble(scaled.size).max().orElse(1));
            if (Double.isNaN(yMin)) { // the zoomed view shares its range already
                s.setYAxisMin(shown.stream().mapToDouble(accuracy).min().orElse(0));
                s.setYAxisMax(shown.stream().mapToDouble(accuracy).max().orElse(1));
            }
            g.drawImage(BitmapEncoder.getBufferedImage(chart), (i % columns) * PANEL_WIDTH, (i / columns) * PANEL_HEIGHT, null);
        }
        g.dispose();
        return tiled;
    }

    /** The regularizers in colour order: a regularizer has the same colour in every plot of a report. */
    private static List<String> regularizers(List<ResultRecord> rows) {
        return rows.stream().map(ResultRecord::regularizer).distinct().sorted().toList();
    }

    /** {@code drawn}'s dots, bands and fronts, with {@code all}'s overall front and colours. */
    private XYChart chart(List<ResultRecord> drawn, List<ResultRecord> all, List<ResultRecord> stopped,
                          SelectionBasis basis, Map<String, String> bandSettings, double yMin, int width, int height,
                          String yLabel, String title) {
        boolean zoomed = !Double.isNaN(yMin);
        ToDoubleFunction<ResultRecord> accuracy = basis::pruned;
        List<ResultRecord> shown = zoomed ? drawn.stream().filter(r -> accuracy.applyAsDouble(r) >= yMin).toList() : drawn;
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xLabel + (logX ? " (log scale)" : "")).yAxisTitle(yLabel).build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setMarkerSize(6);
        s.setXAxisLogarithmic(logX);
        s.setXAxisLogarithmicDecadeOnly(false); // a zoomed range often spans less than a decade
        s.setXAxisDecimalPattern("#,###.#");
        s.setErrorBarsColorSeriesColor(true);
        if (zoomed) {
            s.setYAxisMin(yMin);
            // the models' accuracies set the top, not an interval band (3 replicates' t intervals reach past 1)
            double top = all.stream().mapToDouble(accuracy).filter(a -> a >= yMin).max().orElse(1.0);
            s.setYAxisMax(Math.min(1.0, top + ZOOM_HEADROOM * (top - yMin)));
        }
        List<String> colours = regularizers(all);
        Map<String, List<ResultRecord>> byRegularizer = new TreeMap<>(
                drawn.stream().collect(Collectors.groupingBy(ResultRecord::regularizer)));
        for (Map.Entry<String, List<ResultRecord>> e : byRegularizer.entrySet()) {
            String reg = e.getKey();
            Color color = PALETTE[colours.indexOf(reg) % PALETTE.length];
            Map<Double, List<ResultRecord>> byLambda = new TreeMap<>(shown.stream()
                    .filter(r -> r.regularizer().equals(reg)).collect(Collectors.groupingBy(ResultRecord::lambda)));
            int m = 0;
            for (Map.Entry<Double, List<ResultRecord>> l : byLambda.entrySet()) {
                XYSeries dots = add(chart, reg + " λ=" + l.getKey(), l.getValue(), accuracy);
                dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                dots.setMarker(MARKERS[m++ % MARKERS.length]);
                dots.setMarkerColor(color);
            }
            List<ResultRecord> faded = stopped.stream().filter(r -> r.regularizer().equals(reg)
                    && (!zoomed || accuracy.applyAsDouble(r) >= yMin)).toList();
            if (!faded.isEmpty()) {
                XYSeries early = add(chart, reg + " stopped early", faded, accuracy);
                early.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                early.setMarker(SeriesMarkers.CIRCLE);
                early.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), FADED_ALPHA));
            }
            ReplicateBand band = ReplicateBand.of(e.getValue().stream()
                    .filter(r -> r.setting().equals(bandSettings.get(reg))).toList(), size, accuracy, BAND_BINS);
            List<ReplicateBand.Point> points = band.points().stream()
                    .filter(p -> !zoomed || p.accuracy().mean() >= yMin).toList();
            if (!points.isEmpty()) {
                XYSeries mean = chart.addSeries(reg + " best λ: mean, 95% interval",
                        points.stream().mapToDouble(ReplicateBand.Point::size).toArray(),
                        points.stream().mapToDouble(p -> p.accuracy().mean()).toArray(),
                        points.stream().mapToDouble(p -> p.accuracy().halfWidth()).toArray());
                mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                mean.setMarker(SeriesMarkers.NONE);
                mean.setLineColor(color);
                mean.setLineStyle(SeriesLines.SOLID);
                mean.setLineWidth(2.5f);
            } else if (band.points().isEmpty()) {
                List<ResultRecord> front = ParetoFront.of(e.getValue(), size, accuracy).stream()
                        .filter(r -> !zoomed || accuracy.applyAsDouble(r) >= yMin).toList();
                if (!front.isEmpty()) {
                    XYSeries line = add(chart, reg + " front", front, accuracy);
                    line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    line.setMarker(SeriesMarkers.NONE);
                    line.setLineColor(color);
                    line.setLineStyle(SeriesLines.SOLID); // dashed is the overall front's
                    line.setShowInLegend(false);
                }
            }
        }
        List<ResultRecord> front = ParetoFront.of(all, size, accuracy).stream()
                .filter(r -> !zoomed || accuracy.applyAsDouble(r) >= yMin).toList();
        if (!front.isEmpty()) {
            XYSeries overall = add(chart, "Pareto front", front, accuracy);
            overall.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            overall.setLineStyle(SeriesLines.DASH_DASH);
            overall.setLineColor(Color.BLACK);
            overall.setMarker(SeriesMarkers.SQUARE);
            overall.setMarkerColor(Color.BLACK);
        }
        return chart;
    }

    /** Tall enough for the legend: one entry per (regularizer, lambda) and per band. */
    private static int height(List<ResultRecord> rows) {
        long entries = rows.stream().map(r -> r.regularizer() + " " + r.lambda()).distinct().count()
                + rows.stream().map(ResultRecord::regularizer).distinct().count() + 1;
        return (int) Math.max(HEIGHT, 80 + 19 * entries);
    }

    private XYSeries add(XYChart chart, String name, List<ResultRecord> rows, ToDoubleFunction<ResultRecord> accuracy) {
        return chart.addSeries(name, rows.stream().mapToDouble(size).toArray(),
                rows.stream().mapToDouble(accuracy).toArray());
    }
}
