package io.sparkprune.config;

import java.io.Serializable;

/**
 * How the job uses the cluster. Spark's own settings (master, memory) come from spark-submit.
 * {@code taskThreads} is the native (ND4J/OpenMP/BLAS) threads each training task may use.
 */
public record SparkSettings(SparkMode mode, int averagingFrequency, int taskThreads) implements Serializable {
    public SparkSettings {
        ConfigKeys.SPARK_AVERAGING_FREQUENCY.check(averagingFrequency);
        ConfigKeys.SPARK_TASK_THREADS.check(taskThreads);
    }
}
