package io.sparkprune.spark.sweep;

import io.sparkprune.data.DataSplits;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.train.NativeThreads;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@code spark.mode = grid-parallel}: each grid point is one single-partition Spark job whose one
 * task trains the point in its executor's JVM. The images (training, validation, test) are broadcast once, so each executor
 * fetches them once for all its points. Jobs are submitted from {@code concurrency} driver threads
 * (Spark schedules concurrent jobs), so every core stays busy and each point is written the moment
 * it finishes instead of waiting for the slowest point of a wave. Each task checkpoints its point
 * every epoch in {@code OUT/checkpoints/<point id>/} and continues from there when it has one.
 */
public final class GridParallelRunner implements PointRunner {
    private static final long STOP_POLL_SECONDS = 2;
    private final JavaSparkContext sc;
    private final DataSplits data;
    private final List<Double> thresholds;
    private final int concurrency;
    private final SweepOutput out;

    public GridParallelRunner(JavaSparkContext sc, DataSplits data, List<Double> thresholds, int concurrency,
                              RunDirectory out) {
        this.sc = sc;
        this.data = data;
        this.thresholds = thresholds;
        this.concurrency = concurrency;
        this.out = new SweepOutput(out, sc.hadoopConfiguration());
    }

    /** Every point through its whole budget (the {@code full} schedule). */
    public void run(List<GridPoint> points, Consumer<PointResult> onFinished) {
        run(points, TrainingStage.whole(), onFinished);
    }

    @Override
    public void run(List<GridPoint> points, TrainingStage stage, Consumer<PointResult> onFinished) {
        if (points.isEmpty()) {
            return;
        }
        Broadcast<DataSplits> images = sc.broadcast(data);
        Function<GridPoint, PointResult> task = task(images, List.copyOf(thresholds), stage, out);
        ExecutorService submitters = Executors.newFixedThreadPool(Math.min(concurrency, points.size()));
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (GridPoint p : points) {
                jobs.add(submitters.submit(() -> onFinished.accept(runOne(p, task))));
            }
            for (Future<?> job : jobs) {
                awaitUnlessStopped(job);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            submitters.shutdownNow();
            if (!sc.sc().isStopped()) { // a stopped context has dropped its broadcasts with its block manager
                images.destroy();
            }
        }
    }

    /**
     * A job submitted while the context stops can be dropped by Spark's stopped scheduler, and its
     * submitting thread then waits forever: stop waiting once the context is stopped.
     */
    private void awaitUnlessStopped(Future<?> job) throws InterruptedException, ExecutionException {
        while (true) {
            try {
                job.get(STOP_POLL_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException e) {
                if (sc.sc().isStopped()) {
                    throw new IllegalStateException("the Spark context was stopped during the sweep; "
                            + "unfinished points are not recorded, so --resume trains them");
                }
            }
        }
    }

    private PointResult runOne(GridPoint p, Function<GridPoint, PointResult> task) {
        sc.setJobDescription("sweep point " + p.index() + " (" + p.id() + ")");
        long start = System.nanoTime();
        try {
            return sc.parallelize(List.of(p), 1).map(task).collect().get(0);
        } catch (Exception e) {
            // The task itself never throws: this is a SparkException (checked, thrown undeclared) for a lost
            // executor after spark.task.maxFailures attempts, or for a context stopped under the running job.
            return PointRunner.failedUnlessStopped(sc, p, e, start);
        }
    }

    /** Static so that the closure holds only the broadcast, thresholds, stage and output, not this runner. */
    private static Function<GridPoint, PointResult> task(Broadcast<DataSplits> images, List<Double> thresholds,
                                                         TrainingStage stage, SweepOutput out) {
        return p -> {
            NativeThreads.limit(p.config().spark().taskThreads());
            return PointTraining.run(p, images.value(), thresholds, stage, out.open());
        };
    }
}
