package io.sparkprune.spark;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.data.CifarWriter;
import io.sparkprune.data.PatternImages;
import io.sparkprune.data.Split;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.spark.sweep.SweepJob;
import io.sparkprune.spark.train.TrainJob;
import io.sparkprune.sweep.SweepGrid;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With the penalty on conv weights that a batch norm follows ({@code regularizer.target = weights},
 * VGG-16), {@code train} and {@code sweep} warn once that weight norms do not decide those filters;
 * with the default target they do not warn. Tiny VGGs (width 0.0625), one step on 32 CIFAR-format images.
 */
class PenaltyTargetWarningTest {
    private static final String WARNING = "weight norms do not decide BN layers' filters";
    @TempDir
    static Path dir;
    static JavaSparkContext sc;

    @BeforeAll
    static void data() {
        CifarWriter.writeSplit(dir.resolve("cifar"), Split.TRAIN, PatternImages.of(32, 3, 32, 32, 41));
        CifarWriter.writeSplit(dir.resolve("cifar"), Split.TEST, PatternImages.of(16, 3, 32, 32, 42));
        sc = SparkTestContexts.local(2);
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    private static List<String> sets(String... extra) {
        List<String> sets = new ArrayList<>(List.of("data.name=cifar10", "data.dir=\"" + dir.resolve("cifar").toUri() + "\"",
                "model.arch=vgg16", "model.width=0.0625", "train.epochs=1", "train.batch-size=32",
                "regularizer.type=l1l2", "regularizer.lambda=0.01"));
        sets.addAll(List.of(extra));
        return sets;
    }

    private static int trainWarnings(String name, String target) {
        try (CapturedWarnings warnings = new CapturedWarnings()) {
            new TrainJob(sc, ConfigLoader.runConfig(ConfigLoader.load(null, sets("regularizer.target=" + target))),
                    RunDirectory.open(dir.resolve(name).toString(), sc.hadoopConfiguration())).run(false);
            return warnings.containing(WARNING).size();
        }
    }

    @Test
    void trainWarnsOnceAboutWeightsBehindBatchNorm() {
        assertEquals(1, trainWarnings("train-weights", "weights"));
        assertEquals(0, trainWarnings("train-auto", "auto"));
    }

    @Test
    void sweepWarnsOnceForAllItsPoints() {
        try (CapturedWarnings warnings = new CapturedWarnings()) {
            SweepGrid grid = SweepGrid.from(ConfigLoader.load(null, sets("regularizer.target=weights",
                    "spark.mode=grid-parallel", "sweep.grid.regularizer.lambda=[0.01, 0.02]")));
            new SweepJob(sc, grid, RunDirectory.open(dir.resolve("sweep").toString(), sc.hadoopConfiguration()))
                    .run(false);
            assertEquals(1, warnings.containing(WARNING).size(), "two points, one warning");
        }
    }
}
