package io.sparkprune.spark.sweep;

import io.sparkprune.config.ConfigException;
import io.sparkprune.config.ConfigKeys;
import io.sparkprune.config.RunConfig;
import io.sparkprune.config.SweepSchedule;
import io.sparkprune.config.SparkMode;
import io.sparkprune.data.DataSplits;
import io.sparkprune.data.Datasets;
import io.sparkprune.halving.HalvingRungs;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.model.Networks;
import io.sparkprune.provenance.RunRecord;
import io.sparkprune.results.ResultColumns;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.ResultsCsv;
import io.sparkprune.spark.SparkContexts;
import io.sparkprune.spark.train.Checkpoints;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.sweep.SweepGrid;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.sparkprune.results.SweepResults.RESULTS_CSV;
import static io.sparkprune.results.SweepResults.RESULTS_PARQUET;

/**
 * The {@code sweep} command's engine: binds OUT to the grid, trains the unfinished points in the
 * configured mode (every point to its budget, or rung by rung with {@code sweep.schedule = halving},
 * {@link HalvingSweep}), writes each point's rows atomically as it finishes, then assembles
 * {@code results.csv} (grid order, thresholds ascending) and {@code results.parquet} from the point
 * files, so an interrupted and resumed sweep ends with the same table as an uninterrupted one.
 */
public final class SweepJob {
    private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);

    private final JavaSparkContext sc;
    private final SweepGrid grid;
    private final RunDirectory out;

    public SweepJob(JavaSparkContext sc, SweepGrid grid, RunDirectory out) {
        this.sc = sc;
        this.grid = grid;
        this.out = out;
    }

    /** What the sweep's table holds once it is complete. */
    public record Outcome(int points, int failedPoints, int rows) {
    }

    /** Rejects grids the configured mode or schedule cannot run; call before starting Spark. */
    public static void check(SweepGrid grid) {
        checkSchedule(grid.points());
        for (String key : grid.axes().keySet()) {
            if (key.startsWith("spark.mode")) {
                throw ConfigException.forKey("sweep.grid." + key, "the mode applies to the whole sweep, not a point");
            }
            if (key.startsWith("data.") && grid.points().get(0).config().spark().mode() == SparkMode.GRID_PARALLEL) {
                throw ConfigException.forKey("sweep.grid." + key,
                        "grid-parallel points share one broadcast dataset; use spark.mode = data-parallel to vary data.*");
            }
        }
    }

    /**
     * Halving compares points at common epochs and selects on validation accuracy: every point needs
     * the same budget, a first rung below it, and a validation split.
     */
    private static void checkSchedule(List<GridPoint> points) {
        RunConfig first = points.get(0).config();
        if (first.sweep().schedule() != SweepSchedule.HALVING) {
            return;
        }
        String key = ConfigKeys.SWEEP_SCHEDULE.name();
        if (points.stream().anyMatch(p -> p.config().train().epochs() != first.train().epochs())) {
            throw ConfigException.forKey(key, "halving measures every point at the same epochs: give all points one "
                    + "train.epochs (not a grid axis), or use sweep.schedule = full");
        }
        if (points.stream().anyMatch(p -> p.config().data().validation() == 0)) {
            throw ConfigException.forKey(key, "halving ranks points on validation accuracy: hold images out with "
                    + "data.validation = N (the shipped sweeps use 5000)");
        }
        HalvingRungs.of(first.train().epochs(), first.sweep().halvingMinEpochs(), first.sweep().halvingEta());
    }

    /**
     * How a sweep starts on OUT: afresh (OUT must not hold a sweep) or resuming the sweep there, whose
     * finished points keep their results. With {@code retryFailed} the points whose files record a
     * failure train again: a failure can be the cluster's (a lost executor after its retries, a build
     * replaced under a running sweep), and a resume otherwise keeps it as the point's result. With
     * {@code extend} the grid may have gained points ({@link SweepState#bind}).
     */
    public record Start(boolean resume, boolean retryFailed, boolean extend) {
        public static final Start FRESH = new Start(false, false, false);
        public static final Start RESUME = new Start(true, false, false);

        public Start {
            if ((retryFailed || extend) && !resume) {
                throw new IllegalArgumentException("retrying failed points or extending a grid resumes a sweep");
            }
        }
    }

    public Outcome run(boolean resume) {
        return run(resume ? Start.RESUME : Start.FRESH, List.of());
    }

    /** As {@link #run(boolean)}, starting as {@code start} says and recording {@code commandLine} in {@code OUT/run.json}. */
    public Outcome run(Start start, List<String> commandLine) {
        check(grid);
        SweepState state = new SweepState(out, start.retryFailed());
        List<GridPoint> points = grid.points();
        List<GridPoint> pending = state.unfinished(points);
        // Input first: data a point still to train reads must be there before OUT is written to
        // (a finished sweep needs none: it is resumed and reported from its point files alone).
        pending.stream().map(p -> p.config().data()).distinct()
                .forEach(data -> Datasets.requirePresent(data, sc.hadoopConfiguration()));
        // Grid-parallel reads all its data here, so an unreadable image also fails before OUT is written to.
        PointRunner runner = pending.isEmpty() ? null : runner(points.get(0));
        state.bind(grid, start);
        RunRecord record = SparkContexts.runRecord(sc, "sweep", grid.settings(), commandLine).writeStarted(out, start.resume());
        LOG.info("sweep of {} points x {} thresholds ({} baseline duplicates across lambdas trained once): "
                        + "{} already finished in {}, {} to train", points.size(), grid.thresholds().size(),
                grid.collapsedPoints(), points.size() - pending.size(), out.uri(), pending.size());
        RunConfig firstPoint = points.get(0).config();
        if (firstPoint.sweep().schedule() == SweepSchedule.HALVING) {
            LOG.info("successive halving: rungs at {} epochs, each keeping ceil(n / {}) of a regularizer type's "
                            + "settings (a full grid trains {} point epochs)", HalvingRungs.of(firstPoint.train().epochs(),
                            firstPoint.sweep().halvingMinEpochs(), firstPoint.sweep().halvingEta()),
                    firstPoint.sweep().halvingEta(), (long) points.size() * firstPoint.train().epochs());
        }
        if (!pending.isEmpty() && pending.get(0).config().data().validation() == 0) {
            LOG.warn("data.validation = 0: no validation split, so the report selects thresholds and models on "
                    + "test accuracy, which flatters them; hold images out with e.g. --set data.validation=5000");
        }
        // once for the sweep, not per point: the first point to train that puts its penalty where pruning does not look
        pending.stream().flatMap(p -> Networks.penaltyTargetWarning(p.config()).stream()).findFirst().ifPresent(LOG::warn);
        if (!pending.isEmpty()) {
            ProgressLine line = ProgressLine.forThisProcess(LOG);
            try {
                if (firstPoint.sweep().schedule() == SweepSchedule.HALVING) {
                    new HalvingSweep(out, grid, state, runner).run(points, line);
                } else {
                    SweepProgress progress = new SweepProgress(points.size(), points.size() - pending.size());
                    runner.run(pending, TrainingStage.whole(), result -> {
                        out.writeText(SweepState.pointFile(result.point()),
                                ResultsCsv.write(ResultColumns.SWEEP, result.records(grid.thresholds())));
                        Checkpoints.ofSweepPoint(out, result.point().id()).delete();
                        line.show(progress.finished(result));
                    });
                }
            } finally {
                line.close();
            }
        }
        Outcome outcome = assemble(points);
        record.writeFinished(out);
        return outcome;
    }

    private PointRunner runner(GridPoint first) {
        if (first.config().spark().mode() == SparkMode.DATA_PARALLEL) {
            return new DataParallelRunner(sc, grid.thresholds(), out);
        }
        DataSplits data = Datasets.splits(first.config().data(), sc.hadoopConfiguration());
        return new GridParallelRunner(sc, data, grid.thresholds(), sc.defaultParallelism(), out);
    }

    /**
     * results.csv from the point files in grid order, each read back and written in this version's
     * layout (a point file of an older version reads with the config keys added since at their
     * defaults, the newest metrics empty); results.parquet
     * from results.csv with typed columns.
     */
    private Outcome assemble(List<GridPoint> points) {
        // Every point has its file: no checkpoint is needed (a kill between a point's file and its
        // checkpoints' removal left some).
        Checkpoints.deleteSweepPoints(out);
        // Streamed point file by point file: the driver never holds the whole table.
        int[] counts = new int[3]; // failed points, rows, points stopped by halving
        out.write(RESULTS_CSV, stream -> {
            Writer csv = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            ResultsCsv.Appender table = ResultsCsv.appender(csv, ResultColumns.SWEEP);
            for (GridPoint p : points) {
                List<ResultRecord> rows = ResultsCsv.read(out.readText(SweepState.pointFile(p)));
                rows.forEach(table::append);
                counts[1] += rows.size();
                if (rows.stream().anyMatch(r -> ResultRecord.FAILED.equals(r.status()))) {
                    counts[0]++;
                }
                if (rows.stream().anyMatch(ResultRecord::stopped)) {
                    counts[2]++;
                }
            }
            table.close();
            csv.flush();
        });
        int failed = counts[0];
        int rows = counts[1];
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        spark.read().schema(ResultsSchema.of(ResultColumns.SWEEP)).option("header", "true").option("escape", "\"")
                .option("mode", "FAILFAST").csv(out.path(RESULTS_CSV).toString())
                .write().mode(SaveMode.Overwrite).parquet(out.path(RESULTS_PARQUET).toString());
        LOG.info("sweep finished: {} points ({} failed, {} stopped by halving), {} rows in {}", points.size(), failed,
                counts[2], rows, out.path(RESULTS_CSV));
        return new Outcome(points.size(), failed, rows);
    }
}
