package io.sparkprune.data;

import io.sparkprune.config.DataConfig;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.DatasetName;
import io.sparkprune.config.RunConfig;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entry point applies each split's own limit, class-balanced and the same on every load. */
class DatasetsTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    @Test
    void limitsAreClassBalancedPerSplitAndDeterministic() {
        IdxWriter.writeSplit(dir, Split.TRAIN, SyntheticImages.mnistLike(200, 1), true);
        IdxWriter.writeSplit(dir, Split.TEST, SyntheticImages.mnistLike(50, 2), false);
        DataConfig cfg = new DataConfig(DatasetName.MNIST, dir.toUri().toString(), 35, 0);

        LabeledImages train = Datasets.load(cfg, Split.TRAIN, CONF);
        LabeledImages test = Datasets.load(cfg, Split.TEST, CONF);

        assertArrayEquals(new int[] {4, 4, 4, 4, 4, 3, 3, 3, 3, 3}, train.classCounts());
        assertEquals(50, test.count());
        assertEquals(train.toDataSet(), Datasets.load(cfg, Split.TRAIN, CONF).toDataSet());
    }

    @Test
    void cifarLimitsApplyAcrossBatches() {
        CifarWriter.writeSplit(dir, Split.TEST, SyntheticImages.cycling(40, 3, 32, 32, 4));
        DataConfig cfg = new DataConfig(DatasetName.CIFAR10, dir.toString(), 0, 20);
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, Datasets.load(cfg, Split.TEST, CONF).classCounts());
    }

    /**
     * A doubled or trailing slash (a shell variable ending in "/") names the same folder, as the file
     * system reads it: the files in a/mnist are read, not those in its parent a/.
     */
    @Test
    void doubledAndTrailingSlashesReadTheNamedFolder() {
        Path parent = dir.resolve("a");
        Path child = parent.resolve("mnist");
        for (Split split : Split.values()) {
            IdxWriter.writeSplit(parent, split, SyntheticImages.mnistLike(30, 5), false);
            IdxWriter.writeSplit(child, split, SyntheticImages.mnistLike(20, 6), false);
        }
        for (String written : List.of(parent + "//mnist", parent + "//mnist/", child + "/", parent + "/./mnist",
                "file://" + parent + "//mnist/")) {
            RunConfig cfg = ConfigLoader.runConfig(ConfigLoader.load(null, List.of("data.dir=" + written)));
            assertEquals(written, cfg.data().dir(), "the path is kept as written");
            Datasets.requirePresent(cfg.data(), CONF);
            assertEquals(20, Datasets.load(cfg.data(), Split.TRAIN, CONF).count(), written);
        }
    }

    @Test
    void requirePresentFailsLikeLoadOnAMissingSplit() {
        IdxWriter.writeSplit(dir, Split.TRAIN, SyntheticImages.mnistLike(20, 1), false);
        DataConfig cfg = new DataConfig(DatasetName.MNIST, dir.toString(), 0, 0);
        String msg = assertThrows(DataFormatException.class, () -> Datasets.requirePresent(cfg, CONF)).getMessage();
        assertTrue(msg.contains("t10k-images-idx3-ubyte") && msg.contains("data fetch mnist"), msg);
        assertEquals(msg, assertThrows(DataFormatException.class, () -> Datasets.load(cfg, Split.TEST, CONF)).getMessage());
    }
}
