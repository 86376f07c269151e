package io.sparkprune.spark.sweep;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.results.CurvePoint;
import io.sparkprune.results.ResultColumns;
import io.sparkprune.results.ResultsCsv;
import io.sparkprune.spark.SparkTestContexts;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.sweep.SweepGrid;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver's heap over a 10,000-point sweep: every point's result file is in place (written by
 * the same table code as a trained point), then the real sweep runs with --resume and assembles
 * results.csv and results.parquet. The heap's peak (sampled after GC) must not grow with the grid
 * beyond the points' own small bookkeeping. Slow (minutes: 11,000 point files through the Hadoop
 * FS and a GC every 100 ms): run with -Dtest.excludedGroups=none -Dtest.groups=slow.
 */
@Tag("slow")
class SweepDriverMemoryTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = SparkTestContexts.local(2);
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @Test
    void driverHeapStaysFlatFromOneThousandToTenThousandPoints(@TempDir Path dir) throws Exception {
        long peak1k = peakHeapOfSweep(dir.resolve("1k"), 10, 100);
        long peak10k = peakHeapOfSweep(dir.resolve("10k"), 100, 100);
        long growthMb = (peak10k - peak1k) >> 20;
        System.out.printf("driver heap peak after GC: 1,000 points %d MB, 10,000 points %d MB (+%d MB)%n",
                peak1k >> 20, peak10k >> 20, growthMb);
        assertTrue(growthMb < 64, "heap grew by " + growthMb + " MB from 1k to 10k points");
    }

    /** Runs a seeds x lambdas sweep whose points are all finished; returns the peak used heap after GC. */
    private static long peakHeapOfSweep(Path outDir, int seeds, int lambdas) throws Exception {
        Path conf = Files.createDirectories(outDir).resolve("sweep.conf");
        Files.writeString(conf, "spark.mode = data-parallel\nregularizer.type = l1l2\nsweep.grid {\n"
                + "  train.seed = " + IntStream.rangeClosed(1, seeds).boxed().toList() + "\n"
                + "  regularizer.lambda = " + IntStream.rangeClosed(1, lambdas).mapToObj(i -> i * 1e-4).toList() + "\n"
                + "  prune.threshold = [0, 0.01, 0.05, 0.1]\n}\n");
        SweepGrid grid = SweepGrid.from(ConfigLoader.load(conf, List.of()));
        RunDirectory out = RunDirectory.open(outDir.resolve("out").toString(), new Configuration());
        for (GridPoint p : grid.points()) {
            out.writeText(SweepState.pointFile(p), ResultsCsv.write(ResultColumns.SWEEP,
                    fakeResult(p, grid.thresholds()).records(grid.thresholds())));
        }
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        SweepJob.Outcome outcome = new SweepJob(sc, grid, out).run(true);
        sampler.stopAndJoin();
        assertEquals(seeds * lambdas, outcome.points());
        assertEquals(seeds * lambdas * grid.thresholds().size(), outcome.rows());
        return sampler.peak;
    }

    private static PointResult fakeResult(GridPoint p, List<Double> thresholds) {
        List<CurvePoint> curve = new ArrayList<>();
        for (double t : thresholds) {
            curve.add(new CurvePoint(t, 0.985, 0.98, "20-50", "10-20", 431_080, 200_000, 2_293_000, 900_000, null));
        }
        return PointResult.succeeded(p, curve, 12.5, p.config().train().epochs());
    }

    /** Samples the used heap right after a GC, every 100 ms, until stopped. */
    private static final class HeapSampler extends Thread {
        private volatile boolean running = true;
        private long peak;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                System.gc();
                peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopAndJoin() throws InterruptedException {
            running = false;
            join();
        }
    }
}
