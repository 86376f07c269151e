package io.sparkprune.cli;

import io.sparkprune.io.RunDirectory;
import io.sparkprune.spark.SparkContexts;
import io.sparkprune.spark.report.SweepReport;
import io.sparkprune.results.SweepResults;
import io.sparkprune.spark.sweep.SweepJob;
import io.sparkprune.sweep.SweepGrid;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code sweep}: train every point of a grid, prune each at every threshold, one results table. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a hyperparameter grid (sweep.grid.<key> = [values]); each trained model is pruned at "
                + "every sweep.grid.prune.threshold value without retraining.",
                "Writes OUT/points/<id>.csv as each point finishes, then OUT/results.csv, OUT/results.parquet "
                        + "and OUT/report.html; OUT/run.json records versions, master and command line."})
final class SweepCommand implements Callable<Integer> {
    /**
     * A failing point is recorded by its task, never thrown, so retries only cover lost executors;
     * bounded so that a point that kills its executor JVM is given up on, not retried forever.
     */
    static final String TASK_MAX_FAILURES = "2";

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--resume", description = "Continue the sweep in OUT: train only the points without results.")
    boolean resume;

    @Option(names = "--retry-failed", description = "With --resume: also train again the points whose results "
            + "record a failure (e.g. an executor lost after its retries); a point that diverges fails again.")
    boolean retryFailed;

    @Option(names = "--extend", description = {"With --resume: the grid may have gained points (new sweep.points "
            + "entries or axis values, listed after the finished points);",
            "the finished points keep their results and only the new and unfinished points train."})
    boolean extend;

    @Override
    public Integer call() {
        if (retryFailed && !resume) {
            throw new UserInputException("--retry-failed continues a sweep: pass it with --resume");
        }
        if (extend && !resume) {
            throw new UserInputException("--extend adds points to a sweep in OUT: pass it with --resume");
        }
        SweepGrid grid = SweepGrid.from(run.load());
        SweepJob.check(grid);
        SparkConf conf = SparkContexts.conf("sparkprune sweep", run.master)
                .setIfMissing("spark.task.maxFailures", TASK_MAX_FAILURES);
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            RunDirectory out = RunDirectory.open(run.out, sc.hadoopConfiguration());
            SweepJob.Outcome outcome = new SweepJob(sc, grid, out).run(
                    new SweepJob.Start(resume, retryFailed, extend), Invocation.of(spec));
            var w = spec.commandLine().getOut();
            w.printf("%d points (%d failed), %d rows%n", outcome.points(), outcome.failedPoints(), outcome.rows());
            w.println("results in " + out.path(SweepResults.RESULTS_CSV));
            w.println("report in " + SweepReport.write(out, List.of()));
            w.flush();
        }
        return 0;
    }
}
