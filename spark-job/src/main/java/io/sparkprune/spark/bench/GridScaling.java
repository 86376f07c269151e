package io.sparkprune.spark.bench;

import io.sparkprune.bench.Interleaved;
import io.sparkprune.data.DataSplits;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.spark.SparkContexts;
import io.sparkprune.spark.sweep.GridParallelRunner;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.train.NativeThreads;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grid points per hour in grid-parallel mode on one executor core against two
 * ({@code local[1]} vs {@code local[2]}, one ND4J thread per task as in a real sweep). Each
 * measurement starts its own Spark context (so the caller must not hold one) and times only the
 * grid, as a long sweep sees it: context start-up and the first point's warm-up are left out, and
 * one untimed pass over the grid first lets the JIT finish. Without it the single-core runs were
 * helped by compiler threads on the idle second core (the JVM used 1.3-1.5 cores for a
 * single-threaded point until the sixth point), which a sweep of hundreds of points never sees.
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
        NativeThreads.Budget before = NativeThreads.save();
        try {
            run(2, points, train, test, thresholds);
            double[][] seconds = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                boolean oneFirst = r % 2 == 0;
                seconds[oneFirst ? 0 : 1][r] = run(oneFirst ? 1 : 2, points, train, test, thresholds);
                seconds[oneFirst ? 1 : 0][r] = run(oneFirst ? 2 : 1, points, train, test, thresholds);
            }
            return new Result(points.size() * 3600 / Interleaved.median(seconds[0]),
                    points.size() * 3600 / Interleaved.median(seconds[1]));
        } finally {
            before.restore();
        }
    }

    /** Seconds the grid took on {@code cores} executor cores, after one warm-up point per core. */
    private static double run(int cores, List<GridPoint> points, LabeledImages train, LabeledImages test,
                              List<Double> thresholds) {
        SparkConf conf = SparkContexts.conf("sparkprune-bench-grid", "local[" + cores + "]")
                .set("spark.ui.enabled", "false");
        JavaSparkContext sc = new JavaSparkContext(conf);
        Path checkpoints = null;
        try {
            // The points checkpoint as a sweep's do; each pass in a directory of its own, so none resumes another's.
            checkpoints = Files.createTempDirectory("sparkprune-bench-grid");
            DataSplits data = DataSplits.of(train, test);
            new GridParallelRunner(sc, data, thresholds, cores, output(sc, checkpoints.resolve("warm-up")))
                    .run(points.subList(0, Math.min(cores, points.size())), r -> { });
            GridParallelRunner runner = new GridParallelRunner(sc, data, thresholds, cores,
                    output(sc, checkpoints.resolve("timed")));
            AtomicInteger failed = new AtomicInteger();
            long start = System.nanoTime();
            runner.run(points, r -> {
                if (r.failed()) {
                    failed.incrementAndGet();
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " benchmark grid points failed; see the log");
            }
            return seconds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sc.stop();
            if (checkpoints != null) {
                RunDirectory.open(checkpoints.getParent().toString(), new Configuration())
                        .delete(checkpoints.getFileName().toString());
            }
        }
    }

    private static RunDirectory output(JavaSparkContext sc, Path dir) {
        return RunDirectory.open(dir.toString(), sc.hadoopConfiguration());
    }
}
