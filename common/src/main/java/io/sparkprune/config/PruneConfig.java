package io.sparkprune.config;

import java.io.Serializable;

/**
 * The pruning rule, its threshold tau, how many more thresholds a curve evaluates where the kept
 * filters change, the validation accuracy a per-layer search keeps (0 = no search) and the
 * fine-tune budget after pruning.
 */
public record PruneConfig(PruneRule rule, double threshold, int curvePoints, double targetAccuracy, int finetuneEpochs)
        implements Serializable {
    public PruneConfig {
        ConfigKeys.PRUNE_THRESHOLD.check(threshold);
        ConfigKeys.PRUNE_CURVE_POINTS.check(curvePoints);
        ConfigKeys.PRUNE_TARGET_ACCURACY.check(targetAccuracy);
        ConfigKeys.PRUNE_FINETUNE_EPOCHS.check(finetuneEpochs);
    }
}
