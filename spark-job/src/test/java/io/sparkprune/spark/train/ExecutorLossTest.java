package io.sparkprune.spark.train;

import io.sparkprune.io.RunDirectory;
import io.sparkprune.spark.SparkTestContexts;
import io.sparkprune.spark.TaskGate;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An executor JVM killed while it runs a training task: the task attempt fails with the executor
 * lost, Spark runs it again on another executor, and the job completes with every epoch recorded
 * once and a usable model. Deterministic: {@link TaskGate} holds the training task in the executor
 * until the kill, so the kill cannot miss it however fast or slow the machine is.
 */
class ExecutorLossTest {
    /** dl4j-spark's parameter-averaging round: workers fit their minibatches in this stage's tasks. */
    private static final String TRAINING_STAGE = "treeAggregate at ParameterAveragingTrainingMaster";

    @Test
    void aTrainingTaskOnAKilledExecutorIsRetriedAndTheRunCompletes(@TempDir Path dir) throws Exception {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        SparkConf conf = SparkTestContexts.localClusterConf(2, 1, 1024);
        TaskGate.Gate gate = TaskGate.install(conf, dir.resolve("gate"));
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            SparkTestContexts.awaitExecutors(sc, 2);
            TaskLog tasks = new TaskLog();
            sc.sc().addSparkListener(tasks);

            RunDirectory out = RunDirectory.open(dir.resolve("run").toString(), sc.hadoopConfiguration());
            CompletableFuture<TrainSummary> job = CompletableFuture.supplyAsync(() -> new TrainJob(sc,
                    TrainJobFixtures.config(dir.resolve("data").toUri().toString(), "train.epochs=3"), out)
                    .run(false));
            // In epoch 2 (a checkpoint exists to be sure the run is past its start), hold every task
            // that starts; release the ones that do not train, and kill the executor of the first that does.
            while (!out.exists("checkpoints/epoch-0001.zip") && !job.isDone()) {
                Thread.sleep(20);
            }
            gate.arm();
            String victim = null;
            Set<Long> decided = new HashSet<>();
            while (victim == null && !job.isDone()) {
                for (long taskId : tasks.startedIds()) {
                    Optional<String[]> held = gate.held(taskId);
                    Optional<String> stage = tasks.stageNameOf(taskId);
                    if (held.isEmpty() || stage.isEmpty() || !decided.add(taskId)) {
                        continue;
                    }
                    if (stage.get().startsWith(TRAINING_STAGE)) {
                        victim = held.get()[0];
                        long pid = Long.parseLong(held.get()[1]);
                        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false),
                                "executor " + victim + " (pid " + pid + ") was running when killed");
                        break;
                    }
                    gate.release(taskId);
                }
                Thread.sleep(10);
            }
            assertFalse(job.isDone(), "the job finished before a training task was held");
            // The victim's task fails by the kill alone; the retry (a second attempt) is never held.
            gate.disarm();
            TrainSummary summary = job.get(10, TimeUnit.MINUTES);

            String killed = victim;
            List<SparkListenerTaskEnd> lost = tasks.ends.stream().filter(e -> e.taskInfo().executorId().equals(killed)
                    && e.reason() instanceof ExecutorLostFailure).toList();
            assertFalse(lost.isEmpty(), "a task attempt on executor " + killed + " failed with its executor lost");
            for (SparkListenerTaskEnd failed : lost) {
                assertTrue(tasks.ends.stream().anyMatch(e -> e.stageId() == failed.stageId()
                                && e.taskInfo().index() == failed.taskInfo().index() && e.taskInfo().successful()
                                && e.taskInfo().attemptNumber() > failed.taskInfo().attemptNumber()
                                && !e.taskInfo().executorId().equals(killed)),
                        "stage " + failed.stageId() + " partition " + failed.taskInfo().index()
                                + " succeeded on a later attempt on another executor: " + tasks.ends);
            }
            assertTrue(lost.stream().anyMatch(e -> tasks.stageNames.get(e.stageId()).startsWith(TRAINING_STAGE)),
                    "a training task was among the lost ones");
            assertEquals(List.of(1, 2, 3), summary.epochs().stream().map(EpochReport::epoch).toList(),
                    "each epoch trained and recorded once");
            assertEquals(List.of("config.properties", "epoch-0001.seconds", "epoch-0001.zip", "epoch-0002.seconds",
                    "epoch-0002.zip", "epoch-0003.seconds", "epoch-0003.zip", "latest"), out.list("checkpoints"));
            assertTrue(summary.accuracyBeforePrune() > 0.8, summary.headline());
        }
    }

    /** Every task end, the stage of every started task, and every stage's name (its call site). */
    static final class TaskLog extends SparkListener {
        final List<SparkListenerTaskEnd> ends = new CopyOnWriteArrayList<>();
        final Map<Integer, String> stageNames = new ConcurrentHashMap<>();
        private final Map<Long, Integer> stageOfTask = new ConcurrentHashMap<>();

        @Override
        public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
            stageNames.put(submitted.stageInfo().stageId(), submitted.stageInfo().name());
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            stageOfTask.put(start.taskInfo().taskId(), start.stageId());
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            ends.add(end);
        }

        List<Long> startedIds() {
            return List.copyOf(stageOfTask.keySet());
        }

        Optional<String> stageNameOf(long taskId) {
            return Optional.ofNullable(stageOfTask.get(taskId)).map(stageNames::get);
        }
    }
}
