package io.sparkprune.spark.train;

import io.sparkprune.io.RunDirectory;
import io.sparkprune.provenance.RunRecord;
import io.sparkprune.spark.SparkTestContexts;
import io.sparkprune.spark.hdfs.MiniHdfs;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole train job with real parts: two executor JVMs (local-cluster), data read from and
 * results written to HDFS. Proves on every build that Spark 3.5 + dl4j-spark M2 + Java 17 train.
 */
class LocalClusterHdfsTrainTest {

    @Test
    void trainsOnTwoExecutorJvmsFromHdfsToHdfs(@TempDir java.nio.file.Path base) throws Exception {
        try (MiniHdfs hdfs = MiniHdfs.start(base.toFile());
             JavaSparkContext sc = SparkTestContexts.localCluster(2, 1, 1536)) {
            FileSystem fs = FileSystem.get(hdfs.uri(), hdfs.conf());
            for (Map.Entry<String, byte[]> f : TrainJobFixtures.idxFiles().entrySet()) {
                try (FSDataOutputStream out = fs.create(new Path("/datasets/mnist/" + f.getKey()))) {
                    out.write(f.getValue());
                }
            }
            sc.hadoopConfiguration().addResource(hdfs.conf());
            RunDirectory out = RunDirectory.open(hdfs.url("/runs/lenet"), sc.hadoopConfiguration());
            TrainSummary summary = new TrainJob(sc,
                    TrainJobFixtures.config(hdfs.url("/datasets/mnist"), "train.epochs=1"), out).run(false);

            assertTrue(summary.accuracyBeforePrune() > 0.5, summary.headline());
            JsonNode json = TrainJobFixtures.json(out.readText("summary.json"));
            RunRecord record = RunRecord.readFrom(out).orElseThrow();
            assertTrue(record.sparkMaster().startsWith("local-cluster"), record.sparkMaster());
            assertEquals(sc.version(), record.sparkVersion());
            assertEquals(hdfs.url("/datasets/mnist"), record.config().get("data.dir"));
            assertTrue(record.finished() != null && !record.finished().isBefore(record.started()));
            assertTrue(fs.exists(new Path("/runs/lenet/pruned-model.zip")));
            assertEquals(json.get("params_after").asLong(), out.readModel("pruned-model.zip").numParams());
        }
    }
}
