package io.sparkprune.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one bench run: each printed as a table line when measured, all kept for the JSON line. */
public final class BenchFigures {
    private final PrintWriter out;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public BenchFigures(PrintWriter out) {
        this.out = out;
    }

    /** A measured number, rounded to 3 decimals. */
    public void put(String key, double value, String what) {
        double rounded = Math.round(value * 1000) / 1000.0;
        figures.put(key, rounded);
        out.printf("%-34s %12.3f   %s%n", key, rounded, what);
        out.flush();
    }

    /** A fact about the run (machine, sizes, versions), not printed as a table line. */
    public void note(String key, Object value) {
        figures.put(key, value);
    }

    public void putAll(Map<String, Object> more) {
        figures.putAll(more);
    }

    public PrintWriter out() {
        return out;
    }

    public Map<String, Object> asMap() {
        return figures;
    }
}
