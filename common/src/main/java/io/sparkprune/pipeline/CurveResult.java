package io.sparkprune.pipeline;

import io.sparkprune.results.CurvePoint;

import java.util.List;

/**
 * What the pipeline produced for one model: its test accuracy (null for a rung measurement, which
 * reads validation images only), its curve in threshold order, and how long it trained.
 */
public record CurveResult(Double accuracy, List<CurvePoint> points, double trainSeconds) {
    public CurveResult {
        points = List.copyOf(points);
    }
}
