package io.sparkprune.spark.sweep;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.sweep.SweepGrid;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class HalvingProgressTest {
    /** 2 types x 3 lambdas, rungs 1, 3, 6 with eta 3: the line names the rung, the points alive and measured. */
    @Test
    void theLineShowsTheRungThePointsAliveAndMeasured() {
        List<GridPoint> points = SweepGrid.from(ConfigLoader.load(null, List.of("train.epochs=6",
                "sweep.grid.regularizer.type=[l1, l2]", "sweep.grid.regularizer.lambda=[0.001, 0.01, 0.1]"))).points();
        HalvingProgress progress = new HalvingProgress(List.of(1, 3, 6), 3, 1);
        progress.rungStarted(0, points, points.size());
        String line = progress.measured(PointResult.succeeded(points.get(0), List.of(), 1.0, 1));
        assertTrue(line.startsWith("sweep: halving rung 0 of 0-2 (1 epochs), 6 points alive, 1/6 measured, elapsed "),
                line);
        assertTrue(line.contains(", ETA ") && line.endsWith("(last: " + points.get(0).id() + " ok)"), line);
        progress.rungStarted(2, points.subList(0, 2), 1);
        String last = progress.measured(PointResult.succeeded(points.get(1), List.of(), 1.0, 6));
        assertTrue(last.startsWith("sweep: halving rung 2 of 0-2 (6 epochs), 2 points alive, 1/1 measured"), last);
        assertTrue(last.contains("ETA 0:00:00"), "nothing left to train: " + last);
    }
}
