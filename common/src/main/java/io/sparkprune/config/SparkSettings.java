package io.sparkprune.config;

import java.io.Serializable;

/** How the job uses the cluster. Spark's own settings (master, memory) come from spark-submit. */
public record SparkSettings(SparkMode mode, int averagingFrequency) implements Serializable {
    public SparkSettings {
        Check.positive("spark.averaging-frequency", averagingFrequency);
    }
}
