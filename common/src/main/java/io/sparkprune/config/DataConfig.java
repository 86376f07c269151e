package io.sparkprune.config;

import java.io.Serializable;

/** Which dataset, where it lives, and how much of it a run uses (0 = all). */
public record DataConfig(DatasetName name, String dir, int trainLimit, int testLimit) implements Serializable {
    public DataConfig {
        Check.nonBlank("data.dir", dir);
        Check.nonNegative("data.train-limit", trainLimit);
        Check.nonNegative("data.test-limit", testLimit);
    }
}
