package io.sparkprune.cli;

import io.sparkprune.io.RunDirectory;
import io.sparkprune.provenance.RunRecord;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep published in docs/results, resumed with the current code from its own config, finds
 * every point finished (same ids, same fingerprint) and rebuilds its table and report without
 * training: there is no MNIST here to train on, and none is needed.
 */
class PublishedSweepResumeTest {
    private static final String NAME = "lenet5-mnist-finetune";

    @Test
    void resumesAndReportsWithoutRetraining(@TempDir Path dir) throws IOException {
        Path published = Path.of("..", "docs", "results", NAME);
        Path out = dir.resolve(NAME);
        Files.createDirectories(out.resolve("points"));
        for (Path p : list(published.resolve("points"))) {
            Files.copy(p, out.resolve("points").resolve(p.getFileName()));
        }
        Files.copy(published.resolve("sweep.json"), out.resolve("sweep.json"));
        assertFalse(Files.exists(out.resolve(RunRecord.FILE)), "published before run records existed");

        CliResult r = CliResult.run("sweep", "--config", Path.of("..", "conf", "sweep-" + NAME + ".conf").toString(),
                "--out", out.toString(), "--resume", "--master", "local[1]");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("4 points (0 failed)"), r.out());
        for (Path p : list(published.resolve("points"))) {
            assertEquals(Files.readString(p), Files.readString(out.resolve("points").resolve(p.getFileName())),
                    "no point retrained: " + p.getFileName());
        }
        assertEquals(Files.readString(published.resolve("results.csv")), Files.readString(out.resolve("results.csv")));
        assertTrue(Files.exists(out.resolve("report.html")));
        assertEquals("sweep", RunRecord.readFrom(RunDirectory.open(out.toString(), new Configuration()))
                .orElseThrow().command());
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
