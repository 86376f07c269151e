package io.sparkprune.cli;

import io.sparkprune.io.RunDirectory;
import io.sparkprune.provenance.BuildInfo;
import io.sparkprune.provenance.RunRecord;
import io.sparkprune.spark.train.TrainJobFixtures;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train and prune, run as a user runs them, leave a run.json that says what ran and how. */
class RunRecordCliTest {

    @Test
    void trainAndPruneRecordTheirCommandLineCodeAndConfig(@TempDir Path dir) throws Exception {
        TrainJobFixtures.writeIdx(dir.resolve("data"));
        Path conf = dir.resolve("run.conf");
        Files.writeString(conf, "data.dir = \"" + dir.resolve("data") + "\"\nmodel.width = 0.25\ntrain.epochs = 1\n"
                + "regularizer { type = ssl, lambda = 0.001 }\n");
        String out = dir.resolve("run").toString();
        String[] train = {"train", "--config", conf.toString(), "--set", "train.batch-size=32", "--master", "local[1]",
                "--out", out};
        CliResult trained = CliResult.run(train);
        assertEquals(0, trained.exitCode(), trained.err());

        RunRecord record = read(out);
        assertEquals("train", record.command());
        assertEquals("sparkprune", record.commandLine().get(0));
        assertEquals(List.of(train), record.commandLine().subList(1, record.commandLine().size()));
        assertEquals("local[1]", record.sparkMaster());
        assertNotNull(record.sparkVersion());
        assertEquals(BuildInfo.current().gitCommit(), record.gitCommit());
        assertEquals("ssl", record.config().get("regularizer.type"));
        assertEquals(32, record.config().get("train.batch-size"));
        assertTrue(!record.finished().isBefore(record.started()));

        CliResult pruned = CliResult.run("prune", "--model", out + "/model.zip", "--thresholds", "0,0.5");
        assertEquals(0, pruned.exitCode(), pruned.err());
        RunRecord prune = read(out + "/prune");
        assertEquals("prune", prune.command());
        assertEquals(List.of("sparkprune", "prune", "--model", out + "/model.zip", "--thresholds", "0,0.5"),
                prune.commandLine());
        assertEquals(record.config(), prune.config(), "prune read the run's config from summary.json");
        assertNull(prune.sparkMaster(), "prune runs without Spark");
        assertNotNull(prune.finished());
    }

    private static RunRecord read(String dir) {
        return RunRecord.readFrom(RunDirectory.open(dir, new Configuration())).orElseThrow();
    }
}
