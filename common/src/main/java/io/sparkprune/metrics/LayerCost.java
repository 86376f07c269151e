package io.sparkprune.metrics;

/** Parameters and multiply-accumulates per example of one layer. */
public record LayerCost(int index, String type, long params, long macs) {
}
