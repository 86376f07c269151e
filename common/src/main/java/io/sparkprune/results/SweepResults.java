package io.sparkprune.results;

import io.sparkprune.io.RunDirectory;

import java.util.Comparator;
import java.util.List;

/**
 * Where a sweep keeps its results in its output directory, and how to read them: {@code results.csv}
 * once the sweep has finished, else the rows of the points finished so far ({@code points/<id>.csv},
 * one file per finished point), for a report on a sweep still running or stopped.
 */
public final class SweepResults {
    public static final String RESULTS_CSV = "results.csv";
    public static final String RESULTS_PARQUET = "results.parquet";
    public static final String POINTS = "points";

    private SweepResults() {
    }

    /** The file of one finished point. */
    public static String pointFile(String pointId) {
        return POINTS + "/" + pointId + ".csv";
    }

    public static boolean finished(RunDirectory out) {
        return out.exists(RESULTS_CSV);
    }

    /** Every row (failed points too): results.csv, else the finished points' rows; empty when there are none. */
    public static List<ResultRecord> read(RunDirectory out) {
        if (finished(out)) {
            return ResultsCsv.read(out.readText(RESULTS_CSV));
        }
        return out.list(POINTS).stream().filter(n -> n.endsWith(".csv")).sorted()
                .flatMap(f -> ResultsCsv.read(out.readText(POINTS + "/" + f)).stream())
                .sorted(Comparator.comparingInt(ResultRecord::pointIndex)).toList();
    }

    /** The rows of the points that trained: failed points have no metrics. */
    public static List<ResultRecord> succeeded(List<ResultRecord> rows) {
        return rows.stream().filter(ResultRecord::ok).toList();
    }

    /** Whether OUT holds any result at all (a finished sweep or a finished point). */
    public static boolean any(RunDirectory out) {
        return finished(out) || out.list(POINTS).stream().anyMatch(n -> n.endsWith(".csv"));
    }
}
