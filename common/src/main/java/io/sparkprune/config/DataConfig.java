package io.sparkprune.config;

import java.io.Serializable;

/** Which dataset, where it lives, and how much of it a run uses (0 = all). */
public record DataConfig(DatasetName name, String dir, int trainLimit, int testLimit) implements Serializable {
    public DataConfig {
        ConfigKeys.DATA_DIR.check(dir);
        ConfigKeys.DATA_TRAIN_LIMIT.check(trainLimit);
        ConfigKeys.DATA_TEST_LIMIT.check(testLimit);
    }
}
