package io.sparkprune.spark.sweep;

import io.sparkprune.sweep.GridPoint;

import java.util.List;
import java.util.function.Consumer;

/** Trains grid points and hands each result to the driver as soon as that point is finished. */
interface PointRunner {
    void run(List<GridPoint> points, Consumer<PointResult> onFinished);
}
