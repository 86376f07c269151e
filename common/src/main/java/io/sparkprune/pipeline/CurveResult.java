package io.sparkprune.pipeline;

import io.sparkprune.results.CurvePoint;

import java.util.List;

/** What the pipeline produced for one model: its curve in threshold order, and how long it trained. */
public record CurveResult(double accuracy, List<CurvePoint> points, double trainSeconds) {
    public CurveResult {
        points = List.copyOf(points);
    }
}
