package io.sparkprune.config;

import java.io.Serializable;

/** The pruning rule, its threshold tau and the fine-tune budget after pruning. */
public record PruneConfig(PruneRule rule, double threshold, int finetuneEpochs) implements Serializable {
    public PruneConfig {
        ConfigKeys.PRUNE_THRESHOLD.check(threshold);
        ConfigKeys.PRUNE_FINETUNE_EPOCHS.check(finetuneEpochs);
    }
}
