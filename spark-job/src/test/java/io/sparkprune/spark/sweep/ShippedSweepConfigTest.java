package io.sparkprune.spark.sweep;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.SparkMode;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.sweep.SweepGrid;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The grids in conf/ load, validate and suit their mode (no training). */
class ShippedSweepConfigTest {

    @Test
    void lenet5MnistSweepComparesEveryRegularizer() {
        SweepGrid grid = SweepGrid.from(ConfigLoader.load(Path.of("..", "conf", "sweep-lenet5-mnist.conf"), List.of()));
        SweepJob.check(grid);
        List<GridPoint> points = grid.points();
        assertEquals(18, points.size());
        assertEquals(6, points.stream().map(p -> p.config().regularizer().type()).distinct().count());
        assertEquals(SparkMode.GRID_PARALLEL, points.get(0).config().spark().mode());
        assertEquals(7, grid.thresholds().size());
    }
}
