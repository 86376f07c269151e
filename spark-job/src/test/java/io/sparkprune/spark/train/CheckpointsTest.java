package io.sparkprune.spark.train;

import io.sparkprune.config.ConfigException;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.io.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train --resume against the config recorded beside the checkpoints, also one recorded by an older version. */
class CheckpointsTest {
    private static RunConfig config(String... overrides) {
        return ConfigLoader.runConfig(ConfigLoader.load(null, List.of(overrides)));
    }

    private static RunDirectory recordedBy(Path dir, RunConfig cfg) {
        RunDirectory out = RunDirectory.open(dir.toString(), new Configuration());
        new Checkpoints(out).bind(cfg, false);
        return out;
    }

    @Test
    void aResumeUnderTheSameConfigIsAcceptedAndAnotherRefused(@TempDir Path dir) {
        RunDirectory out = recordedBy(dir, config("train.lr=0.002"));
        assertDoesNotThrow(() -> new Checkpoints(out).bind(config("train.lr=0.002", "train.epochs=5"), true),
                "more epochs continue the same run");
        ConfigException changed = assertThrows(ConfigException.class,
                () -> new Checkpoints(out).bind(config("train.lr=0.003"), true));
        assertTrue(changed.getMessage().contains("(train.lr: 0.002 there, 0.003 now)"), changed.getMessage());
        assertThrows(ConfigException.class, () -> new Checkpoints(out).bind(config("train.lr=0.002",
                "data.augment=crop-flip"), true));
    }

    /**
     * A sweep killed while writing a checkpoint leaves its temporary file (the writer's clean-up never
     * ran); the next save of that point removes it, and keeps only the latest epoch.
     */
    @Test
    void aSaveRemovesWhatAKilledWriteLeft(@TempDir Path dir) throws Exception {
        RunDirectory out = RunDirectory.open(dir.toString(), new Configuration());
        Checkpoints point = Checkpoints.ofSweepPoint(out, "abc123");
        var net = io.sparkprune.model.Networks.create(config("model.width=0.25"));
        point.save(1, net, 1.0);
        Path pointDir = dir.resolve(Checkpoints.DIR).resolve("abc123");
        Path killed = pointDir.resolve(".epoch-0002.zip." + java.util.UUID.randomUUID() + ".tmp");
        Files.writeString(killed, "half a model");

        point.save(2, net, 2.0);
        try (var files = Files.list(pointDir)) {
            assertEquals(List.of("epoch-0002.seconds", "epoch-0002.zip", "latest"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertEquals(2, point.latestEpoch().orElseThrow());
    }

    /** Checkpoints written before the data.* image keys existed trained with their defaults. */
    @Test
    void keysAddedSinceTheRecordingMatchAtTheirDefaults(@TempDir Path dir) throws Exception {
        RunDirectory out = recordedBy(dir, config("train.lr=0.002"));
        Path recorded = dir.resolve(Checkpoints.DIR).resolve("config.properties");
        String old = Files.readString(recorded).lines()
                .filter(l -> !l.startsWith("data.height") && !l.startsWith("data.width") && !l.startsWith("data.channels")
                        && !l.startsWith("data.classes") && !l.startsWith("data.augment") && !l.startsWith("data.normalize"))
                .collect(Collectors.joining("\n", "", "\n"));
        assertTrue(old.contains("data.dir=") && !old.contains("data.augment"), old);
        Files.writeString(recorded, old);

        assertDoesNotThrow(() -> new Checkpoints(out).bind(config("train.lr=0.002"), true));
        Files.writeString(recorded, old);
        ConfigException e = assertThrows(ConfigException.class,
                () -> new Checkpoints(out).bind(config("train.lr=0.002", "data.normalize=per-channel"), true));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }
}
