package io.sparkprune.spark.train;

import io.sparkprune.io.RunDirectory;
import io.sparkprune.spark.SparkTestContexts;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.TaskInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An executor JVM killed while it runs a training task: the task attempt fails with the executor
 * lost, Spark runs it again elsewhere (and the standalone worker starts a new executor), and the job
 * completes with every epoch recorded once and a usable model.
 */
// Slow and timing-bound: on an idle machine a training task of this small run can end before the kill
// lands (seen in CI-like runs), so it runs on purpose: mvn -B verify -Dgroups=slow -Dtest=ExecutorLossTest
@Tag("slow")
class ExecutorLossTest {

    @Test
    void aTrainingTaskOnAKilledExecutorIsRetriedAndTheRunCompletes(@TempDir Path dir) throws Exception {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        try (JavaSparkContext sc = SparkTestContexts.localCluster(2, 1, 1536)) {
            SparkTestContexts.awaitExecutors(sc, 2);
            Map<String, Long> pidByExecutor = sc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8).mapToPair(x -> {
                Thread.sleep(20);
                return new Tuple2<>(SparkEnv.get().executorId(), ProcessHandle.current().pid());
            }).collectAsMap();
            assertEquals(2, pidByExecutor.size(), pidByExecutor.toString());
            String victim = pidByExecutor.keySet().iterator().next();
            TaskLog tasks = new TaskLog();
            sc.sc().addSparkListener(tasks);

            RunDirectory out = RunDirectory.open(dir.resolve("run").toString(), sc.hadoopConfiguration());
            CompletableFuture<TrainSummary> job = CompletableFuture.supplyAsync(() -> new TrainJob(sc,
                    TrainJobFixtures.config(dir.resolve("data").toUri().toString(), "train.epochs=3",
                            // one averaging round per epoch: each training task fits all of its worker's
                            // minibatches, long enough on an idle machine to be killed mid-task
                            "spark.averaging-frequency=10"), out).run(false));
            // Kill in epoch 2, while the victim has been running a task for a moment (it is mid-training).
            while (!out.exists("checkpoints/epoch-0001.zip") && !job.isDone()) {
                Thread.sleep(50);
            }
            while (!tasks.busyFor(victim, 50) && !job.isDone()) {
                Thread.sleep(20);
            }
            assertFalse(job.isDone(), "the job finished before the kill");
            assertTrue(ProcessHandle.of(pidByExecutor.get(victim)).map(ProcessHandle::destroyForcibly).orElse(false),
                    "the executor JVM was running when killed");
            TrainSummary summary = job.get(10, TimeUnit.MINUTES);

            List<TaskInfo> lost = tasks.ends.stream().filter(e -> e.taskInfo().executorId().equals(victim)
                    && e.reason() instanceof ExecutorLostFailure).map(SparkListenerTaskEnd::taskInfo).toList();
            assertFalse(lost.isEmpty(), "a task attempt failed with its executor lost");
            for (TaskInfo failed : lost) {
                SparkListenerTaskEnd failedEnd = tasks.ends.stream().filter(e -> e.taskInfo() == failed).findFirst()
                        .orElseThrow();
                assertTrue(tasks.ends.stream().anyMatch(e -> e.stageId() == failedEnd.stageId()
                                && e.taskInfo().index() == failed.index() && e.taskInfo().successful()
                                && e.taskInfo().attemptNumber() > failed.attemptNumber()
                                && !e.taskInfo().executorId().equals(victim)),
                        "stage " + failedEnd.stageId() + " partition " + failed.index() + " succeeded on a later attempt");
            }
            assertEquals(List.of(1, 2, 3), summary.epochs().stream().map(EpochReport::epoch).toList(),
                    "each epoch trained and recorded once");
            assertEquals(List.of("config.properties", "epoch-0001.zip", "epoch-0002.zip", "epoch-0003.zip", "latest"),
                    out.list("checkpoints"));
            assertTrue(summary.accuracyBeforePrune() > 0.8, summary.headline());
        }
    }

    /** Every task end, and when each running task started, per executor. */
    static final class TaskLog extends SparkListener {
        final List<SparkListenerTaskEnd> ends = new CopyOnWriteArrayList<>();
        private final Map<Long, TaskInfo> running = new ConcurrentHashMap<>();

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            running.put(start.taskInfo().taskId(), start.taskInfo());
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            running.remove(end.taskInfo().taskId());
            ends.add(end);
        }

        /** Whether {@code executor} runs a task that started at least {@code millis} ago. */
        boolean busyFor(String executor, long millis) {
            long now = System.currentTimeMillis();
            return running.values().stream().anyMatch(t -> t.executorId().equals(executor) && now - t.launchTime() >= millis);
        }
    }
}
