package io.sparkprune.spark.sweep;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * The Spark context that launched a task, seen from the task. A stopped context does not end its
 * local-mode tasks (its executor only shuts its thread pool down), so in a notebook or any JVM that
 * outlives the context, a point's task would keep training and writing epoch checkpoints under a
 * resumed sweep that is reading them. The task asks this before each write and gives up instead.
 */
final class LaunchingContext {
    private final SparkEnv env = SparkEnv.get();
    private final TaskContext task = TaskContext.get();

    /** Throws once the context that launched this task is stopped or the task was killed (its job cancelled). */
    void requireAlive(String what) {
        if (SparkEnv.get() != env || (task != null && task.isInterrupted())) {
            throw new IllegalStateException("the Spark context that launched this task is stopped or its job "
                    + "cancelled: " + what + " is not written");
        }
    }
}
