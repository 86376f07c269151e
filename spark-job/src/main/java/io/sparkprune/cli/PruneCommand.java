package io.sparkprune.cli;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.DataSplits;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.ImageFolderShape;
import io.sparkprune.io.ModelFiles;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.pipeline.CurveResult;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.provenance.RunRecord;
import io.sparkprune.pruning.PruneDecision;
import io.sparkprune.results.CurvePoint;
import io.sparkprune.results.ResultColumns;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.ResultsCsv;
import io.sparkprune.spark.train.TrainSummary;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code prune}: one trained model, many thresholds, no retraining: the local pruning pipeline on
 * a model that is already trained. Each threshold's pruned network is evaluated on the run's test
 * set and saved; the curve goes to prune-results.csv, in the results table's columns.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Prune a trained model at one or many thresholds (no retraining) and evaluate each.",
                "The dataset and rule come from the summary.json beside the model, or from --config/--set.",
                "Writes OUT/pruned-<threshold>.zip, OUT/prune-results.csv and OUT/run.json."})
final class PruneCommand implements Callable<Integer> {
    static final String RESULTS = "prune-results.csv";

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "model.zip written by train.")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Thresholds thresholds;

    @Option(names = "--config", paramLabel = "FILE", description = "The run's config, if not beside the model.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: <model's folder>/prune).")
    String out;

    static final class Thresholds {
        @Option(names = "--threshold", paramLabel = "T", description = "One threshold tau.")
        Double one;

        @Option(names = "--thresholds", split = ",", paramLabel = "T1,T2,...", description = "Several thresholds.")
        List<Double> many;

        List<Double> values() {
            return one != null ? List.of(one) : many;
        }
    }

    @Override
    public Integer call() {
        List<Double> taus = thresholds.values();
        taus.forEach(PruneDecision::checkThreshold);
        Configuration hadoop = new Configuration();
        MultiLayerNetwork net = ModelFiles.read(model, hadoop);
        String modelDir = new org.apache.hadoop.fs.Path(model).getParent().toString();
        RunConfig cfg = runConfig(modelDir, hadoop);

        DataSplits data = Datasets.splits(cfg.data(), hadoop);
        RunDirectory dir = RunDirectory.open(out != null ? out : modelDir + "/prune", hadoop);
        RunRecord record = RunRecord.startingNow("prune", cfg.toFlatMap(), Invocation.of(spec)).writeStarted(dir, false);
        // The model is trained already, and prune never retrains: the pipeline from its curve on, unfine-tuned.
        CurveResult curve = PruningPipeline.local(cfg, data).withoutFinetuning().curve(net, taus,
                p -> dir.writeModel("pruned-" + p.point().threshold() + ".zip", p.result()));
        String csv = ResultsCsv.write(ResultColumns.CURVE, curve.points().stream()
                .sorted(Comparator.comparingDouble(CurvePoint::threshold)).map(ResultRecord::of).toList());
        dir.writeText(RESULTS, csv);
        record.writeFinished(dir);
        var w = spec.commandLine().getOut();
        w.print(csv);
        w.println("results in " + dir.uri());
        w.flush();
        return 0;
    }

    /** --config/--set when given, else the config recorded in summary.json beside the model. */
    private RunConfig runConfig(String modelDir, Configuration hadoop) {
        if (config != null) {
            return ConfigLoader.runConfig(ImageFolderShape.resolve(ConfigLoader.load(config, overrides), hadoop));
        }
        RunDirectory run = RunDirectory.open(modelDir, hadoop);
        if (!run.exists(TrainSummary.FILE)) {
            throw new UserInputException("no " + TrainSummary.FILE + " beside " + model
                    + ": pass the run's config with --config FILE so prune knows the dataset");
        }
        TrainSummary recorded;
        try {
            recorded = TrainSummary.fromJson(run.readText(TrainSummary.FILE));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(run.path(TrainSummary.FILE) + ": " + e.getMessage()
                    + "; pass the run's config with --config FILE");
        }
        return ConfigLoader.withOverrides(recorded.config(), overrides);
    }
}
