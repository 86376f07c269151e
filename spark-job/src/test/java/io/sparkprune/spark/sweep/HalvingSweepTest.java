package io.sparkprune.spark.sweep;

import io.sparkprune.cli.Main;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.halving.FullGridComparison;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.SweepResults;
import io.sparkprune.spark.SparkTestContexts;
import io.sparkprune.spark.report.SweepReport;
import io.sparkprune.spark.train.TrainJobFixtures;
import io.sparkprune.sweep.SweepGrid;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sweep.schedule = halving} on the small MNIST-shaped fixture, grid-parallel on local[2]:
 * 2 regularizer types x 2 lambdas, rungs at 1, 2 and 3 epochs with eta 2. Uninterrupted, it stops one
 * setting per type at the first rung and finishes the others; stopped in-process (the Spark context
 * stopped, as SIGTERM's hook does) in the middle of the first rung and again at its decision, then
 * resumed, it writes the same decisions and ends with the same table. Its survivors end with the rows
 * that the full schedule gives the same points.
 */
class HalvingSweepTest {
    private static final int POINTS = 4;

    @TempDir
    Path dir;

    private SweepGrid grid(String mode) {
        return SweepGrid.from(ConfigLoader.load(null, List.of(settings(mode, "sweep.schedule=halving"))));
    }

    private String[] settings(String mode, String schedule) {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        return new String[] {"data.dir=\"" + dir.resolve("data").toUri() + "\"", "data.validation=100",
                "model.width=0.25", "train.epochs=3", "train.batch-size=32", "train.lr-schedule=linear",
                "spark.mode=" + mode, schedule, "sweep.halving.min-epochs=1", "sweep.halving.eta=2",
                "sweep.grid.regularizer.type=[l1, ssl]", "sweep.grid.regularizer.lambda=[0.001, 0.03]",
                "sweep.grid.prune.threshold=[0, 0.5]"};
    }

    /** What a row measured, without the schedule's columns. */
    private static List<List<Object>> measures(List<ResultRecord> rows) {
        return rows.stream().map(r -> java.util.Arrays.<Object>asList(r.pointId(), r.threshold(), r.thresholdKind(),
                r.accuracyBeforePrune(), r.accuracyAfterPrune(), r.valAccuracyBeforePrune(), r.valAccuracyAfterPrune(),
                r.filtersAfter(), r.paramsAfter(), r.epochsTrained())).toList();
    }

    @Test
    void gridParallelStoppedMidRungAndAtItsDecisionResumesToTheUninterruptedDecisionsAndTable() throws Exception {
        SweepGrid grid = grid("grid-parallel");
        Path full = dir.resolve("full");
        run(grid, full, false);
        assertHalvingTable(full);
        // A survivor trained the first epochs of its full-budget run at each rung, then went on from the
        // rung's checkpoint: it ends with the rows the full schedule gives the same point.
        Path everyPoint = dir.resolve("every-point");
        run(SweepGrid.from(ConfigLoader.load(null, List.of(settings("grid-parallel", "sweep.schedule=full")))),
                everyPoint, false);
        List<List<Object>> survivors = measures(SweepTables.withoutTimes(full).stream().filter(ResultRecord::ok).toList());
        List<String> ids = SweepTables.withoutTimes(full).stream().filter(ResultRecord::ok).map(ResultRecord::pointId)
                .distinct().toList();
        assertEquals(survivors, measures(SweepTables.withoutTimes(everyPoint).stream()
                .filter(r -> ids.contains(r.pointId())).toList()));
        SweepReport.write(RunDirectory.open(full.toString(), new org.apache.hadoop.conf.Configuration()), List.of());
        String report = Files.readString(full.resolve(SweepReport.MARKDOWN));
        assertTrue(report.contains("## Successive halving") && report.contains("trained 8 epochs in all, 67% of the 12")
                && report.contains("halving rung 0 (1 epochs): rank 2 of 2 ssl settings"), report);
        againstTheFullGrid(full, everyPoint);

        Path cut = dir.resolve("cut");
        // Mid-rung: one rung-0 measurement written, others still training (4 points on 2 cores).
        stopWhen(grid, cut, false, out -> files(out.resolve("rungs/0")).size() >= 1);
        assertTrue(files(cut.resolve("rungs/0")).size() < POINTS, "stopped before the rung was measured");
        assertFalse(Files.exists(cut.resolve("rungs/rung-0.csv")));
        // At the rung boundary: its decision written.
        stopWhen(grid, cut, true, out -> Files.exists(out.resolve("rungs/rung-0.csv")));
        assertFalse(Files.exists(cut.resolve("results.csv")));
        run(grid, cut, true);

        assertEquals(Files.readString(full.resolve("rungs/rung-0.csv")), Files.readString(cut.resolve("rungs/rung-0.csv")));
        assertEquals(Files.readString(full.resolve("rungs/rung-1.csv")), Files.readString(cut.resolve("rungs/rung-1.csv")));
        assertEquals(SweepTables.header(full), SweepTables.header(cut));
        assertEquals(SweepTables.withoutTimes(full), SweepTables.withoutTimes(cut));
        assertFalse(Files.exists(cut.resolve("checkpoints")), "no checkpoint outlives the sweep");
    }

    @Test
    void dataParallelHalvingStopsAndFinishesPointsAsGridParallelDoes() throws Exception {
        Path out = dir.resolve("data-parallel");
        run(grid("data-parallel"), out, false);
        assertHalvingTable(out);
    }

    @Test
    void halvingWithoutAValidationSplitIsRefused() {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        SweepGrid grid = SweepGrid.from(ConfigLoader.load(null, List.of(
                "data.dir=\"" + dir.resolve("data").toUri() + "\"", "train.epochs=3", "sweep.schedule=halving",
                "sweep.grid.regularizer.lambda=[0.001, 0.01]")));
        String msg = assertThrows(io.sparkprune.config.ConfigException.class, () -> SweepJob.check(grid)).getMessage();
        assertTrue(msg.contains("sweep.schedule") && msg.contains("data.validation"), msg);
    }

    /**
     * {@code report --against}: the survivors' rows are the full grid's, so halving's smallest model at a
     * floor is the full grid's wherever that one's point survived, and never smaller elsewhere.
     */
    private static void againstTheFullGrid(Path halving, Path full) throws Exception {
        String before = Files.readString(halving.resolve(SweepReport.MARKDOWN));
        assertEquals(2, Main.run("report", "--in", halving.toString(), "--against", halving.toString()),
                "a halving sweep is no full grid");
        assertEquals(2, Main.run("report", "--in", full.toString(), "--against", halving.toString()));
        assertEquals(before, Files.readString(halving.resolve(SweepReport.MARKDOWN)), "a refused report writes nothing");

        assertEquals(0, Main.run("report", "--in", halving.toString(), "--against", full.toString()));
        String report = Files.readString(halving.resolve(SweepReport.MARKDOWN));
        assertTrue(report.contains("## Against the full grid") && report.contains("The full grid in ../every-point (")
                && report.contains("12 epochs and")
                && report.contains("this sweep 8 epochs (67%)"), report);
        FullGridComparison c = FullGridComparison.of(rows(halving), rows(full));
        Set<String> survivors = rows(halving).stream().filter(ResultRecord::ok).map(ResultRecord::pointId)
                .collect(Collectors.toSet());
        int compared = 0;
        for (FullGridComparison.Floor f : c.floors()) {
            for (FullGridComparison.Row r : f.rows()) {
                long survived = r.full().picked().stream().filter(p -> survivors.contains(p.pointId())).count();
                assertEquals(survived, r.samePicks(), r.regularizer() + " at " + f.floor());
                r.logRatio().ifPresent(d -> assertTrue(d.mean() >= -1e-12, r.regularizer() + ": " + d));
                compared += r.full().reached();
            }
        }
        assertTrue(compared > 0, "some regularizer reaches a floor");
        assertTrue(c.frontKept() >= 1 && c.frontKept() <= c.frontSize(), c.frontKept() + " of " + c.frontSize());
    }

    private static List<ResultRecord> rows(Path out) {
        return SweepResults.read(RunDirectory.open(out.toString(), new org.apache.hadoop.conf.Configuration()));
    }

    /**
     * One setting per type stopped at rung 0 after 1 epoch (status stopped, the rung's rows on
     * validation images, no test accuracy, and the reason), one per type finished at rung 2 after 3 epochs; every type represented at the end.
     */
    private static void assertHalvingTable(Path out) throws Exception {
        List<ResultRecord> rows = SweepTables.withoutTimes(out);
        Map<String, List<ResultRecord>> byPoint = rows.stream().collect(Collectors.groupingBy(ResultRecord::pointId));
        assertEquals(POINTS, byPoint.size());
        List<ResultRecord> stopped = rows.stream().filter(ResultRecord::stopped).toList();
        List<ResultRecord> finished = rows.stream().filter(ResultRecord::ok).toList();
        assertEquals(rows.size(), stopped.size() + finished.size(), "no point failed: " + rows);
        for (ResultRecord r : stopped) {
            assertEquals(0, r.rung());
            assertEquals(1, r.epochsTrained());
            assertTrue(r.reason().startsWith("halving rung 0 (1 epochs): rank 2 of 2 "), r.reason());
            assertTrue(r.valAccuracyBeforePrune() != null && r.valAccuracyAfterPrune() != null, "measured: " + r);
            assertTrue(r.accuracyBeforePrune() == null && r.accuracyAfterPrune() == null,
                    "a rung reads no test image: " + r);
        }
        for (ResultRecord r : finished) {
            assertTrue(r.accuracyBeforePrune() != null, "a finished point is tested: " + r);
            assertEquals(2, r.rung());
            assertEquals(3, r.epochsTrained());
        }
        assertEquals(List.of("l1", "ssl"), finished.stream().map(ResultRecord::regularizer).distinct().sorted().toList());
        assertEquals(List.of("l1", "ssl"), stopped.stream().map(ResultRecord::regularizer).distinct().sorted().toList());
        assertEquals(2, stopped.stream().map(ResultRecord::pointId).distinct().count());
        List<String> decision = Files.readAllLines(out.resolve("rungs/rung-0.csv"));
        assertEquals(1 + POINTS, decision.size(), decision.toString());
        assertEquals(2, decision.stream().filter(l -> l.endsWith(",stop")).count(), decision.toString());
        assertEquals(1 + 2, Files.readAllLines(out.resolve("rungs/rung-1.csv")).size());
    }

    private static void run(SweepGrid grid, Path out, boolean resume) {
        JavaSparkContext sc = SparkTestContexts.local(2);
        try {
            new SweepJob(sc, grid, RunDirectory.open(out.toString(), sc.hadoopConfiguration())).run(resume);
        } finally {
            sc.stop();
        }
    }

    /** Runs the sweep until {@code when} holds of its output, then stops its Spark context. */
    private static void stopWhen(SweepGrid grid, Path out, boolean resume, Predicate<Path> when) throws Exception {
        JavaSparkContext sc = SparkTestContexts.local(2);
        CompletableFuture<SweepJob.Outcome> sweep = CompletableFuture.supplyAsync(
                () -> new SweepJob(sc, grid, RunDirectory.open(out.toString(), sc.hadoopConfiguration())).run(resume));
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!when.test(out) && !sweep.isDone() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        sc.stop();
        assertThrows(ExecutionException.class, () -> sweep.get(3, TimeUnit.MINUTES), "the sweep was stopped, not finished");
    }

    private static List<Path> files(Path d) {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(d)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).toList());
        } catch (java.io.IOException e) {
            return List.of(); // a directory changing under the walk: look again on the next poll
        }
    }
}
