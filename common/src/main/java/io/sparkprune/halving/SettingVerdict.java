package io.sparkprune.halving;

import java.util.Locale;

/**
 * One setting's place at a rung: the best non-dominated front any of its grid-threshold models
 * reaches ({@link #NO_FRONT} when none is within the rung's floor), how many of its replicates have a
 * model at the rung's selection floor and those models' mean params (infinite when none has), its best
 * validation accuracy, its rank among its regularizer type's settings (1 = best) and whether it goes on.
 */
public record SettingVerdict(String setting, String regularizer, int firstPointIndex, int front,
                             int replicatesAtSelectionFloor, double meanParamsAtSelectionFloor,
                             double bestValAccuracy, int rank, int settingsOfType, int keptOfType, boolean kept) {
    /** The front of a setting none of whose models reaches the rung's floor: after every front. */
    public static final int NO_FRONT = Integer.MAX_VALUE;

    /** Why the setting was stopped (or kept), for a stopped row's reason. */
    public String reason(int rung, int epochs) {
        return String.format(Locale.ROOT, "halving rung %d (%d epochs): rank %d of %d %s settings, %d kept; %s, "
                        + "%s, best val accuracy %.4f", rung, epochs, rank, settingsOfType, regularizer, keptOfType,
                front == NO_FRONT ? "no model within the floor" : "front " + front,
                replicatesAtSelectionFloor == 0 ? String.format(Locale.ROOT, "no replicate within %.1f pt of the baseline",
                        100 * HalvingRanking.SELECTION_DROP)
                        : String.format(Locale.ROOT, "%d replicate(s) within %.1f pt of the baseline at %,.0f params",
                        replicatesAtSelectionFloor, 100 * HalvingRanking.SELECTION_DROP, meanParamsAtSelectionFloor),
                bestValAccuracy);
    }
}
