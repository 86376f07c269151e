package io.sparkprune.cli;

import io.sparkprune.budget.BudgetFixtures;
import io.sparkprune.budget.BudgetResult;
import io.sparkprune.budget.BudgetTables;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.data.DataSplits;
import io.sparkprune.data.Datasets;
import io.sparkprune.model.Networks;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.ResultsCsv;
import io.sparkprune.spark.train.TrainJobFixtures;
import io.sparkprune.train.LocalTrainer;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code prune --target-accuracy}, run as a user runs it: its outputs, and its refusals that leave nothing. */
class PruneBudgetCliTest {
    @TempDir
    static Path dir;
    private static Path model;
    private static Path conf;

    @BeforeAll
    static void trainedModelAndData() throws Exception {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        conf = dir.resolve("run.conf");
        Files.writeString(conf, "data.dir = \"" + dir.resolve("data") + "\"\nmodel.width = 0.25\n");
        model = dir.resolve("model.zip");
        ModelSerializer.writeModel(BudgetFixtures.trained(), model.toFile(), false);
    }

    private static CliResult prune(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("prune", "--model", model.toString(), "--config",
                conf.toString(), "--out", out.toString(), "--master", "local[2]", "--levels", "4"));
        args.addAll(List.of(more));
        return CliResult.run(args.toArray(String[]::new));
    }

    private static void refused(CliResult r, String says, Path out) {
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(says), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void badInputIsOneLineExitTwoAndWritesNothing() throws Exception {
        Path out = dir.resolve("refused");
        for (String bad : new String[]{"0", "1.5", "-0.2", "NaN"}) {
            refused(prune(out, "--set", "data.validation=100", "--target-accuracy", bad), "(0, 1]", out);
        }
        refused(prune(out, "--target-accuracy", "0.9"), "data.validation", out);
        refused(CliResult.run("prune", "--model", dir.resolve("missing.zip").toString(), "--config", conf.toString(),
                "--out", out.toString(), "--target-accuracy", "0.9"), "missing.zip", out);
        CliResult both = prune(out, "--set", "data.validation=100", "--target-accuracy", "0.9", "--threshold", "0.1");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        assertFalse(Files.exists(out));
        // A target the unpruned model misses on validation (an untrained one: chance accuracy) is refused too.
        Path untrained = dir.resolve("untrained.zip");
        ModelSerializer.writeModel(Networks.create(BudgetFixtures.config()), untrained.toFile(), false);
        refused(CliResult.run("prune", "--model", untrained.toString(), "--config", conf.toString(), "--out",
                out.toString(), "--master", "local[1]", "--set", "data.validation=100", "--target-accuracy", "0.6"),
                "below the target", out);
    }

    @Test
    void writesTheChoiceItsCurvesAndAModelThatMeetsTheTargetOnValidation() throws Exception {
        var cfg = ConfigLoader.runConfig(ConfigLoader.load(conf, List.of("data.validation=100")));
        DataSplits data = Datasets.splits(cfg.data(), new Configuration());
        MultiLayerNetwork trained = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        double target = LocalTrainer.accuracy(trained, data.validation(), 64) - 0.05;
        Path out = dir.resolve("budget");
        CliResult r = prune(out, "--set", "data.validation=100", "--target-accuracy", String.valueOf(target));
        assertEquals(0, r.exitCode(), r.err());

        List<ResultRecord> rows = ResultsCsv.read(Files.readString(out.resolve(PruneCommand.RESULTS)));
        assertEquals(1, rows.size());
        ResultRecord row = rows.get(0);
        assertEquals(BudgetResult.KIND, row.thresholdKind());
        assertTrue(row.valAccuracyAfterPrune() >= target, row.valAccuracyAfterPrune() + " < " + target);
        MultiLayerNetwork pruned = ModelSerializer.restoreMultiLayerNetwork(out.resolve(PruneCommand.BUDGET_MODEL).toFile(), false);
        assertEquals(pruned.numParams(), (long) row.paramsAfter());
        assertTrue(row.paramsAfter() < row.paramsBefore(), "5 points of slack prune something");
        assertEquals(LocalTrainer.accuracy(pruned, data.validation(), 64), row.valAccuracyAfterPrune(), 0.0);
        assertEquals(LocalTrainer.accuracy(pruned, data.test(), 64), row.accuracyAfterPrune(), 0.0);

        List<String> thresholds = Files.readAllLines(out.resolve(PruneCommand.BUDGET_THRESHOLDS));
        assertEquals(BudgetTables.THRESHOLDS_HEADER, thresholds.get(0));
        assertEquals(row.filtersAfter(), String.join("-", thresholds.subList(1, thresholds.size()).stream()
                .map(l -> l.split(",")[4]).toList()));
        List<String> curves = Files.readAllLines(out.resolve(PruneCommand.SENSITIVITY_CSV));
        assertEquals(BudgetTables.SENSITIVITY_HEADER, curves.get(0));
        assertEquals(1 + 2 * (1 + 4), curves.size(), "two conv layers: the unpruned network and four steps each");
        byte[] png = Files.readAllBytes(out.resolve(PruneCommand.SENSITIVITY_PNG));
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        assertTrue(Files.exists(out.resolve("run.json")));
        assertTrue(r.out().contains("results in"), r.out());
    }
}
