package io.sparkprune.cli;

import io.sparkprune.budget.BudgetChoice;
import io.sparkprune.budget.BudgetResult;
import io.sparkprune.budget.BudgetTables;
import io.sparkprune.budget.LayerBudgetSearch;
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
import io.sparkprune.results.ResultsCsv;
import io.sparkprune.spark.SparkContexts;
import io.sparkprune.spark.prune.SensitivityPlot;
import io.sparkprune.spark.prune.SensitivityScan;
import io.sparkprune.spark.train.TrainSummary;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code prune}: one trained model, many thresholds, no retraining: the local pruning pipeline on
 * a model that is already trained. Each threshold's pruned network is evaluated on the run's test
 * set and saved; the curve goes to prune-results.csv, in the results table's columns. With
 * {@code --target-accuracy} instead, a threshold per layer: the smallest model found whose
 * validation accuracy reaches the target ({@link PruningPipeline#budget}), layer sensitivities measured on Spark.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Prune a trained model at one or many thresholds (no retraining) and evaluate each;",
                "or, with --target-accuracy A, choose a threshold per layer: the fewest",
                "parameters whose validation accuracy stays >= A (sensitivities on Spark).",
                "The dataset and rule come from the summary.json beside the model, or from",
                "--config/--set.",
                "Writes OUT/pruned-<threshold>.zip, OUT/prune-results.csv and OUT/run.json;",
                "with --target-accuracy: OUT/pruned-budget.zip, OUT/prune-results.csv (one row,",
                "threshold_kind budget), OUT/budget-thresholds.csv, OUT/sensitivity.csv,",
                "OUT/sensitivity.png and OUT/run.json."})
final class PruneCommand implements Callable<Integer> {
    static final String RESULTS = ResultsCsv.CURVE_FILE;
    static final String BUDGET_MODEL = "pruned-budget.zip";
    static final String BUDGET_THRESHOLDS = "budget-thresholds.csv";
    static final String SENSITIVITY_CSV = "sensitivity.csv";
    static final String SENSITIVITY_PNG = "sensitivity.png";

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

    @Option(names = "--levels", paramLabel = "N", defaultValue = "" + LayerBudgetSearch.DEFAULT_LEVELS,
            description = "With --target-accuracy: at most N thresholds per layer, spread over its filter counts (default: ${DEFAULT-VALUE}).")
    int levels;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --target-accuracy: Spark master for the sensitivity scan (default: local[*]).")
    String master;

    static final class Thresholds {
        @Option(names = "--threshold", paramLabel = "T", description = "One threshold tau.")
        Double one;

        @Option(names = "--thresholds", split = ",", paramLabel = "T1,T2,...", description = "Several thresholds.")
        List<Double> many;

        @Option(names = "--target-accuracy", paramLabel = "A",
                description = "A threshold per layer: the fewest parameters whose validation accuracy stays >= A (needs data.validation).")
        Double target;

        List<Double> values() {
            return one != null ? List.of(one) : many;
        }
    }

    @Override
    public Integer call() {
        if (thresholds.target != null) {
            return budget(thresholds.target);
        }
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
        String csv = ResultsCsv.curve(curve.points());
        dir.writeText(RESULTS, csv);
        record.writeFinished(dir);
        var w = spec.commandLine().getOut();
        w.print(csv);
        w.println("results in " + dir.uri());
        w.flush();
        return 0;
    }

    /**
     * The per-layer search: every input checked before anything is written, layer sensitivities
     * on Spark, the outputs only once the search has succeeded.
     */
    private int budget(double target) {
        LayerBudgetSearch.checkTarget(target);
        LayerBudgetSearch.checkLevels(levels);
        Configuration hadoop = new Configuration();
        MultiLayerNetwork net = ModelFiles.read(model, hadoop);
        String modelDir = new org.apache.hadoop.fs.Path(model).getParent().toString();
        RunConfig cfg = runConfig(modelDir, hadoop);
        if (cfg.data().validation() == 0) {
            throw new UserInputException("--target-accuracy is searched on validation images, and the run's config has"
                    + " data.validation = 0: set data.validation = N (train with it, so that the model never sees"
                    + " them; or --set data.validation=N for images the model did not train on)");
        }
        DataSplits data = Datasets.splits(cfg.data(), hadoop);
        try (JavaSparkContext sc = SparkContexts.start("sparkprune prune", master)) {
            RunRecord record = SparkContexts.runRecord(sc, "prune", cfg.toFlatMap(), Invocation.of(spec));
            BudgetResult result = PruningPipeline.local(cfg, data).withoutFinetuning().budget(net, target, levels,
                    new SensitivityScan(sc, data.validation()));
            BudgetChoice choice = result.choice();
            RunDirectory dir = RunDirectory.open(out != null ? out : modelDir + "/prune", hadoop);
            record = record.writeStarted(dir, false);
            List<BudgetTables.Curve> curves = BudgetTables.curves(choice, result.point().paramsBefore());
            dir.writeModel(BUDGET_MODEL, choice.pruned().network());
            String csv = ResultsCsv.curve(List.of(result.point()));
            dir.writeText(RESULTS, csv);
            String perLayer = BudgetTables.thresholds(choice);
            dir.writeText(BUDGET_THRESHOLDS, perLayer);
            dir.writeText(SENSITIVITY_CSV, BudgetTables.sensitivities(curves));
            byte[] png = SensitivityPlot.png(curves, target);
            dir.write(SENSITIVITY_PNG, o -> o.write(png));
            record.writeFinished(dir);
            var w = spec.commandLine().getOut();
            w.print(csv);
            w.print(perLayer);
            w.println("results in " + dir.uri());
            w.flush();
        }
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
