package io.sparkprune.sweep;

import io.sparkprune.config.RunConfig;

import java.io.Serializable;
import java.util.Map;

/**
 * One point of a sweep grid: its position, the grid values that define it, and the validated run
 * config they produce. The id is stable across runs of the same grid, which is what lets a
 * resumed sweep recognise finished points. Replicate r > 0 of a setting ({@code sweep.replicates})
 * is a point of its own, with a seed derived from the setting's and the setting's id beside its own.
 */
public record GridPoint(int index, String id, Map<String, Object> values, RunConfig config, String settingId,
                        int replicate) implements Serializable {
}
