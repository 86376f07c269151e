package io.sparkprune.cli;

import io.sparkprune.io.RunDirectory;
import io.sparkprune.provenance.RunRecord;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.spark.train.TrainJobFixtures;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.sparkprune.results.SweepResults.RESULTS_CSV;
import static io.sparkprune.spark.sweep.SweepTables.header;
import static io.sparkprune.spark.sweep.SweepTables.withoutTimes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep and train commands as separate JVMs killed with SIGKILL part-way and resumed with
 * {@code --resume}: the result equals an uninterrupted run's. Tiny MNIST-shaped pattern data, local[2].
 */
class KillAndResumeTest {
    private static final int POINTS = 4;
    private final List<CliProcess> started = new ArrayList<>();

    /** A failed assertion must not leave a sweep or training JVM running. */
    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (CliProcess p : started) {
            if (p.alive()) {
                p.kill();
            }
        }
    }

    @Test
    void sweepKilledAfterItsFirstPointAndAgainMidPointEndsWithTheUninterruptedTable(@TempDir Path dir)
            throws Exception {
        Path conf = config(dir, "model.width = 0.25", "train.epochs = 1", "train.batch-size = 32", "train.lr = 0.003",
                "regularizer.type = l1l2", "spark.mode = data-parallel",
                "sweep.grid.regularizer.lambda = [0.001, 0.003, 0.01, 0.03]", "sweep.grid.prune.threshold = [0, 0.2, 1]");
        Path full = dir.resolve("full");
        Path cut = dir.resolve("cut");

        CliProcess uninterrupted = sweep(dir, conf, full, false);
        assertTrue(uninterrupted.await(() -> uninterrupted.log().contains("to train"), 5), uninterrupted.log());
        long start = System.nanoTime();
        assertTrue(uninterrupted.await(() -> pointFiles(full) >= 1, 5), uninterrupted.log());
        long firstPointNanos = System.nanoTime() - start; // from planning the points to the first one's file
        assertEquals(0, uninterrupted.waitFor(5), uninterrupted.log());

        CliProcess first = sweep(dir, conf, cut, false);
        assertTrue(first.await(() -> pointFiles(cut) >= 1, 5), "no point finished before the process ended: " + first.log());
        first.kill();
        int afterFirstKill = pointFiles(cut);
        assertTrue(afterFirstKill < POINTS, afterFirstKill + " points done: the kill came too late");

        // Killed again while the next point trains (data-parallel: one point at a time, on both cores),
        // half a point's time after the resumed run planned its points.
        CliProcess second = sweep(dir, conf, cut, true);
        assertTrue(second.await(() -> second.log().contains("to train"), 5), second.log());
        Thread.sleep(firstPointNanos / 2_000_000);
        assertTrue(second.alive(), "the resumed sweep ended before the second kill: " + second.log());
        second.kill();
        int afterSecondKill = pointFiles(cut);
        assertTrue(afterSecondKill < POINTS, afterSecondKill + " points done after kills at " + afterFirstKill
                + " and " + firstPointNanos / 2_000_000 + " ms into the resume: the second kill came too late");
        assertFalse(Files.exists(cut.resolve(RESULTS_CSV)));

        CliProcess last = sweep(dir, conf, cut, true);
        assertEquals(0, last.waitFor(5), last.log());
        assertTrue(last.log().contains((POINTS - afterSecondKill) + " to train"), last.log());

        assertEquals(header(full), header(cut));
        List<ResultRecord> expected = withoutTimes(full);
        assertEquals(POINTS * 3, expected.size());
        assertEquals(expected, withoutTimes(cut));
        for (ResultRecord row : expected) {
            assertTrue(row.ok() && row.accuracyBeforePrune() > 0.5, "trained well above chance (0.1): " + row);
        }
        assertKilledRunsRecorded(cut, 2);
    }

    /**
     * A halving sweep (grid-parallel, rungs at 1, 2 and 3 epochs, eta 2) killed with SIGKILL while its
     * first rung is measured, then again once that rung's decision is written: the last resume makes the
     * uninterrupted run's decisions and ends with its table, stopped points and all.
     */
    @Test
    void halvingSweepKilledMidRungAndAtARungBoundaryMakesTheSameDecisionsAndTable(@TempDir Path dir)
            throws Exception {
        Path conf = config(dir, "model.width = 0.25", "train.epochs = 3", "train.batch-size = 32", "train.lr = 0.003",
                "data.validation = 100", "spark.mode = grid-parallel", "sweep.schedule = halving",
                "sweep.halving.min-epochs = 1", "sweep.halving.eta = 2", "sweep.grid.regularizer.type = [l1, l1l2]",
                "sweep.grid.regularizer.lambda = [0.001, 0.03]", "sweep.grid.prune.threshold = [0, 0.2]");
        Path full = dir.resolve("full");
        Path cut = dir.resolve("cut");
        CliProcess uninterrupted = sweep(dir, conf, full, false);
        assertEquals(0, uninterrupted.waitFor(5), uninterrupted.log());

        CliProcess first = sweep(dir, conf, cut, false);
        assertTrue(first.await(() -> countFiles(cut.resolve("rungs/0")) >= 1, 5), first.log());
        first.kill();
        assertTrue(countFiles(cut.resolve("rungs/0")) < POINTS, "killed after rung 0 was measured: too late");
        assertFalse(Files.exists(cut.resolve("rungs/rung-0.csv")));

        CliProcess second = sweep(dir, conf, cut, true);
        assertTrue(second.await(() -> Files.exists(cut.resolve("rungs/rung-0.csv")), 5), second.log());
        second.kill();
        assertFalse(Files.exists(cut.resolve(RESULTS_CSV)), "killed before the sweep finished");

        CliProcess last = sweep(dir, conf, cut, true);
        assertEquals(0, last.waitFor(5), last.log());
        for (String decision : List.of("rungs/rung-0.csv", "rungs/rung-1.csv")) {
            assertEquals(Files.readString(full.resolve(decision)), Files.readString(cut.resolve(decision)), decision);
        }
        assertEquals(header(full), header(cut));
        List<ResultRecord> expected = withoutTimes(full);
        assertEquals(expected, withoutTimes(cut));
        assertEquals(2, expected.stream().filter(ResultRecord::stopped).map(ResultRecord::pointId).distinct().count(),
                "one setting of each type stopped at rung 0: " + expected);
        assertKilledRunsRecorded(cut, 2);
    }

    private static int countFiles(Path d) {
        try (Stream<Path> files = Files.list(d)) {
            return (int) files.filter(p -> p.toString().endsWith(".csv")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * A resume restarts from the last finished epoch's checkpoint (which a SIGKILL cannot leave
     * half-written), holding the weights, Adam's moments and the counters its bias correction and the
     * learning-rate schedule read; each epoch's split into averaging rounds is seeded by the epoch. So
     * the resumed run ends with the uninterrupted run's weights.
     */
    @Test
    void trainKilledMidEpochAndResumedEqualsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        // A linear learning-rate decay: the epoch counter in the checkpoint decides the resumed rate.
        Path conf = config(dir, "model.width = 0.5", "train.epochs = 2", "train.batch-size = 32", "train.lr = 0.003",
                "train.lr-schedule = linear", "regularizer.type = l1l2", "regularizer.lambda = 0.001",
                "prune.threshold = 0.2", "spark.averaging-frequency = 2");
        Path full = dir.resolve("full");
        Path cut = dir.resolve("cut");
        CliProcess uninterrupted = train(dir, conf, full, false);
        assertEquals(0, uninterrupted.waitFor(5), uninterrupted.log());

        CliProcess killed = train(dir, conf, cut, false);
        assertTrue(killed.await(() -> Files.exists(cut.resolve("checkpoints/latest")), 5), killed.log());
        killed.kill();
        assertFalse(Files.exists(cut.resolve("checkpoints/epoch-0002.zip")), "killed during epoch 2");
        assertFalse(Files.exists(cut.resolve("model.zip")));

        MultiLayerNetwork expected = load(full.resolve("checkpoints/epoch-0001.zip"));
        MultiLayerNetwork checkpoint = load(cut.resolve("checkpoints/epoch-0001.zip"));
        assertClose(expected.params(), checkpoint.params(), "epoch-1 weights");
        INDArray adam = checkpoint.getUpdater().getStateViewArray();
        assertEquals(2 * checkpoint.numParams(), adam.length(), "Adam's two moments per parameter");
        assertTrue(adam.amaxNumber().doubleValue() > 0, "Adam's moments were trained");
        assertClose(expected.getUpdater().getStateViewArray(), adam, "epoch-1 Adam state");
        assertEquals(expected.getLayerWiseConfigurations().getEpochCount(),
                checkpoint.getLayerWiseConfigurations().getEpochCount(), "epoch counter of the lr schedule");

        CliProcess resumed = train(dir, conf, cut, true);
        assertEquals(0, resumed.waitFor(5), resumed.log());
        assertTrue(resumed.log().contains("resuming after epoch 1"), resumed.log());
        for (String model : List.of("model.zip", "pruned-model.zip")) {
            assertClose(load(full.resolve(model)).params(), load(cut.resolve(model)).params(), model);
        }
        assertEquals(summaryAccuracy(full), summaryAccuracy(cut), 1e-9);
        assertKilledRunsRecorded(cut, 1);
    }

    /** run.json: the finished run, and behind it as {@code previous} each killed run, unfinished. */
    private static void assertKilledRunsRecorded(Path out, int killed) {
        RunRecord record = RunRecord.readFrom(RunDirectory.open(out.toString(), new Configuration())).orElseThrow();
        assertTrue(record.finished() != null, "the last run finished: " + record.toJson());
        for (int i = 0; i < killed; i++) {
            record = record.previous();
            assertTrue(record != null && record.finished() == null, "killed run " + (killed - i) + " recorded unfinished");
        }
        assertNull(record.previous(), "the first run continues none");
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(expected.length(), actual.length(), what);
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, what + ": max |interrupted run - uninterrupted| = " + diff);
    }

    private static double summaryAccuracy(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("accuracy_before_prune").asDouble();
    }

    private CliProcess sweep(Path dir, Path conf, Path out, boolean resume) {
        return run(dir, "sweep", conf, out, resume);
    }

    private CliProcess train(Path dir, Path conf, Path out, boolean resume) {
        return run(dir, "train", conf, out, resume);
    }

    private CliProcess run(Path dir, String command, Path conf, Path out, boolean resume) {
        List<String> args = new ArrayList<>(List.of(command, "--config", conf.toString(), "--out", out.toString(),
                "--master", "local[2]"));
        if (resume) {
            args.add("--resume");
        }
        CliProcess p = CliProcess.start(dir.resolve(out.getFileName() + "-" + started.size() + ".log"),
                args.toArray(String[]::new));
        started.add(p);
        return p;
    }

    private static Path config(Path dir, String... lines) throws IOException {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        List<String> all = new ArrayList<>(List.of("data.dir = \"" + dir.resolve("data").toUri() + "\""));
        all.addAll(List.of(lines));
        return Files.write(dir.resolve("run.conf"), all);
    }

    private static int pointFiles(Path out) {
        try (Stream<Path> files = Files.list(out.resolve("points"))) {
            return (int) files.filter(p -> p.toString().endsWith(".csv")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static MultiLayerNetwork load(Path model) throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(model.toFile(), true);
    }
}
