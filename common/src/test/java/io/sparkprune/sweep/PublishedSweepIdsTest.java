package io.sparkprune.sweep;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.DataConfig;
import io.sparkprune.config.DatasetName;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published sweeps in docs/results/NAME were run from conf/sweep-NAME.conf. Their point ids
 * (the names of points/*.csv) and grid fingerprint (sweep.json) must come out of the current code
 * unchanged, or {@code --resume} and {@code report} would no longer find their results. A sweep
 * still being run in resumable pieces (no results.csv yet) has a point file per finished point.
 */
class PublishedSweepIdsTest {
    private static final Path RESULTS = Path.of("..", "docs", "results");
    private static final Path CONF = Path.of("..", "conf");

    @Test
    void everyPublishedSweepKeepsItsPointIdsAndFingerprint() throws IOException {
        List<Path> sweeps;
        try (Stream<Path> dirs = Files.list(RESULTS)) {
            sweeps = dirs.filter(d -> Files.isRegularFile(d.resolve("sweep.json"))).sorted().toList();
        }
        assertTrue(sweeps.size() >= 6, "published sweeps found: " + sweeps);
        for (Path sweep : sweeps) {
            String name = sweep.getFileName().toString();
            Path conf = CONF.resolve("sweep-" + name + ".conf");
            assertTrue(Files.isRegularFile(conf), name + " has its config " + conf);
            SweepGrid grid = SweepGrid.from(ConfigLoader.load(conf, List.of()));
            DataConfig data = grid.points().get(0).config().data();
            assertTrue(data.name() != DatasetName.IMAGE_FOLDER || (!data.classes().isEmpty() && data.height() > 0
                    && data.width() > 0 && data.channels() > 0), name + ": an image-folder sweep states data.classes, "
                    + "height, width and channels, or its ids would depend on reading the folder");

            Map<?, ?> manifest = new ObjectMapper().readValue(sweep.resolve("sweep.json").toFile(), Map.class);
            assertEquals(manifest.get("fingerprint"), grid.fingerprint(), name + ": fingerprint");
            assertEquals(((Number) manifest.get("points")).intValue(), grid.points().size(), name + ": points");
            Set<String> ids = grid.points().stream().map(GridPoint::id).collect(Collectors.toCollection(TreeSet::new));
            if (Files.isRegularFile(sweep.resolve("results.csv"))) {
                assertEquals(pointFiles(sweep), ids, name + ": point ids");
            } else { // a sweep still running in pieces across sessions: its finished points so far
                assertTrue(ids.containsAll(pointFiles(sweep)), name + ": point ids " + pointFiles(sweep) + " in " + ids);
            }
        }
    }

    private static Set<String> pointFiles(Path sweep) throws IOException {
        if (!Files.isDirectory(sweep.resolve("points"))) {
            return Set.of(); // started, no point finished yet
        }
        try (Stream<Path> files = Files.list(sweep.resolve("points"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".csv"))
                    .map(f -> f.substring(0, f.length() - ".csv".length())).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
