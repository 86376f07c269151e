package io.sparkprune.spark.hdfs;

import io.sparkprune.io.RunDirectory;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDirectoryOnHdfsTest {
    @TempDir
    static Path base;
    static MiniHdfs hdfs;

    @BeforeAll
    static void start() throws Exception {
        hdfs = MiniHdfs.start(base.toFile());
    }

    @AfterAll
    static void stop() {
        hdfs.close();
    }

    @Test
    void writesReplaceAtomicallyAndLeaveNoTemporaryFiles() throws Exception {
        RunDirectory dir = RunDirectory.open(hdfs.url("/runs/a"), hdfs.conf());
        dir.writeText("summary.json", "{\"v\":1}");
        dir.writeText("summary.json", "{\"v\":2}");
        assertEquals("{\"v\":2}", dir.readText("summary.json"));
        assertTrue(dir.uri().toString().startsWith("hdfs://"));

        FileSystem fs = FileSystem.get(hdfs.uri(), hdfs.conf());
        FileStatus[] files = fs.listStatus(dir.path("."));
        assertEquals(1, files.length, Arrays.toString(files));
    }

    @Test
    void aFailedWriteKeepsThePreviousContent() {
        RunDirectory dir = RunDirectory.open(hdfs.url("/runs/b"), hdfs.conf());
        dir.writeText("results.csv", "old");
        assertThrows(RuntimeException.class, () -> dir.write("results.csv", out -> {
            out.write("partial".getBytes());
            throw new java.io.IOException("disk gone");
        }));
        assertEquals("old", dir.readText("results.csv"));
    }

    @Test
    void aBodyThatThrowsLeavesNoTemporaryFile() throws Exception {
        RunDirectory dir = RunDirectory.open(hdfs.url("/runs/c"), hdfs.conf());
        dir.writeText("results.csv", "old");
        // as a sweep's assembly does when a point file it reads is missing
        assertThrows(java.io.UncheckedIOException.class, () -> dir.write("results.csv", out -> {
            out.write("partial".getBytes());
            dir.readText("points/missing.csv");
        }));
        assertEquals("old", dir.readText("results.csv"));
        FileSystem fs = FileSystem.get(hdfs.uri(), hdfs.conf());
        assertEquals(List.of("results.csv"), Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path("/runs/c")))
                .map(st -> st.getPath().getName()).toList(), "no temporary file left");
    }
}
