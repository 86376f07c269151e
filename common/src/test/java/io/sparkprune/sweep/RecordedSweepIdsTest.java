package io.sparkprune.sweep;

import io.sparkprune.config.ConfigLoader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorded sweeps in docs/results stay what their configs produce: a key added later with a
 * default that keeps the old behaviour (e.g. {@code regularizer.target = auto}) must change neither
 * a point id nor the sweep's fingerprint, or those results could no longer be resumed or compared.
 */
class RecordedSweepIdsTest {
    private static final Path RESULTS = Path.of("..", "docs", "results");
    private static final Pattern FINGERPRINT = Pattern.compile("\"fingerprint\"\\s*:\\s*\"([0-9a-f]+)\"");

    @TestFactory
    Stream<DynamicTest> everyRecordedSweepKeepsItsIdsAndFingerprint() throws IOException {
        List<Path> sweeps;
        try (Stream<Path> dirs = Files.list(RESULTS)) {
            sweeps = dirs.filter(d -> Files.exists(d.resolve("sweep.json"))).sorted().toList();
        }
        assertFalse(sweeps.isEmpty(), "docs/results holds recorded sweeps");
        return sweeps.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Path conf = Path.of("..", "conf", "sweep-" + dir.getFileName() + ".conf");
            assertTrue(Files.exists(conf), conf + " is the config that produced " + dir);
            SweepGrid grid = SweepGrid.from(ConfigLoader.load(conf, List.of()));
            Matcher m = FINGERPRINT.matcher(Files.readString(dir.resolve("sweep.json")));
            assertTrue(m.find(), dir + "/sweep.json records a fingerprint");
            assertEquals(m.group(1), grid.fingerprint(), dir + ": fingerprint");
            TreeSet<String> recorded = new TreeSet<>();
            try (Stream<Path> files = Files.list(dir.resolve("points"))) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".csv"))
                        .forEach(n -> recorded.add(n.substring(0, n.length() - 4)));
            }
            TreeSet<String> ids = new TreeSet<>();
            grid.points().forEach(p -> ids.add(p.id()));
            assertEquals(recorded, ids, dir + ": point ids");
        }));
    }
}
