package io.sparkprune.cli;

import io.sparkprune.io.RunDirectory;
import io.sparkprune.provenance.RunRecord;
import io.sparkprune.results.ResultsCsv;
import io.sparkprune.results.SweepResults;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep published in docs/results (the smallest) stays usable by this version: its point ids
 * and grid fingerprint still match its config, so {@code sweep --resume} trains nothing (no data
 * needed) and rebuilds the same results.csv, and {@code report} writes the published report.
 */
class PublishedSweepTest {
    private static final Path PUBLISHED = Path.of("..", "docs", "results", "fashion-mnist-l1l2");
    private static final Path CONFIG = Path.of("..", "conf", "sweep-fashion-mnist-l1l2.conf");

    @Test
    void resumesWithoutTrainingAndReportsAsPublished(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("sweep");
        copyTree(PUBLISHED, copy);
        List<Path> pointFiles = files(PUBLISHED.resolve(SweepResults.POINTS));
        assertEquals(2, pointFiles.size());
        assertFalse(Files.exists(copy.resolve(RunRecord.FILE)), "published before run records existed");

        CliResult sweep = CliResult.run("sweep", "--config", CONFIG.toString(), "--out", copy.toString(), "--resume");
        assertEquals(0, sweep.exitCode(), sweep.err());
        assertTrue(sweep.out().contains("2 points (0 failed), 14 rows"), sweep.out());
        for (Path published : pointFiles) {
            // a retrained point would have been rewritten (with another train_seconds at least)
            assertEquals(Files.readString(published),
                    Files.readString(copy.resolve(SweepResults.POINTS).resolve(published.getFileName())),
                    "point " + published.getFileName() + " was not retrained");
        }
        String publishedCsv = Files.readString(PUBLISHED.resolve(SweepResults.RESULTS_CSV));
        assertEquals(publishedCsv, Files.readString(copy.resolve(SweepResults.RESULTS_CSV)),
                "results.csv rebuilt byte for byte");
        assertEquals(14, ResultsCsv.read(publishedCsv).size());
        assertEquals("sweep", RunRecord.readFrom(RunDirectory.open(copy.toString(), new Configuration()))
                .orElseThrow().command(), "the resumed sweep records its run");

        CliResult report = CliResult.run("report", "--in", copy.toString(), "--at-accuracy", "0.90,0.89,0.885");
        assertEquals(0, report.exitCode(), report.err());
        assertEquals(Files.readString(PUBLISHED.resolve("report.md")), Files.readString(copy.resolve("report.md")));
    }

    private static List<Path> files(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
