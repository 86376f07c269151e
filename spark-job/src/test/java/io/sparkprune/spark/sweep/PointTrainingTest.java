package io.sparkprune.spark.sweep;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.data.DataSplits;
import io.sparkprune.data.PatternImages;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.model.Networks;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.sweep.SweepGrid;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep point's epoch checkpoints (what a grid-parallel task runs, without Spark): trained to a
 * rung and then on to its budget from the checkpoint, it ends with the curve of a point trained
 * straight through; and the continuation really starts from the checkpoint (a different model
 * saved there gives a different curve).
 */
class PointTrainingTest {
    private static final DataSplits DATA = new DataSplits(PatternImages.mnistShaped(480, 31),
            PatternImages.mnistShaped(120, 32), PatternImages.mnistShaped(120, 33));
    private static final List<Double> THRESHOLDS = List.of(0.0, 0.3);

    @TempDir
    Path dir;

    private static GridPoint point() {
        return SweepGrid.from(ConfigLoader.load(null, List.of("model.width=0.25", "train.epochs=3",
                "train.batch-size=32", "train.lr-schedule=linear", "regularizer.type=l1l2",
                "regularizer.lambda=0.001", "data.validation=120"))).points().get(0);
    }

    private RunDirectory out(String name) {
        return RunDirectory.open(dir.resolve(name).toString(), new Configuration());
    }

    @Test
    void aPointContinuedFromItsRungCheckpointEndsAsOneTrainedStraightThrough() throws Exception {
        GridPoint p = point();
        PointResult straight = PointTraining.run(p, DATA, THRESHOLDS, TrainingStage.whole(), out("straight"));
        assertFalse(straight.failed(), straight.reason());
        assertTrue(straight.curve().get(0).accuracyBeforePrune() > 0.5, "trained: " + straight.curve());

        RunDirectory staged = out("staged");
        PointResult rung = PointTraining.run(p, DATA, THRESHOLDS, TrainingStage.rung(1), staged);
        assertEquals(1, rung.epochs());
        assertTrue(Files.exists(dir.resolve("staged/checkpoints/" + p.id() + "/epoch-0001.zip")));
        assertNotEquals(straight.curve(), rung.curve(), "one epoch is not three");
        // the checkpoint carries the seconds that trained it, and a continuation reports the whole time
        Path seconds = dir.resolve("staged/checkpoints/" + p.id() + "/epoch-0001.seconds");
        assertEquals(rung.trainSeconds(), Double.parseDouble(Files.readString(seconds).strip()), 0.5);
        Files.writeString(seconds, "1000.0");
        PointResult resumed = PointTraining.run(p, DATA, THRESHOLDS, TrainingStage.whole(), staged);
        assertEquals(3, resumed.epochs());
        assertTrue(resumed.trainSeconds() > 1000 && resumed.trainSeconds() < 1000 + 10 * straight.trainSeconds(),
                "epochs 2-3 after the recorded 1000 s: " + resumed.trainSeconds());
        assertEquals(straight.curve(), resumed.curve());
        assertEquals(lastModel(out("straight"), p), lastModel(staged, p), "epoch 3's weights and Adam state");
        assertFalse(Files.exists(dir.resolve("staged/checkpoints/" + p.id() + "/epoch-0001.zip")),
                "only the latest epoch is kept");
        assertTrue(Files.exists(dir.resolve("staged/checkpoints/" + p.id() + "/epoch-0003.zip")));
    }

    @Test
    void theContinuationStartsFromTheCheckpoint() {
        GridPoint p = point();
        PointTraining.run(p, DATA, THRESHOLDS, TrainingStage.whole(), out("straight"));
        RunDirectory swapped = out("swapped");
        PointTraining.run(p, DATA, THRESHOLDS, TrainingStage.rung(1), swapped);
        // An untrained network where epoch 1's model was: a continuation that ignored it would not notice.
        swapped.writeModel("checkpoints/" + p.id() + "/epoch-0001.zip", Networks.create(p.config()));
        PointTraining.run(p, DATA, THRESHOLDS, TrainingStage.whole(), swapped);
        assertNotEquals(lastModel(out("straight"), p), lastModel(swapped, p));
    }

    /** The weights and updater state of the point's epoch-3 checkpoint. */
    private static List<INDArray> lastModel(RunDirectory out, GridPoint p) {
        MultiLayerNetwork net = out.readModel("checkpoints/" + p.id() + "/epoch-0003.zip");
        return List.of(net.params(), net.getUpdater().getStateViewArray());
    }
}
