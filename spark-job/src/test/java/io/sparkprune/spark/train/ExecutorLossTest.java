package io.sparkprune.spark.train;

import io.sparkprune.io.RunDirectory;
import io.sparkprune.spark.SparkTestContexts;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An executor JVM killed in the middle of training: Spark re-runs its tasks elsewhere (and the
 * standalone worker starts a new executor), and the job still completes with a usable model.
 */
class ExecutorLossTest {

    @Test
    void trainingSurvivesAKilledExecutor(@TempDir Path dir) throws Exception {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        try (JavaSparkContext sc = SparkTestContexts.localCluster(2, 1, 1536)) {
            long driver = ProcessHandle.current().pid();
            Set<Long> executors = sc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8)
                    .map(x -> ProcessHandle.current().pid()).collect().stream()
                    .filter(p -> p != driver).collect(Collectors.toSet());
            assertTrue(!executors.isEmpty(), "tasks ran in executor JVMs");
            long victim = executors.iterator().next();

            RunDirectory out = RunDirectory.open(dir.resolve("run").toString(), sc.hadoopConfiguration());
            CompletableFuture<TrainSummary> job = CompletableFuture.supplyAsync(() -> new TrainJob(sc,
                    TrainJobFixtures.config(dir.resolve("data").toUri().toString(), "train.epochs=3"), out).run(false));
            // Kill once training is under way: the first epoch's checkpoint marks it.
            while (!out.exists("checkpoints/epoch-0001.zip") && !job.isDone()) {
                Thread.sleep(200);
            }
            boolean killed = ProcessHandle.of(victim).map(ProcessHandle::destroyForcibly).orElse(false);
            TrainSummary summary = job.get(10, TimeUnit.MINUTES);

            assertTrue(killed, "the executor JVM was running when killed");
            assertEquals(3, summary.epochs().size());
            assertTrue(summary.accuracyBeforePrune() > 0.8, summary.headline());
        }
    }
}
