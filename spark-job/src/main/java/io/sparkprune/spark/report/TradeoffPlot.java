package io.sparkprune.spark.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Accuracy against one size measure: every (model, threshold) as a dot coloured by regularizer,
 * each regularizer's own Pareto front as a line, the overall Pareto front as a dashed black line
 * with hollow squares. Drawn with java.awt so the report needs no plotting dependency.
 */
final class TradeoffPlot {
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 190;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final int TICKS = 5;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private final String xLabel;
    private final ToDoubleFunction<ResultRow> size;
    private double xMin;
    private double xMax;
    private double yMin;
    private double yMax;

    TradeoffPlot(String xLabel, ToDoubleFunction<ResultRow> size) {
        this.xLabel = xLabel;
        this.size = size;
    }

    BufferedImage draw(List<ResultRow> rows) {
        xMin = 0;
        xMax = rows.stream().mapToDouble(size).max().orElse(1) * 1.05;
        yMin = Math.max(0, rows.stream().mapToDouble(ResultRow::accuracy).min().orElse(0) - 0.02);
        yMax = Math.min(1, rows.stream().mapToDouble(ResultRow::accuracy).max().orElse(1) + 0.02);
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        axes(g);
        Map<String, List<ResultRow>> byRegularizer = new TreeMap<>(
                rows.stream().collect(Collectors.groupingBy(ResultRow::regularizer)));
        int i = 0;
        for (Map.Entry<String, List<ResultRow>> series : byRegularizer.entrySet()) {
            Color c = PALETTE[i % PALETTE.length];
            g.setColor(c);
            for (ResultRow r : series.getValue()) {
                g.fillOval(x(size.applyAsDouble(r)) - 3, y(r.accuracy()) - 3, 6, 6);
            }
            g.setStroke(new BasicStroke(1.5f));
            polyline(g, ParetoFront.of(series.getValue(), size, ResultRow::accuracy));
            legend(g, i, c, series.getKey(), false);
            i++;
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        List<ResultRow> front = ParetoFront.of(rows, size, ResultRow::accuracy);
        polyline(g, front);
        g.setStroke(new BasicStroke(1.5f));
        for (ResultRow r : front) {
            g.drawRect(x(size.applyAsDouble(r)) - 5, y(r.accuracy()) - 5, 10, 10);
        }
        legend(g, i, Color.BLACK, "Pareto front", true);
        g.dispose();
        return img;
    }

    private void axes(Graphics2D g) {
        g.setColor(Color.BLACK);
        int x0 = LEFT;
        int y0 = HEIGHT - BOTTOM;
        g.drawLine(x0, y0, WIDTH - RIGHT, y0);
        g.drawLine(x0, y0, x0, TOP);
        for (int t = 0; t <= TICKS; t++) {
            double xv = xMin + (xMax - xMin) * t / TICKS;
            double yv = yMin + (yMax - yMin) * t / TICKS;
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x(xv), y0 - 1, x(xv), TOP);
            g.drawLine(x0 + 1, y(yv), WIDTH - RIGHT, y(yv));
            g.setColor(Color.BLACK);
            String xs = String.format(Locale.ROOT, "%,.0f", xv);
            g.drawString(xs, x(xv) - g.getFontMetrics().stringWidth(xs) / 2, y0 + 18);
            String ys = String.format(Locale.ROOT, "%.3f", yv);
            g.drawString(ys, x0 - 8 - g.getFontMetrics().stringWidth(ys), y(yv) + 4);
        }
        g.drawString(xLabel, (LEFT + WIDTH - RIGHT - g.getFontMetrics().stringWidth(xLabel)) / 2, HEIGHT - 18);
        g.drawString("test accuracy", 10, TOP - 14);
    }

    private void polyline(Graphics2D g, List<ResultRow> points) {
        for (int k = 1; k < points.size(); k++) {
            ResultRow a = points.get(k - 1);
            ResultRow b = points.get(k);
            g.drawLine(x(size.applyAsDouble(a)), y(a.accuracy()), x(size.applyAsDouble(b)), y(b.accuracy()));
        }
    }

    private static void legend(Graphics2D g, int row, Color c, String label, boolean square) {
        int lx = WIDTH - RIGHT + 20;
        int ly = TOP + 10 + row * 20;
        g.setColor(c);
        if (square) {
            g.drawRect(lx, ly - 5, 10, 10);
        } else {
            g.fillOval(lx + 2, ly - 3, 6, 6);
        }
        g.setColor(Color.BLACK);
        g.drawString(label, lx + 18, ly + 4);
    }

    private int x(double v) {
        return LEFT + (int) Math.round((v - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT));
    }

    private int y(double v) {
        double span = yMax > yMin ? yMax - yMin : 1;
        return HEIGHT - BOTTOM - (int) Math.round((v - yMin) / span * (HEIGHT - TOP - BOTTOM));
    }
}
