package io.sparkprune.spark.bench;

import io.sparkprune.bench.Interleaved;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.spark.SparkContexts;
import io.sparkprune.spark.sweep.GridParallelRunner;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.train.NativeThreads;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grid points per hour in grid-parallel mode on one executor core against two
 * ({@code local[1]} vs {@code local[2]}, one ND4J thread per task as in a real sweep). Each
 * measurement starts its own Spark context, so the caller must not hold one.
 */
public final class GridScaling {
    private GridScaling() {
    }

    public record Result(double onePointsPerHour, double twoPointsPerHour) {
        public double scaling() {
            return twoPointsPerHour / onePointsPerHour;
        }
    }

    public static Result measure(List<GridPoint> points, LabeledImages train, LabeledImages test,
                                 List<Double> thresholds, int rounds) {
        int threadsBefore = NativeThreads.current();
        try {
            double[] seconds = Interleaved.medianSeconds(List.of(
                    () -> run(1, points, train, test, thresholds),
                    () -> run(2, points, train, test, thresholds)), 0, rounds);
            return new Result(points.size() * 3600 / seconds[0], points.size() * 3600 / seconds[1]);
        } finally {
            NativeThreads.limit(threadsBefore);
        }
    }

    private static void run(int cores, List<GridPoint> points, LabeledImages train, LabeledImages test,
                            List<Double> thresholds) {
        SparkConf conf = SparkContexts.conf("sparkprune-bench-grid", "local[" + cores + "]")
                .set("spark.ui.enabled", "false");
        JavaSparkContext sc = new JavaSparkContext(conf);
        try {
            AtomicInteger failed = new AtomicInteger();
            new GridParallelRunner(sc, train, test, thresholds, cores).run(points, r -> {
                if (r.failed()) {
                    failed.incrementAndGet();
                }
            });
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " benchmark grid points failed; see the log");
            }
        } finally {
            sc.stop();
        }
    }
}
