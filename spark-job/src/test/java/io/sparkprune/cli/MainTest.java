package io.sparkprune.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][]{{"--help"}, {"train", "--help"}, {"sweep", "--help"}, {"report", "--help"}, {"data", "--help"},
                {"data", "fetch", "--help"}, {"data", "import", "--help"}, {"prune", "--help"}, {"bench", "--help"},
                {"bench", "inference", "--help"}}) {
            // picocli reports a help text it cannot format (a bare % in a description) on System.err, not err
            java.io.PrintStream stderr = System.err;
            java.io.ByteArrayOutputStream picocli = new java.io.ByteArrayOutputStream();
            System.setErr(new java.io.PrintStream(picocli, true));
            CliResult r;
            try {
                r = CliResult.run(args);
            } finally {
                System.setErr(stderr);
            }
            assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertFalse(picocli.toString().contains("Could not format"), String.join(" ", args) + ": " + picocli);
            String command = String.join(" ", java.util.Arrays.copyOf(args, args.length - 1));
            assertTrue(r.out().contains(("Usage: sparkprune " + command).strip()), r.out());
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, CliResult.run().exitCode());
        assertEquals(2, CliResult.run("trian").exitCode());
        assertEquals(2, CliResult.run("train").exitCode(), "--config is required");
        assertEquals(2, CliResult.run("data", "fetch", "imagenet").exitCode());
        assertEquals(2, CliResult.run("data", "fetch", "mnist", "--url", "file:///x").exitCode(), "--url is cifar10's");
        assertEquals(2, CliResult.run("data", "import", "mnist", "--from", "x").exitCode());
        assertEquals(2, CliResult.run("data", "import", "cifar10").exitCode(), "--from is required");
    }

    @Test
    void configErrorsAreOneLineWithTheKeyAndExitTwo(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("run.conf");
        Files.writeString(conf, "train.epochs = 1\n");
        CliResult r = CliResult.run("train", "--config", conf.toString(), "--set", "train.lr=-1",
                "--out", dir.resolve("out").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("'train.lr'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written for a rejected config");
    }

    @Test
    void badSweepGridsExitTwoBeforeSparkStarts(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("sweep.conf");
        for (String grid : new String[]{"sweep.grid { train.lr = [] }", "sweep.grid { train.lrr = [0.1] }",
                "sweep.grid { train.seed = [1, 1] }", "spark.mode = grid-parallel\nsweep.grid { data.train-limit = [10, 20] }"}) {
            Files.writeString(conf, grid + "\n");
            CliResult r = CliResult.run("sweep", "--config", conf.toString(), "--out", dir.resolve("out").toString());
            assertEquals(2, r.exitCode(), grid + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
        assertFalse(Files.exists(dir.resolve("out")), "nothing written for a rejected grid");
    }

    @Test
    void missingConfigFileExitsTwo(@TempDir Path dir) {
        CliResult r = CliResult.run("train", "--config", dir.resolve("nope.conf").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("config file not found"), r.err());
    }

    @Test
    void pruneRefusesBadInputWithoutTouchingIt(@TempDir Path dir) throws Exception {
        Path notAModel = dir.resolve("model.zip");
        Files.writeString(notAModel, "not a zip");
        CliResult r = CliResult.run("prune", "--model", notAModel.toString(), "--threshold", "0.1");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("is not a DL4J MultiLayerNetwork model zip"), r.err());
        assertEquals("not a zip", Files.readString(notAModel), "input untouched");
        assertEquals(1, r.err().strip().lines().count(), r.err());

        CliResult negative = CliResult.run("prune", "--model", notAModel.toString(), "--thresholds", "0.1,-1");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().contains("threshold must be a finite number >= 0"), negative.err());
        assertEquals(2, CliResult.run("prune", "--model", dir.resolve("missing.zip").toString(), "--threshold", "0.1")
                .exitCode());
    }

    @Test
    void unreachableMasterIsAnInputErrorBeforeAnyOutput(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("run.conf");
        Files.writeString(conf, "train.epochs = 1\n");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        CliResult r = CliResult.run("train", "--config", conf.toString(), "--master", "spark://127.0.0.1:" + port,
                "--out", dir.resolve("out").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("cannot reach the Spark master"), r.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void missingDataDirectoryIsAnInputError(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("run.conf");
        Files.writeString(conf, "data.dir = \"" + dir.resolve("no-such-dir") + "\"\n");
        CliResult r = CliResult.run("train", "--config", conf.toString(), "--master", "local[1]",
                "--out", dir.resolve("out").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("no-such-dir"), r.err());
    }
}
