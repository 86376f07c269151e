package io.sparkprune.spark.sweep;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.ResultsCsv;
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
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A grid-parallel sweep whose Spark context is stopped (what SIGTERM's shutdown hook does) after its
 * first point finished and before its last: the points in flight are not recorded (not even as
 * failed), {@code --resume} trains exactly the missing points, leaves the finished point files as
 * they were, and ends with the table of an uninterrupted sweep.
 */
class SweepStopTest {
    private static final int POINTS = 3;

    @TempDir
    Path dir;

    @Test
    void stoppedAfterAPointResumeTrainsOnlyTheMissingPointsAndEndsWithTheUninterruptedTable() throws Exception {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        // Three points on two cores: the third point's job starts only when one of the first two has
        // written its file, so stopping at the first file always leaves the third unfinished.
        SweepGrid grid = SweepGrid.from(ConfigLoader.load(null, List.of(
                "data.dir=\"" + dir.resolve("data").toUri() + "\"", "model.width=0.25", "train.epochs=2",
                "train.batch-size=32", "regularizer.type=l1", "spark.mode=grid-parallel",
                "sweep.grid.regularizer.lambda=[0.001, 0.003, 0.01]", "sweep.grid.prune.threshold=[0, 0.5]")));
        Path cut = dir.resolve("cut");

        ExecutionException e = stopWhen(grid, cut, () -> !pointFiles(cut).isEmpty());
        assertTrue(e.getCause() instanceof IllegalStateException
                && e.getCause().getMessage().contains("so --resume trains"), e.getCause().toString());
        Map<Path, Snapshot> finished = snapshots(pointFiles(cut));
        assertTrue(!finished.isEmpty() && finished.size() < POINTS, finished.size() + " of " + POINTS
                + " points finished before the stop: the stop must fall between the first and the last");
        for (Path p : finished.keySet()) {
            assertTrue(ResultsCsv.read(Files.readString(p)).stream().allMatch(ResultRecord::ok),
                    "only trained points are recorded, none as failed: " + p);
        }

        JavaSparkContext again = SparkTestContexts.local(2);
        PointJobs resumedJobs = new PointJobs();
        again.sc().addSparkListener(resumedJobs);
        try {
            assertEquals(new SweepJob.Outcome(POINTS, 0, 2 * POINTS), new SweepJob(again, grid, runDir(again, cut)).run(true));
        } finally {
            again.stop();
        }
        assertEquals(POINTS - finished.size(), resumedJobs.count.get(), "the resume trained the missing points only");
        assertEquals(finished, snapshots(List.copyOf(finished.keySet())), "finished point files untouched");
        assertEquals(POINTS, pointFiles(cut).size());

        Path full = uninterrupted(grid);
        assertEquals(SweepTables.header(full), SweepTables.header(cut));
        assertEquals(SweepTables.withoutTimes(full), SweepTables.withoutTimes(cut));
    }

    /**
     * Stopped after a point's first epoch and before its last: the point is not recorded, its epoch
     * checkpoint is, and {@code --resume} continues it from there (issue 22: a stopped sweep does not lose a
     * half-trained point) to the uninterrupted sweep's table, dropping the checkpoints once the points are written.
     */
    @Test
    void stoppedMidPointResumeContinuesFromTheEpochCheckpointToTheUninterruptedTable() throws Exception {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        SweepGrid grid = SweepGrid.from(ConfigLoader.load(null, List.of(
                "data.dir=\"" + dir.resolve("data").toUri() + "\"", "model.width=0.25", "train.epochs=3",
                "train.batch-size=32", "train.lr-schedule=linear", "regularizer.type=l1", "spark.mode=grid-parallel",
                "sweep.grid.regularizer.lambda=[0.001, 0.01]", "sweep.grid.prune.threshold=[0, 0.5]")));
        Path cut = dir.resolve("cut");
        Path checkpoints = cut.resolve("checkpoints");

        List<Integer> atStop = new java.util.ArrayList<>();
        stopWhen(grid, cut, () -> {
            atStop.clear();
            atStop.addAll(latestEpochs(checkpoints));
            return !atStop.isEmpty();
        });
        List<Integer> epochs = latestEpochs(checkpoints);
        assertTrue(pointFiles(cut).isEmpty(), "stopped before a point finished: " + pointFiles(cut));
        assertTrue(!epochs.isEmpty() && epochs.stream().allMatch(e -> e >= 1 && e < 3),
                "half-trained points checkpointed: epochs " + epochs);
        // The stopped context's tasks outlive it in this JVM; they write no epoch after the stop (but
        // the one a task may have been saving when it came). Without that check they trained on to epoch 3.
        assertTrue(epochs.size() <= 2 && epochs.stream().mapToInt(Integer::intValue).sum()
                        <= atStop.stream().mapToInt(Integer::intValue).sum() + 2,
                "no epoch written after the stop: " + atStop + " at the stop, " + epochs + " after its tasks ended");

        JavaSparkContext again = SparkTestContexts.local(2);
        try {
            assertEquals(new SweepJob.Outcome(2, 0, 4), new SweepJob(again, grid, runDir(again, cut)).run(true));
        } finally {
            again.stop();
        }
        assertEquals(List.of(), latestEpochs(checkpoints), "checkpoints dropped once the points are written");

        Path full = uninterrupted(grid);
        assertEquals(SweepTables.withoutTimes(full), SweepTables.withoutTimes(cut));
    }

    /**
     * Starts the sweep of {@code grid} into {@code out}, stops its Spark context as soon as {@code condition}
     * holds, and returns the failure the stopped sweep ends with.
     */
    private static ExecutionException stopWhen(SweepGrid grid, Path out, Condition condition) throws Exception {
        JavaSparkContext stopped = SparkTestContexts.local(2);
        CompletableFuture<SweepJob.Outcome> sweep = CompletableFuture.supplyAsync(
                () -> new SweepJob(stopped, grid, runDir(stopped, out)).run(false));
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!condition.holds() && !sweep.isDone() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        stopped.stop();
        // Bounded: a sweep that ignores the stop can wait forever on a job the stopped scheduler dropped.
        ExecutionException failure = assertThrows(ExecutionException.class, () -> sweep.get(3, TimeUnit.MINUTES));
        awaitNoTaskThreads();
        return failure;
    }

    /**
     * Waits until the stopped context's task threads have ended, as a SIGTERM'd process's would have:
     * a stopped local context leaves its running tasks to finish (they give up at their next epoch),
     * and a resume must not race them for the checkpoints.
     */
    private static void awaitNoTaskThreads() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("Executor task launch worker for "))) {
            assertTrue(System.nanoTime() < end, "the stopped context's tasks still run after 3 minutes");
            Thread.sleep(20);
        }
    }

    /** The same sweep run through, in {@code dir/full}. */
    private Path uninterrupted(SweepGrid grid) {
        Path full = dir.resolve("full");
        JavaSparkContext sc = SparkTestContexts.local(2);
        try {
            new SweepJob(sc, grid, runDir(sc, full)).run(false);
        } finally {
            sc.stop();
        }
        return full;
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** The latest epoch of each point's checkpoints under {@code checkpoints}. */
    private static List<Integer> latestEpochs(Path checkpoints) throws Exception {
        if (!Files.isDirectory(checkpoints)) {
            return List.of();
        }
        try (var points = Files.list(checkpoints)) {
            List<Integer> epochs = new java.util.ArrayList<>();
            for (Path p : points.filter(Files::isDirectory).toList()) {
                Path latest = p.resolve("latest");
                if (Files.exists(latest)) {
                    epochs.add(Integer.parseInt(Files.readString(latest).strip()));
                }
            }
            return epochs;
        }
    }

    private static RunDirectory runDir(JavaSparkContext sc, Path out) {
        return RunDirectory.open(out.toString(), sc.hadoopConfiguration());
    }

    private static List<Path> pointFiles(Path out) throws Exception {
        Path points = out.resolve("points");
        if (!Files.isDirectory(points)) {
            return List.of();
        }
        try (var files = Files.list(points)) {
            return files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
    }

    private static Map<Path, Snapshot> snapshots(List<Path> files) throws Exception {
        Map<Path, Snapshot> m = new LinkedHashMap<>();
        for (Path f : files) {
            m.put(f, new Snapshot(Files.getLastModifiedTime(f), Files.readAllBytes(f)));
        }
        return m;
    }

    /** A file's modification time and bytes. */
    private record Snapshot(FileTime modified, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot s && s.modified.equals(modified) && Arrays.equals(s.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return modified.hashCode() * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return modified + " " + bytes.length + " bytes";
        }
    }

    /** Counts the jobs that train a sweep point. */
    private static final class PointJobs extends SparkListener {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            if (start.properties().getProperty("spark.job.description", "").startsWith("sweep point")) {
                count.incrementAndGet();
            }
        }
    }
}
