package io.sparkprune.spark.train;

import io.sparkprune.config.RunConfig;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.ResultsCsv;
import io.sparkprune.metrics.ModelCost;
import io.sparkprune.spark.SparkTestContexts;
import io.sparkprune.pruning.FilterStatsCsv;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The train command's job on local[2], reading MNIST-format files through a file:// URI. */
class TrainJobTest {
    @TempDir
    static Path dir;
    static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        sc = SparkTestContexts.local(2);
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @Test
    void trainsPrunesAndWritesEveryOutput() throws Exception {
        RunConfig cfg = TrainJobFixtures.config(dir.resolve("data").toUri().toString(), "prune.curve-points=3");
        RunDirectory out = RunDirectory.open(dir.resolve("run").toString(), sc.hadoopConfiguration());
        TrainSummary summary = new TrainJob(sc, cfg, out).run(false);

        assertTrue(summary.accuracyBeforePrune() > 0.8, "trained: " + summary.headline());
        assertEquals(2, summary.epochs().size());
        JsonNode json = TrainJobFixtures.json(out.readText("summary.json"));
        for (String key : List.of("config", "accuracy_before_prune", "accuracy_after_prune", "accuracy_after_finetune",
                "filters_before", "filters_after", "params_before", "params_after", "flops_before", "flops_after",
                "train_seconds", "samples_per_second")) {
            assertTrue(json.has(key), "summary.json has " + key);
        }
        assertTrue(json.get("accuracy_after_finetune").isNull());
        assertEquals(10, json.get("filters_before").get("conv0").asInt());

        MultiLayerNetwork pruned = out.readModel("pruned-model.zip");
        assertEquals(json.get("params_after").asLong(),
                ModelCost.of(pruned, InputType.convolutional(28, 28, 1)).params());
        assertEquals(json.get("filters_after").get("conv0").asLong(), pruned.getLayer(0).getParam("W").size(0));

        List<String> csv = Files.readAllLines(dir.resolve("run/filter-stats.csv"));
        assertEquals(FilterStatsCsv.HEADER, csv.get(0));
        assertEquals(1 + 10 + 25, csv.size());
        long kept = csv.stream().skip(1).filter(l -> l.split(",")[7].equals("true")).count();
        assertEquals(summary.filtersAfter().values().stream().mapToInt(Integer::intValue).sum(), kept);
        assertTrue(Files.exists(dir.resolve("run/model.zip")));
        assertTrue(Files.exists(dir.resolve("run/checkpoints/epoch-0002.zip")));

        // the whole curve the pipeline measured, not only the threshold's row that summary.json holds
        List<ResultRecord> trainCurve = ResultsCsv.read(out.readText(ResultsCsv.CURVE_FILE));
        assertEquals(1, trainCurve.stream().filter(ResultRecord::grid).count());
        ResultRecord asked = trainCurve.stream().filter(ResultRecord::grid).findFirst().orElseThrow();
        assertEquals(summary.accuracyAfterPrune(), asked.accuracyAfterPrune(), 1e-9);
        assertEquals(summary.paramsAfter(), asked.paramsAfter());
        assertTrue(trainCurve.stream().anyMatch(r -> !r.grid()), "prune.curve-points adds cut rows: " + trainCurve);

        // The prune command reads the run's recorded config and gives the whole curve from this model.
        int code = io.sparkprune.cli.Main.run("prune", "--model", dir.resolve("run/model.zip").toString(),
                "--thresholds", "0,0.5,1");
        assertEquals(0, code);
        // (the recorded prune.curve-points adds cut rows; the thresholds asked for are the grid rows)
        List<ResultRecord> curve = ResultsCsv.read(Files.readString(dir.resolve("run/prune/prune-results.csv")))
                .stream().filter(ResultRecord::grid).toList();
        assertEquals(3, curve.size());
        assertEquals(summary.accuracyBeforePrune(), curve.get(0).accuracyAfterPrune(), 1e-4,
                "threshold 0 keeps the trained network");
        assertEquals("1-1", curve.get(2).filtersAfter(), "threshold 1 keeps one filter per layer");
        assertTrue(Files.exists(dir.resolve("run/prune/pruned-0.5.zip")));
    }

    @Test
    void resumeContinuesAfterTheLastCheckpointAndRefusesAnotherConfig() {
        String data = dir.resolve("data").toUri().toString();
        RunDirectory out = RunDirectory.open(dir.resolve("resumed").toString(), sc.hadoopConfiguration());
        new TrainJob(sc, TrainJobFixtures.config(data, "train.epochs=1"), out).run(false);

        TrainSummary resumed = new TrainJob(sc, TrainJobFixtures.config(data, "train.epochs=2"), out).run(true);
        assertEquals(List.of(2), resumed.epochs().stream().map(EpochReport::epoch).toList(), "only epoch 2 ran");
        assertTrue(out.exists("checkpoints/epoch-0002.zip"));

        RunConfig other = TrainJobFixtures.config(data, "train.epochs=3", "train.lr=0.01");
        String msg = assertThrows(io.sparkprune.config.ConfigException.class,
                () -> new TrainJob(sc, other, out).run(true)).getMessage();
        assertTrue(msg.contains("--resume"), msg);
    }
}
