package io.sparkprune.provenance;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.io.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunRecordTest {
    private static final Map<String, Object> CONFIG =
            ConfigLoader.runConfig(ConfigLoader.load(null, List.of("regularizer.lambda=0.1"))).toFlatMap();

    @Test
    void aStartedRecordNamesTheCodeTheConfigAndTheCommandLine() {
        RunRecord r = RunRecord.startingNow("train", CONFIG, List.of("train", "--config", "a.conf"))
                .onSpark("3.5.9", "local[2]");
        assertEquals("train", r.command());
        assertEquals(BuildInfo.current().version(), r.sparkpruneVersion());
        assertTrue(r.sparkpruneVersion().endsWith("-SNAPSHOT") || r.sparkpruneVersion().matches("\\d+\\.\\d+\\.\\d+"),
                "the build wrote the version: " + r.sparkpruneVersion());
        assertEquals("1.0.0-M2", r.dl4jVersion());
        assertNotEquals("", r.gitCommit());
        assertEquals(System.getProperty("java.version"), r.javaVersion());
        assertEquals("local[2]", r.sparkMaster());
        assertEquals(0.1, r.config().get("regularizer.lambda"));
        assertNull(r.finished());
    }

    @Test
    void roundTripsThroughJson() {
        RunRecord r = RunRecord.startingNow("sweep", CONFIG, List.of("sweep", "--out", "x")).onSpark("3.5.9", "yarn");
        String json = r.toJson();
        RunRecord back = RunRecord.fromJson(json);
        assertEquals(json, back.toJson());
        assertEquals(r.started(), back.started());
        assertEquals(r.commandLine(), back.commandLine());
    }

    /** A record written by a later version, with fields this one does not know, still reads. */
    @Test
    void fieldsAddedLaterAreIgnoredAndMissingOnesReadNull() {
        String later = """
                {"command": "sweep", "sparkprune_version": "0.9.0", "git_commit": "abc123",
                 "gpu": {"name": "A100", "count": 8}, "host_names": ["a", "b"],
                 "config": {"train.lr": 0.01, "data.augment": "flip"},
                 "command_line": ["sweep"], "started": "2027-01-02T03:04:05Z",
                 "previous": {"command": "sweep", "started": "2027-01-01T00:00:00Z", "new_field": 1}}
                """;
        RunRecord r = RunRecord.fromJson(later);
        assertEquals("0.9.0", r.sparkpruneVersion());
        assertEquals("abc123", r.gitCommit());
        assertEquals("flip", r.config().get("data.augment"));
        assertEquals(Instant.parse("2027-01-02T03:04:05Z"), r.started());
        assertNull(r.finished());
        assertNull(r.sparkMaster(), "a field the record lacks reads null");
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), r.previous().started());
        assertThrows(IllegalArgumentException.class, () -> RunRecord.fromJson("{not json"));
    }

    @Test
    void aResumedRunKeepsTheRecordOfTheRunItContinues(@TempDir Path dir) {
        RunDirectory out = RunDirectory.open(dir.resolve("out").toString(), new Configuration());
        assertFalse(RunRecord.readFrom(out).isPresent());
        RunRecord first = RunRecord.startingNow("train", CONFIG, List.of("train")).writeStarted(out, false);
        assertNull(RunRecord.readFrom(out).orElseThrow().finished(), "started, not finished");
        first.writeFinished(out);
        assertNotNull(RunRecord.readFrom(out).orElseThrow().finished());

        RunRecord second = RunRecord.startingNow("train", CONFIG, List.of("train", "--resume")).writeStarted(out, true);
        second.writeFinished(out);
        RunRecord read = RunRecord.readFrom(out).orElseThrow();
        assertEquals(List.of("train", "--resume"), read.commandLine());
        assertEquals(List.of("train"), read.previous().commandLine());
        assertNotNull(read.previous().finished());
        assertNull(read.previous().previous());

        RunRecord.startingNow("train", CONFIG, List.of("train")).writeStarted(out, false);
        assertNull(RunRecord.readFrom(out).orElseThrow().previous(), "a fresh run does not inherit");
    }
}
