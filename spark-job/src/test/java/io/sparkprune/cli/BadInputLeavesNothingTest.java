package io.sparkprune.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run refused for its input exits 2 with one line and leaves --out as it found it. */
class BadInputLeavesNothingTest {

    @Test
    void sweepWithoutDataWritesNothingSoTheSameOutCanBeUsedAgain(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-data"));
        for (String mode : new String[]{"grid-parallel", "data-parallel"}) {
            Path conf = dir.resolve(mode + ".conf");
            Files.writeString(conf, "data.dir = \"" + empty + "\"\nspark.mode = " + mode
                    + "\nsweep.grid { regularizer.type = [none, l1l2], regularizer.lambda = [0.1] }\n");
            Path out = dir.resolve("out-" + mode);
            for (int attempt = 1; attempt <= 2; attempt++) {
                CliResult r = CliResult.run("sweep", "--config", conf.toString(), "--master", "local[1]",
                        "--out", out.toString());
                assertEquals(2, r.exitCode(), mode + " attempt " + attempt + ": " + r.err());
                assertTrue(r.err().contains("train-images-idx3-ubyte") && r.err().contains(empty.toString()),
                        "the missing data, not a leftover sweep, is the error: " + r.err());
                assertEquals(1, r.err().strip().lines().count(), r.err());
                assertFalse(Files.exists(out), mode + ": nothing written to --out");
            }
        }
    }

    @Test
    void trainWithoutDataWritesNothing(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("run.conf");
        Files.writeString(conf, "data.dir = \"" + Files.createDirectories(dir.resolve("empty-data")) + "\"\n");
        Path out = dir.resolve("out");
        CliResult r = CliResult.run("train", "--config", conf.toString(), "--master", "local[1]", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("train-images-idx3-ubyte"), r.err());
        assertFalse(Files.exists(out), "nothing written to --out");
    }

    @Test
    void retryFailedWithoutResumeIsRefused(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliResult r = CliResult.run("sweep", "--config", "../conf/sweep-quick-mnist.conf", "--retry-failed",
                "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--retry-failed") && r.err().contains("--resume"), r.err());
        assertFalse(Files.exists(out), "nothing written to --out");
    }
}
