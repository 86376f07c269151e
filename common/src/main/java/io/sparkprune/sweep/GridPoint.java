package io.sparkprune.sweep;

import io.sparkprune.config.RunConfig;

import java.io.Serializable;
import java.util.Map;

/**
 * One point of a sweep grid: its position, the grid values that define it, and the validated run
 * config they produce. The id is stable across runs of the same grid, which is what lets a
 * resumed sweep recognise finished points.
 */
public record GridPoint(int index, String id, Map<String, Object> values, RunConfig config) implements Serializable {
}
