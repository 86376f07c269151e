package io.sparkprune.spark.hdfs;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.IdxWriter;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Split;
import io.sparkprune.data.SyntheticImages;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** data.dir as an hdfs:// URI with doubled or trailing slashes reads the folder it names. */
class DataDirOnHdfsTest {
    @TempDir
    static Path base;
    static MiniHdfs hdfs;

    @BeforeAll
    static void start() throws Exception {
        hdfs = MiniHdfs.start(base.toFile());
        // A decoy in the parent: reading /a instead of /a/mnist would find 30 images, not 20.
        write("/a", SyntheticImages.mnistLike(30, 5));
        write("/a/mnist", SyntheticImages.mnistLike(20, 6));
    }

    @AfterAll
    static void stop() {
        hdfs.close();
    }

    @Test
    void doubledAndTrailingSlashesReadTheNamedFolder() {
        for (String written : List.of(hdfs.url("/a//mnist"), hdfs.url("/a//mnist/"), hdfs.url("/a/mnist/"),
                hdfs.url("//a/mnist"))) {
            RunConfig cfg = ConfigLoader.runConfig(ConfigLoader.load(null, List.of("data.dir=" + written)));
            assertEquals(written, cfg.data().dir());
            Datasets.requirePresent(cfg.data(), hdfs.conf());
            assertEquals(20, Datasets.load(cfg.data(), Split.TRAIN, hdfs.conf()).count(), written);
            assertEquals(20, Datasets.load(cfg.data(), Split.TEST, hdfs.conf()).count(), written);
        }
    }

    private static void write(String dir, LabeledImages images) throws Exception {
        FileSystem fs = FileSystem.get(hdfs.uri(), hdfs.conf());
        for (Split split : Split.values()) {
            for (Map.Entry<String, byte[]> f : IdxWriter.splitFiles(split, images, false).entrySet()) {
                try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(dir + "/" + f.getKey()))) {
                    out.write(f.getValue());
                }
            }
        }
    }
}
