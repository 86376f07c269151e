package io.sparkprune.cli;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.spark.SparkContexts;
import io.sparkprune.spark.train.TrainJob;
import io.sparkprune.spark.train.TrainSummary;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code train}: distributed training with the configured regularizer, then central pruning. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train with parameter averaging on Spark, gather per-filter statistics, prune centrally.",
                "Writes OUT/model.zip, OUT/pruned-model.zip, OUT/filter-stats.csv, OUT/summary.json, OUT/run.json and",
                "OUT/prune-results.csv (the curve: the threshold's row, cut rows, the budget row)."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--resume", description = "Continue from the last epoch checkpoint in OUT.")
    boolean resume;

    @Override
    public Integer call() {
        RunConfig cfg = ConfigLoader.runConfig(run.load());
        try (JavaSparkContext sc = SparkContexts.start("sparkprune train", run.master)) {
            RunDirectory out = RunDirectory.open(run.out, sc.hadoopConfiguration());
            TrainSummary summary = new TrainJob(sc, cfg, out).run(resume, Invocation.of(spec));
            var w = spec.commandLine().getOut();
            w.println(summary.headline());
            w.println("results in " + out.uri());
            w.flush();
        }
        return 0;
    }
}
