package io.sparkprune.spark.sweep;

import io.sparkprune.config.ConfigException;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.provenance.RunRecord;
import io.sparkprune.results.ResultColumns;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.ResultsCsv;
import io.sparkprune.spark.SparkTestContexts;
import io.sparkprune.spark.train.TrainJobFixtures;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.sweep.SweepGrid;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.sparkprune.results.SweepResults.RESULTS_CSV;
import static io.sparkprune.results.SweepResults.RESULTS_PARQUET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sweeps on local[2] over MNIST-format pattern images: tiny LeNet-5s (width 0.25, one epoch).
 * One grid-parallel sweep of three points (one configured to diverge) is shared by the tests.
 */
class SweepJobTest {
    static final List<Double> THRESHOLDS = List.of(0.0, 0.2, 1.0);
    @TempDir
    static Path dir;
    static JavaSparkContext sc;
    static SweepJob.Outcome first;
    static final AtomicInteger maxRunningTasks = new AtomicInteger();
    /** Most tasks running at once during the first sweep (its only multi-task phase is training). */
    static int firstSweepConcurrency;

    @BeforeAll
    static void sweepOnce() {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        sc = SparkTestContexts.local(2);
        sc.sc().addSparkListener(new ConcurrencyProbe());
        first = sweep("full", false);
        firstSweepConcurrency = maxRunningTasks.get();
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    /** lambda 1e300 overflows the float gradient: that point diverges to NaN. */
    static SweepGrid grid(String... extra) {
        List<String> sets = new ArrayList<>(List.of("data.dir=\"" + dir.resolve("data").toUri() + "\"",
                "model.width=0.25", "train.epochs=1", "train.batch-size=32", "train.lr=0.003",
                "regularizer.type=l1l2", "spark.mode=grid-parallel",
                "sweep.grid.regularizer.lambda=[0.001, 1e300, 0.01]", "sweep.grid.prune.threshold=[0, 0.2, 1]"));
        sets.addAll(List.of(extra));
        return SweepGrid.from(ConfigLoader.load(null, sets));
    }

    static SweepJob.Outcome sweep(String out, boolean resume, String... extra) {
        return new SweepJob(sc, grid(extra), runDir(out)).run(resume);
    }

    static RunDirectory runDir(String name) {
        return RunDirectory.open(dir.resolve(name).toString(), sc.hadoopConfiguration());
    }

    static List<String> lines(String out, String file) throws Exception {
        return Files.readAllLines(dir.resolve(out).resolve(file));
    }

    @Test
    void oneRowPerPointAndThresholdWithTheDivergedPointFailed() throws Exception {
        assertEquals(new SweepJob.Outcome(3, 1, 9), first);
        List<String> csv = lines("full", RESULTS_CSV);
        List<String> header = List.of(csv.get(0).split(","));
        assertEquals(10, csv.size());
        int status = header.indexOf("status");
        int lambda = header.indexOf("regularizer_lambda");
        int threshold = header.indexOf("threshold");
        int accuracy = header.indexOf("accuracy_after_prune");
        int before = header.indexOf("accuracy_before_prune");
        int filtersAfter = header.indexOf("filters_after");
        for (int row = 1; row < csv.size(); row++) {
            String[] f = csv.get(row).split(",", -1);
            assertEquals(String.valueOf((row - 1) / 3), f[0], "grid order: " + csv.get(row));
            assertEquals(THRESHOLDS.get((row - 1) % 3), Double.parseDouble(f[threshold]), "thresholds ascending");
            if (f[lambda].equals("1.0E300")) {
                assertEquals("failed", f[status]);
                assertTrue(csv.get(row).contains("diverged"), csv.get(row));
                assertEquals("", f[accuracy]);
            } else {
                assertEquals("ok", f[status], csv.get(row));
                // Trained well above chance (0.1); threshold 0 keeps every filter, so it keeps the accuracy too.
                assertTrue(Double.parseDouble(f[before]) > 0.5, csv.get(row));
                if (Double.parseDouble(f[threshold]) == 0) {
                    assertEquals(Double.parseDouble(f[before]), Double.parseDouble(f[accuracy]), 1e-9, csv.get(row));
                }
                if (f[threshold].equals("1.0")) {
                    assertEquals("1-1", f[filtersAfter], "threshold 1 keeps one filter per layer");
                }
            }
        }
        assertEquals(3, Files.list(dir.resolve("full/points")).filter(p -> p.toString().endsWith(".csv")).count());
        assertEquals(2, firstSweepConcurrency, "grid-parallel points ran concurrently, one per core");
    }

    @Test
    void parquetHoldsTheSameRowsWithTypedColumns() {
        Dataset<Row> parquet = SparkSession.builder().sparkContext(sc.sc()).getOrCreate().read()
                .parquet(dir.resolve("full").resolve(RESULTS_PARQUET).toString());
        assertEquals(9, parquet.count());
        assertEquals(1, parquet.where("status = 'failed'").select("point_id").distinct().count());
        assertEquals("double", parquet.schema().apply("regularizer_lambda").dataType().typeName());
        assertEquals("long", parquet.schema().apply("params_after").dataType().typeName());
        assertEquals(2, parquet.where("threshold = 0 and status = 'ok' and params_after = params_before").count());
    }

    @Test
    void resumeRetrainsOnlyTheMissingPointAndRebuildsTheSameTable() throws Exception {
        copy(dir.resolve("full"), dir.resolve("resumed"));
        List<GridPoint> points = grid().points();
        Path missing = dir.resolve("resumed").resolve(SweepState.pointFile(points.get(2)));
        Path kept = dir.resolve("resumed").resolve(SweepState.pointFile(points.get(0)));
        Files.delete(missing);
        Files.delete(dir.resolve("resumed").resolve(RESULTS_CSV));
        Files.delete(dir.resolve("resumed").resolve(RunRecord.FILE)); // as in sweeps written before run records
        String keptBefore = Files.readString(kept);

        assertEquals(first, sweep("resumed", true));

        RunRecord record = RunRecord.readFrom(runDir("resumed")).orElseThrow();
        assertEquals("sweep", record.command());
        assertEquals(sc.master(), record.sparkMaster());
        assertEquals(List.of(0.001, 1e300, 0.01), record.config().get("sweep.grid.regularizer.lambda"));
        assertTrue(record.finished() != null && record.previous() == null, "a sweep without a record resumes");

        assertEquals(keptBefore, Files.readString(kept), "a finished point is not retrained");
        assertTrue(Files.exists(missing));
        assertEquals(lines("full", RESULTS_CSV).get(0), lines("resumed", RESULTS_CSV).get(0));
        assertEquals(withoutTrainSeconds(records("full")), withoutTrainSeconds(records("resumed")));
    }

    @Test
    void retryFailedTrainsTheFailedPointsAgainAndAPlainResumeKeepsThem() throws Exception {
        copy(dir.resolve("full"), dir.resolve("retry"));
        GridPoint healthy = grid().points().get(0);
        Path file = dir.resolve("retry").resolve(SweepState.pointFile(healthy));
        // the file a point gets when the cluster, not the point, failed (here: a class lost under a running sweep)
        Files.writeString(file, ResultsCsv.write(ResultColumns.SWEEP, THRESHOLDS.stream().map(t -> ResultRecord.failed(
                healthy, t, "SparkException: java.lang.NoClassDefFoundError", 1.0)).toList()));

        assertEquals(new SweepJob.Outcome(3, 2, 9), sweep("retry", true), "a plain resume keeps the recorded failure");
        assertEquals(new SweepJob.Outcome(3, 1, 9), new SweepJob(sc, grid(), runDir("retry")).run(new SweepJob.Start(true, true, false), List.of()));
        assertEquals(withoutTrainSeconds(records("full")), withoutTrainSeconds(records("retry")),
                "the healthy point trained again; the diverging one failed again, as it must");
    }

    @Test
    void pointFilesOfAnOlderLayoutAreResumedIntoTheCurrentLayout() throws Exception {
        copy(dir.resolve("full"), dir.resolve("old-layout"));
        Files.delete(dir.resolve("old-layout").resolve(RESULTS_CSV));
        // The layout before fine-tuning, replicates, cut thresholds, validation, halving and the keys behind them
        Set<String> added = Set.of("setting_id", "replicate", "data_validation", "prune_curve_points", "threshold_kind",
                "val_accuracy_before_prune", "val_accuracy_after_prune", "accuracy_after_finetune",
                "val_accuracy_after_finetune", "rung", "epochs_trained", "sweep_schedule", "sweep_halving_min_epochs",
                "sweep_halving_eta");
        try (var files = Files.list(dir.resolve("old-layout/points"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                List<String> lines = Files.readAllLines(f);
                List<String> header = List.of(lines.get(0).split(",", -1));
                assertTrue(header.containsAll(added), header.toString());
                List<String> old = lines.stream().map(l -> {
                    String[] cells = l.split(",", -1); // no cell of this grid holds a comma
                    List<String> kept = new ArrayList<>();
                    for (int i = 0; i < cells.length; i++) {
                        if (!added.contains(header.get(i))) {
                            kept.add(cells[i]);
                        }
                    }
                    return String.join(",", kept);
                }).toList();
                assertTrue(old.get(0).endsWith(",train_seconds"), old.get(0));
                Files.write(f, old);
            }
        }
        assertEquals(first, sweep("old-layout", true));
        assertEquals(lines("full", RESULTS_CSV).get(0), lines("old-layout", RESULTS_CSV).get(0));
        assertEquals(withoutTrainSeconds(records("full")), withoutTrainSeconds(records("old-layout")));
    }

    @Test
    void finetuningRecordsATrainedAccuracyPerThreshold() throws Exception {
        assertEquals(new SweepJob.Outcome(1, 0, 3),
                sweep("finetuned", false, "prune.finetune-epochs=1", "sweep.grid.regularizer.lambda=[0.001]"));
        List<ResultRecord> rows = records("finetuned");
        boolean changed = false;
        for (ResultRecord r : rows) {
            double after = r.accuracyAfterFinetune();
            assertTrue(after >= 0 && after <= 1, r.toString());
            changed |= after != r.accuracyAfterPrune();
        }
        assertTrue(changed, "fine-tuning trained the pruned networks: " + rows);
        assertTrue(records("full").stream().allMatch(r -> r.accuracyAfterFinetune() == null),
                "no fine-tuning, no value");
    }

    /**
     * {@code --resume --extend}: a lambda appended to the grid trains that point only, the finished
     * points' files stay as they were, and the table is the one a sweep of the whole new grid writes.
     */
    @Test
    void anExtendedGridTrainsOnlyItsNewPointAndEndsWithTheWholeGridsTable() throws Exception {
        copy(dir.resolve("full"), dir.resolve("extended"));
        Files.delete(dir.resolve("extended").resolve(RESULTS_CSV));
        Map<Path, String> finished = new java.util.TreeMap<>();
        try (var files = Files.list(dir.resolve("extended/points"))) {
            for (Path f : files.toList()) {
                finished.put(f, Files.readString(f));
            }
        }
        String wider = "sweep.grid.regularizer.lambda=[0.001, 1e300, 0.01, 0.003]";
        ConfigException plain = assertThrows(ConfigException.class, () -> sweep("extended", true, wider));
        assertTrue(plain.getMessage().contains("--extend"), plain.getMessage());

        SweepJob.Start extend = new SweepJob.Start(true, false, true);
        assertEquals(new SweepJob.Outcome(4, 1, 12), new SweepJob(sc, grid(wider), runDir("extended")).run(extend, List.of()));
        for (Map.Entry<Path, String> f : finished.entrySet()) {
            assertEquals(f.getValue(), Files.readString(f.getKey()), "a finished point is not retrained: " + f.getKey());
        }
        assertEquals(new SweepJob.Outcome(4, 1, 12), sweep("whole", false, wider));
        assertEquals(withoutTrainSeconds(records("whole")), withoutTrainSeconds(records("extended")));
        assertEquals(new SweepJob.Outcome(4, 1, 12), sweep("extended", true, wider), "the manifest is the extended grid's");
    }

    /**
     * {@code --extend} refuses anything but added points, before writing: a point dropped (a base config
     * changed renames every point), a finished point renumbered, other thresholds.
     */
    @Test
    void anExtensionThatIsNotOneIsRefusedAndWritesNothing() throws Exception {
        Path manifest = dir.resolve("full").resolve(SweepState.MANIFEST);
        String before = Files.readString(manifest);
        SweepJob.Start extend = new SweepJob.Start(true, false, true);
        List<Map.Entry<String, String>> refusals = List.of(
                Map.entry("sweep.grid.regularizer.lambda=[0.001, 0.01]", "is not in the grid now"),
                Map.entry("train.lr=0.001", "is not in the grid now"),
                Map.entry("sweep.grid.regularizer.lambda=[0.003, 0.001, 1e300, 0.01]", "was point 0 and would be 1"),
                Map.entry("sweep.grid.prune.threshold=[0, 0.5]", "the thresholds were"));
        for (Map.Entry<String, String> r : refusals) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> new SweepJob(sc, grid(r.getKey()), runDir("full")).run(extend, List.of()));
            assertTrue(e.getMessage().contains(r.getValue()), r.getKey() + ": " + e.getMessage());
        }
        assertEquals(before, Files.readString(manifest));
        assertEquals(new SweepJob.Outcome(3, 1, 9), sweep("full", true), "the sweep resumes as it was");
    }

    @Test
    void aChangedGridOrAnOldSweepIsRefused() {
        ConfigException changed = assertThrows(ConfigException.class,
                () -> sweep("full", true, "train.lr=0.001"));
        assertTrue(changed.getMessage().contains("differs from the sweep"), changed.getMessage());
        ConfigException again = assertThrows(ConfigException.class, () -> sweep("full", false));
        assertTrue(again.getMessage().contains("--resume"), again.getMessage());
    }

    @Test
    void dataParallelProducesTheSameSchemaAndIsolatesFailures() throws Exception {
        SweepJob.Outcome outcome = sweep("data-parallel", false, "spark.mode=data-parallel",
                "sweep.grid.regularizer.lambda=[0.001, 1e300]");
        assertEquals(new SweepJob.Outcome(2, 1, 6), outcome);
        List<String> csv = lines("data-parallel", RESULTS_CSV);
        assertEquals(lines("full", RESULTS_CSV).get(0), csv.get(0));
        assertTrue(csv.get(1).contains(",ok,"), csv.get(1));
        // Parameter averaging evaluates each epoch on the executors: the NaN model fails there.
        assertTrue(csv.get(4).contains(",failed,") && csv.get(4).contains("NaN"), csv.get(4));
        assertTrue(csv.get(4).length() < 1000, "the reason is one line, not a stack trace: " + csv.get(4));
    }

    @Test
    void gridParallelRejectsADataAxis() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SweepJob.check(grid("sweep.grid.data.train-limit=[100, 200]")));
        assertTrue(e.getMessage().contains("sweep.grid.data.train-limit"), e.getMessage());
    }

    static List<ResultRecord> records(String out) throws Exception {
        return ResultsCsv.read(Files.readString(dir.resolve(out).resolve(RESULTS_CSV)));
    }

    /** Each row without its train_seconds (wall time). */
    static List<ResultRecord> withoutTrainSeconds(List<ResultRecord> rows) {
        return rows.stream().map(ResultRecord::withoutTrainSeconds).toList();
    }

    static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    /** The highest number of tasks running at once. */
    static final class ConcurrencyProbe extends SparkListener {
        private final Map<Long, Boolean> running = new ConcurrentHashMap<>();

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            running.put(start.taskInfo().taskId(), true);
            maxRunningTasks.accumulateAndGet(running.size(), Math::max);
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            running.remove(end.taskInfo().taskId());
        }
    }
}
