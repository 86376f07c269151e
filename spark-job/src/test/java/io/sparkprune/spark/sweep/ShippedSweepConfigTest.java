package io.sparkprune.spark.sweep;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.config.SparkMode;
import io.sparkprune.config.SweepSchedule;
import io.sparkprune.config.TrainConfig;
import io.sparkprune.halving.HalvingRungs;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.sweep.SweepGrid;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The grids in conf/ load, validate and suit their mode (no training). */
class ShippedSweepConfigTest {

    @Test
    void lenet5MnistSweepComparesEveryRegularizer() {
        SweepGrid grid = grid("sweep-lenet5-mnist.conf");
        SweepJob.check(grid);
        List<GridPoint> points = grid.points();
        assertEquals(26, points.size(), "5 regularizers x 5 lambdas + the baseline once");
        assertEquals(6, points.stream().map(p -> p.config().regularizer().type()).distinct().count());
        assertEquals(SparkMode.GRID_PARALLEL, points.get(0).config().spark().mode());
        assertEquals(7, grid.thresholds().size());
        assertEquals(0, points.get(0).config().data().trainLimit(), "full MNIST");
    }

    /** The halving protocol: the protocol sweep's points (same ids), rungs at 1, 3, 6 epochs, a validation split. */
    @Test
    void halvingConfigsScheduleTheProtocolGrids() {
        for (String[] pair : new String[][]{{"sweep-lenet5-mnist-halving.conf", "sweep-lenet5-mnist-protocol.conf"},
                {"sweep-lenet5-mnist-paper-halving.conf", "sweep-lenet5-mnist-paper-protocol.conf"},
                {"sweep-fashion-mnist-halving.conf", "sweep-fashion-mnist-protocol.conf"}}) {
            SweepGrid halving = grid(pair[0]);
            SweepGrid protocol = grid(pair[1]);
            SweepJob.check(protocol);
            assertEquals(protocol.points().stream().map(GridPoint::id).toList(),
                    halving.points().stream().map(GridPoint::id).toList(), pair[0]);
            assertNotEquals(protocol.fingerprint(), halving.fingerprint(), "a resume cannot mix the two");
            RunConfig cfg = halving.points().get(0).config();
            assertEquals(SweepSchedule.HALVING, cfg.sweep().schedule());
            assertEquals(List.of(1, 3, 6), HalvingRungs.of(cfg.train().epochs(), cfg.sweep().halvingMinEpochs(),
                    cfg.sweep().halvingEta()));
            SweepJob.check(halving);
        }
        SweepGrid paper = grid("sweep-lenet5-mnist-paper-protocol.conf");
        assertEquals(78, paper.points().size(), "the paper grid's 26 settings x 3 replicates");
        assertEquals(grid("sweep-lenet5-mnist.conf").points().stream().map(p -> p.config().regularizer()).toList(),
                paper.points().stream().filter(p -> p.replicate() == 0).map(p -> p.config().regularizer()).toList(),
                "the paper grid's settings");
    }

    @Test
    void quickAndVggSweepsLoad() {
        SweepGrid quick = grid("sweep-quick-mnist.conf");
        SweepJob.check(quick);
        assertEquals(7, quick.points().size());
        assertEquals(2000, quick.points().get(0).config().data().validation(), "the demo selects on validation");
        SweepGrid fashion = grid("sweep-fashion-mnist.conf");
        SweepJob.check(fashion);
        assertEquals(11, fashion.points().size(), "5 regularizers x 2 lambdas + the baseline");
        assertEquals("fashion-mnist", fashion.points().get(0).config().data().name().configName());
    }

    /** The comparison-protocol sweeps (issues 21, 22) select on validation images and, except the pilot, replicate. */
    @Test
    void protocolSweepsHoldOutValidationImagesAndReplicate() {
        for (String file : List.of("sweep-lenet5-mnist-protocol.conf", "sweep-fashion-mnist-protocol.conf")) {
            SweepGrid grid = grid(file);
            SweepJob.check(grid);
            assertEquals(48, grid.points().size(), file + ": 16 settings x 3 replicates");
            assertEquals(16, grid.points().stream().map(GridPoint::settingId).distinct().count(), file);
            assertEquals(5000, grid.points().get(0).config().data().validation(), file);
        }
        SweepGrid vgg = grid("sweep-vgg16-cifar10.conf");
        SweepJob.check(vgg);
        assertEquals(27, vgg.points().size(), "9 settings x 3 replicates");
        assertEquals(List.of("none", "l1", "l2", "l1l2", "hoyer-square", "ssl", "l1l2", "l1l2", "hoyer-square"), vgg.points().stream()
                .filter(p -> p.replicate() == 0).map(p -> p.config().regularizer().type().configName()).toList());
        for (GridPoint p : vgg.points()) {
            RunConfig c = p.config();
            assertEquals(5000, c.data().validation());
            assertEquals(0, c.data().trainLimit(), "every training image but the validation split");
            assertEquals(1, c.prune().finetuneEpochs(), "the one-epoch fine-tune column");
            assertEquals(SparkMode.GRID_PARALLEL, c.spark().mode());
        }
        SweepGrid pilot = grid("sweep-vgg16-cifar10-pilot.conf");
        SweepJob.check(pilot);
        assertEquals(19, pilot.points().size(), "6 penalties x 3 lambdas + the baseline");
        assertEquals(19, pilot.points().stream().map(GridPoint::settingId).distinct().count(), "no setting twice");
        for (GridPoint p : pilot.points()) {
            RunConfig c = p.config();
            assertEquals(5000, c.data().validation());
            assertEquals(0.25, c.model().width());
            assertEquals(SparkMode.GRID_PARALLEL, c.spark().mode());
        }
    }

    /** Follow-ups are comparable with the grid they extend only if they train on its data with its budget. */
    @Test
    void followUpSweepsKeepTheirGridsDataAndBudget() {
        record FollowUp(String file, String grid, int points, long seed) {
        }
        for (FollowUp f : List.of(new FollowUp("sweep-lenet5-mnist-best.conf", "sweep-lenet5-mnist.conf", 6, 2),
                new FollowUp("sweep-lenet5-mnist-finetune.conf", "sweep-lenet5-mnist.conf", 4, 42),
                new FollowUp("sweep-lenet5-mnist-between.conf", "sweep-lenet5-mnist.conf", 7, 42),
                new FollowUp("sweep-fashion-mnist-l1l2.conf", "sweep-fashion-mnist.conf", 2, 42))) {
            SweepGrid followUp = grid(f.file());
            SweepJob.check(followUp);
            RunConfig base = grid(f.grid()).points().get(0).config();
            assertEquals(f.points(), followUp.points().size(), f.file());
            for (GridPoint p : followUp.points()) {
                RunConfig c = p.config();
                assertEquals(base.data(), c.data(), f.file());
                assertEquals(new TrainConfig(base.train().epochs(), base.train().batchSize(), base.train().lr(),
                        base.train().lrSchedule(), f.seed()), c.train(), f.file());
                assertEquals(base.model(), c.model(), f.file());
            }
        }
    }

    private static SweepGrid grid(String file) {
        return SweepGrid.from(ConfigLoader.load(Path.of("..", "conf", file), List.of()));
    }
}
