package io.sparkprune.spark.sweep;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.spark.SparkTestContexts;
import io.sparkprune.spark.train.TrainJobFixtures;
import io.sparkprune.sweep.SweepGrid;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep whose Spark context is stopped while its points train (SIGTERM runs Spark's shutdown hook,
 * which stops the context) must not record those points as failed, or {@code --resume} would skip them.
 */
class SweepStopTest {
    @TempDir
    Path dir;

    @Test
    void pointsInFlightWhenTheContextStopsAreNotRecordedAndResumeTrainsThem() throws Exception {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        SweepGrid grid = SweepGrid.from(ConfigLoader.load(null, List.of(
                "data.dir=\"" + dir.resolve("data").toUri() + "\"", "model.width=0.25", "train.epochs=3",
                "train.batch-size=32", "regularizer.type=l1", "spark.mode=grid-parallel",
                "sweep.grid.regularizer.lambda=[0.001, 0.01]", "sweep.grid.prune.threshold=[0, 0.5]")));

        JavaSparkContext stopped = SparkTestContexts.local(2);
        CountDownLatch pointStarted = new CountDownLatch(1);
        stopped.sc().addSparkListener(new PointStarts(pointStarted));
        CompletableFuture<SweepJob.Outcome> sweep = CompletableFuture.supplyAsync(
                () -> new SweepJob(stopped, grid, runDir(stopped)).run(false));
        assertTrue(pointStarted.await(2, TimeUnit.MINUTES), "a point's job started");
        stopped.stop();
        // Bounded: a sweep that ignores the stop can wait forever on a job the stopped scheduler dropped.
        ExecutionException e = assertThrows(ExecutionException.class, () -> sweep.get(3, TimeUnit.MINUTES));
        assertTrue(e.getCause() instanceof IllegalStateException
                && e.getCause().getMessage().contains("so --resume trains"), e.getCause().toString());
        assertEquals(List.of(), pointFiles(), "no point was recorded, failed or otherwise");

        JavaSparkContext again = SparkTestContexts.local(2);
        try {
            assertEquals(new SweepJob.Outcome(2, 0, 4), new SweepJob(again, grid, runDir(again)).run(true));
        } finally {
            again.stop();
        }
        assertEquals(2, pointFiles().size());
    }

    private RunDirectory runDir(JavaSparkContext sc) {
        return RunDirectory.open(dir.resolve("sweep").toString(), sc.hadoopConfiguration());
    }

    private List<Path> pointFiles() throws Exception {
        Path points = dir.resolve("sweep/points");
        if (!Files.isDirectory(points)) {
            return List.of();
        }
        try (var files = Files.list(points)) {
            return files.filter(p -> p.toString().endsWith(".csv")).toList();
        }
    }

    /** Signals when a point's job has started (the listener bus thread itself may not stop the context). */
    private static final class PointStarts extends SparkListener {
        private final CountDownLatch started;

        PointStarts(CountDownLatch started) {
            this.started = started;
        }

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            if (start.properties().getProperty("spark.job.description", "").startsWith("sweep point")) {
                started.countDown();
            }
        }
    }
}
