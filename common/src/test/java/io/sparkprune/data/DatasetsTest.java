package io.sparkprune.data;

import io.sparkprune.config.DataConfig;
import io.sparkprune.config.DatasetName;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
