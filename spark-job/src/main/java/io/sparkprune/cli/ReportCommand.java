package io.sparkprune.cli;

import io.sparkprune.halving.FullGridComparison;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.spark.report.SweepReport;
import io.sparkprune.results.SweepResults;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code report}: the trade-off plots and best-model table of a finished sweep (no Spark needed). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write DIR/report.html and DIR/report.md with accuracy vs remaining filters / params / FLOPs",
                "plots (PNG beside them) and the smallest model per regularizer, from a sweep's DIR/results.csv",
                "(or, for a sweep still running or stopped, from the points finished so far). Selections use",
                "validation accuracy when the sweep has it; replicates give 95%% intervals (docs/report.md)."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "A sweep's output directory.")
    String in;

    @Option(names = "--at-accuracy", split = ",", paramLabel = "A",
            description = {"Also tabulate the smallest model per regularizer with accuracy >= A (e.g. 0.99,0.992):",
                    "validation accuracy when the sweep has a validation split (data.validation), else test accuracy."})
    List<Double> accuracyFloors = new ArrayList<>();

    @Option(names = "--against", paramLabel = "FULL",
            description = {"For a halving sweep (sweep.schedule = halving): compare it with FULL, the output directory",
                    "of the finished full grid of the same points: each regularizer's smallest models at the",
                    "floors in both, the full grid's front models halving finished, epochs and training time."})
    String against;

    @Override
    public Integer call() {
        for (double a : accuracyFloors) {
            if (!(a > 0 && a <= 1)) {
                throw new UserInputException("--at-accuracy takes accuracies in (0, 1], got " + a);
            }
        }
        RunDirectory dir = RunDirectory.open(in, new Configuration());
        if (!SweepResults.any(dir)) {
            throw new UserInputException("no " + SweepResults.RESULTS_CSV + " and no finished point in " + dir.uri()
                    + ": give the --out directory of a sweep");
        }
        Optional<RunDirectory> full = Optional.ofNullable(against).map(a -> fullGrid(dir, a));
        var w = spec.commandLine().getOut();
        w.println("report in " + SweepReport.write(dir, accuracyFloors, full));
        w.flush();
        return 0;
    }

    /** The full grid {@code --against} names, checked before anything is written. */
    private static RunDirectory fullGrid(RunDirectory halving, String against) {
        RunDirectory full = RunDirectory.open(against, new Configuration());
        if (!SweepResults.finished(full)) {
            throw new UserInputException("--against " + against + ": no " + SweepResults.RESULTS_CSV
                    + " there; give the output directory of a finished full sweep of the same points");
        }
        FullGridComparison.problem(SweepResults.read(halving), SweepResults.read(full)).ifPresent(p -> {
            throw new UserInputException("--against " + against + ": " + p);
        });
        return full;
    }
}
