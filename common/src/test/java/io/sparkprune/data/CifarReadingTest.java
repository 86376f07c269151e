package io.sparkprune.data;

import io.sparkprune.config.DatasetName;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CIFAR-10 binary batches read back exactly in CHW order; broken batches rejected by name. */
class CifarReadingTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private LabeledImages read(Split split) {
        return Datasets.readAll(DatasetName.CIFAR10, dir.toString(), split, CONF);
    }

    private void assertRejected(String file, String... problem) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(Split.TRAIN));
        assertTrue(e.getMessage().contains(dir.resolve(file).toString()), "names the file: " + e.getMessage());
        for (String p : problem) {
            assertTrue(e.getMessage().contains(p), "says '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void fiveTrainingBatchesReadBackInOrderAsChw() {
        LabeledImages written = SyntheticImages.cycling(23, 3, 32, 32, 9);
        CifarWriter.writeSplit(dir, Split.TRAIN, written);
        LabeledImages back = read(Split.TRAIN);
        assertEquals(written.toDataSet(), back.toDataSet());
        assertArrayEquals(new long[] {23, 3, 32, 32}, back.toDataSet().getFeatures().shape());
        // Record 1 of data_batch_1: the blue plane starts 1 + 2048 bytes into the record.
        byte[] batch = CifarWriter.batchBytes(written.slice(0, 4));
        assertEquals(batch[3073 + 1 + 2048 + 32 * 5 + 7] & 0xFF, back.pixel(1, 2, 5, 7));
        assertEquals(batch[3073] & 0xFF, back.label(1));
    }

    @Test
    void testBatchReadsThroughAFileUri() {
        LabeledImages written = SyntheticImages.cycling(6, 3, 32, 32, 2);
        CifarWriter.writeSplit(dir, Split.TEST, written);
        LabeledImages back = Datasets.readAll(DatasetName.CIFAR10, dir.toUri().toString(), Split.TEST, CONF);
        assertEquals(written.toDataSet(), back.toDataSet());
    }

    @Test
    void fileSizeNotAMultipleOfTheRecord() throws Exception {
        CifarWriter.writeSplit(dir, Split.TRAIN, SyntheticImages.cycling(10, 3, 32, 32, 1));
        byte[] batch = Files.readAllBytes(dir.resolve("data_batch_4.bin"));
        IdxWriter.write(dir.resolve("data_batch_4.bin"), Arrays.copyOf(batch, batch.length - 1));
        assertRejected("data_batch_4.bin", "bad size", String.valueOf(batch.length - 1), "3073");
    }

    @Test
    void emptyBatch() {
        CifarWriter.writeSplit(dir, Split.TRAIN, SyntheticImages.cycling(10, 3, 32, 32, 1));
        IdxWriter.write(dir.resolve("data_batch_1.bin"), new byte[0]);
        assertRejected("data_batch_1.bin", "bad size", "0 bytes");
    }

    @Test
    void labelOutOfRange() throws Exception {
        CifarWriter.writeSplit(dir, Split.TRAIN, SyntheticImages.cycling(10, 3, 32, 32, 1));
        byte[] batch = Files.readAllBytes(dir.resolve("data_batch_2.bin"));
        batch[3073] = 57;
        IdxWriter.write(dir.resolve("data_batch_2.bin"), batch);
        assertRejected("data_batch_2.bin", "label out of range", "label 57", "record 1");
    }

    @Test
    void missingBatchSaysWhereToGetTheBinaryVersion() throws Exception {
        CifarWriter.writeSplit(dir, Split.TRAIN, SyntheticImages.cycling(10, 3, 32, 32, 1));
        Files.delete(dir.resolve("data_batch_3.bin"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(Split.TRAIN));
        assertTrue(e.getMessage().contains("data_batch_3.bin"), e.getMessage());
        assertTrue(e.getMessage().contains(DatasetFiles.CIFAR10_BINARY_URL), e.getMessage());
    }
}
