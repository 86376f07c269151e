package io.sparkprune.cli;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.ImageFolderShape;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Split;
import io.sparkprune.io.ModelFiles;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.pruning.NetworkTopology;
import io.sparkprune.pruning.PruneDecision;
import io.sparkprune.pruning.ThresholdCurve;
import io.sparkprune.pruning.ThresholdRecord;
import io.sparkprune.stats.ActivationStats;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code prune}: one trained model, many thresholds, no retraining. Each threshold's pruned
 * network is evaluated on the run's test set and saved; the curve goes to prune-results.csv.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Prune a trained model at one or many thresholds (no retraining) and evaluate each.",
                "The dataset and rule come from the summary.json beside the model, or from --config/--set."})
final class PruneCommand implements Callable<Integer> {
    private static final int STATS_BATCH = 256;

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

        LabeledImages train = Datasets.load(cfg.data(), Split.TRAIN, hadoop);
        LabeledImages test = Datasets.testFor(cfg.data(), train, hadoop);
        ActivationStats activations = ActivationStats.over(net, NetworkTopology.prunableLayers(net, false), train,
                STATS_BATCH);
        RunDirectory dir = RunDirectory.open(out != null ? out : modelDir + "/prune", hadoop);
        List<ThresholdRecord> records = ThresholdCurve.of(net, activations, cfg.prune().rule(), taus, test,
                (tau, pruned) -> dir.writeModel("pruned-" + tau + ".zip", pruned));
        String csv = ThresholdCurve.csv(records);
        dir.writeText("prune-results.csv", csv);
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
        if (!run.exists("summary.json")) {
            throw new UserInputException("no summary.json beside " + model
                    + ": pass the run's config with --config FILE so prune knows the dataset");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> recorded = new ObjectMapper().readValue(run.readText("summary.json"), Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) recorded.get("config");
            RunConfig recordedConfig = ConfigLoader.withValues(ConfigLoader.runConfig(ConfigLoader.defaults()), values);
            return ConfigLoader.withOverrides(recordedConfig, overrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
