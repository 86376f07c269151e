package io.sparkprune.spark.sweep;

import io.sparkprune.config.ConfigException;
import io.sparkprune.config.DataConfig;
import io.sparkprune.config.SparkMode;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Split;
import io.sparkprune.io.RunDirectory;
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

/**
 * The {@code sweep} command's engine: binds OUT to the grid, trains the unfinished points in the
 * configured mode, writes each point's rows atomically as it finishes, then assembles
 * {@code results.csv} (grid order, thresholds ascending) and {@code results.parquet} from the point
 * files, so an interrupted and resumed sweep ends with the same table as an uninterrupted one.
 */
public final class SweepJob {
    public static final String RESULTS_CSV = "results.csv";
    public static final String RESULTS_PARQUET = "results.parquet";
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

    /** Rejects grids the configured mode cannot run; call before starting Spark. */
    /**
     * The sweep's results table: results.csv once the sweep has finished, else the rows of the
     * points finished so far (a sweep still running or stopped), else null.
     */
    public static String results(RunDirectory out) {
        return out.exists(RESULTS_CSV) ? out.readText(RESULTS_CSV) : SweepState.finishedSoFar(out);
    }

    public static void check(SweepGrid grid) {
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

    public Outcome run(boolean resume) {
        check(grid);
        // Input first: unreadable grid-parallel data fails before anything is written to OUT.
        PointRunner runner = runner(grid.points().get(0));
        SweepState state = new SweepState(out);
        state.bind(grid, resume);
        List<GridPoint> points = grid.points();
        List<GridPoint> pending = state.unfinished(points);
        LOG.info("sweep of {} points x {} thresholds ({} baseline duplicates across lambdas trained once): "
                        + "{} already finished in {}, {} to train", points.size(), grid.thresholds().size(),
                grid.collapsedPoints(), points.size() - pending.size(), out.uri(), pending.size());
        SweepTable table = SweepTable.forConfig(points.get(0).config());
        SweepProgress progress = new SweepProgress(points.size(), points.size() - pending.size());
        ProgressLine line = ProgressLine.forThisProcess(LOG);
        try {
            runner.run(pending, result -> {
                out.writeText(SweepState.pointFile(result.point()), table.csv(result, grid.thresholds()));
                line.show(progress.finished(result));
            });
        } finally {
            line.close();
        }
        return assemble(table, points);
    }

    private PointRunner runner(GridPoint first) {
        if (first.config().spark().mode() == SparkMode.DATA_PARALLEL) {
            return new DataParallelRunner(sc, grid.thresholds());
        }
        DataConfig data = first.config().data();
        LabeledImages train = Datasets.load(data, Split.TRAIN, sc.hadoopConfiguration());
        return new GridParallelRunner(sc, train, Datasets.testFor(data, train, sc.hadoopConfiguration()),
                grid.thresholds(), sc.defaultParallelism());
    }

    /** results.csv from the point files in grid order; results.parquet from results.csv with typed columns. */
    private Outcome assemble(SweepTable table, List<GridPoint> points) {
        // Streamed point file by point file: the driver never holds the whole table.
        int[] failedAndRows = new int[2];
        out.write(RESULTS_CSV, stream -> {
            Writer csv = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            csv.write(table.header());
            for (GridPoint p : points) {
                String body = SweepTable.body(out.readText(SweepState.pointFile(p)), table.header());
                csv.write(body);
                List<String> lines = body.lines().toList();
                failedAndRows[1] += lines.size();
                if (!lines.isEmpty() && lines.get(0).split(",", 4)[2].equals("failed")) {
                    failedAndRows[0]++;
                }
            }
            csv.flush();
        });
        int failed = failedAndRows[0];
        int rows = failedAndRows[1];
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        spark.read().schema(table.schema()).option("header", "true").option("escape", "\"")
                .option("mode", "FAILFAST").csv(out.path(RESULTS_CSV).toString())
                .write().mode(SaveMode.Overwrite).parquet(out.path(RESULTS_PARQUET).toString());
        LOG.info("sweep finished: {} points ({} failed), {} rows in {}", points.size(), failed, rows,
                out.path(RESULTS_CSV));
        return new Outcome(points.size(), failed, rows);
    }
}
