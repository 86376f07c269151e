package io.sparkprune.spark.sweep;

import io.sparkprune.io.RunDirectory;
import org.apache.spark.util.SerializableConfiguration;

import java.io.Serializable;

/**
 * The sweep's output directory as a task can carry it to an executor (its URI and the driver's
 * Hadoop configuration), so that a grid-parallel point writes its epoch checkpoints where the driver
 * (and a resumed sweep) finds them, on HDFS as on a local path.
 */
final class SweepOutput implements Serializable {
    private final String uri;
    private final SerializableConfiguration hadoop;

    SweepOutput(RunDirectory out, org.apache.hadoop.conf.Configuration hadoop) {
        this.uri = out.uri().toString();
        this.hadoop = new SerializableConfiguration(hadoop);
    }

    RunDirectory open() {
        return RunDirectory.open(uri, hadoop.value());
    }
}
