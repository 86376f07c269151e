package io.sparkprune.data;

import io.sparkprune.config.DatasetName;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IDX files, raw and gzip, read back exactly; each kind of broken file rejected with a telling message. */
class IdxReadingTest {
    private static final Configuration CONF = new Configuration();
    private static final String IMAGES = "train-images-idx3-ubyte";
    private static final String LABELS = "train-labels-idx1-ubyte";

    @TempDir
    Path dir;

    private final LabeledImages written = SyntheticImages.mnistLike(37, 5);

    private LabeledImages read() {
        return Datasets.readAll(DatasetName.MNIST, dir.toString(), Split.TRAIN, CONF);
    }

    private DataFormatException rejected(String file, String... problem) {
        DataFormatException e = assertThrows(DataFormatException.class, this::read);
        assertTrue(e.getMessage().contains(dir.resolve(file).toString()), "names the file: " + e.getMessage());
        for (String p : problem) {
            assertTrue(e.getMessage().contains(p), "says '" + p + "': " + e.getMessage());
        }
        return e;
    }

    private static void assertSameImages(LabeledImages expected, LabeledImages actual) {
        assertEquals(expected.count(), actual.count());
        assertEquals(expected.toDataSet(), actual.toDataSet());
        assertEquals(expected.pixel(36, 0, 27, 27), actual.pixel(36, 0, 27, 27));
    }

    @Test
    void rawFilesReadBackExactly() {
        IdxWriter.writeSplit(dir, Split.TRAIN, written, false);
        LabeledImages back = read();
        assertSameImages(written, back);
        assertEquals(1, back.channels());
        assertArrayEquals(new long[] {37, 1, 28, 28}, back.toDataSet().getFeatures().shape());
    }

    @Test
    void gzipFilesReadBackExactly() {
        IdxWriter.writeSplit(dir, Split.TRAIN, written, true);
        assertSameImages(written, read());
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesNotItsName() {
        IdxWriter.write(dir.resolve(IMAGES), IdxWriter.gzip(IdxWriter.imagesBytes(written)));
        IdxWriter.write(dir.resolve(LABELS), IdxWriter.labelsBytes(written));
        assertSameImages(written, read());
    }

    @Test
    void readsThroughAFileUri() {
        IdxWriter.writeSplit(dir, Split.TEST, written, true);
        LabeledImages back = Datasets.readAll(DatasetName.FASHION_MNIST, dir.toUri().toString(), Split.TEST, CONF);
        assertTrue(dir.toUri().toString().startsWith("file:"));
        assertSameImages(written, back);
    }

    @Test
    void wrongMagicNumber() {
        IdxWriter.writeSplit(dir, Split.TRAIN, written, false);
        IdxWriter.write(dir.resolve(IMAGES), IdxWriter.withInt(IdxWriter.imagesBytes(written), 0, 1234));
        rejected(IMAGES, "wrong magic number 1234", "expected 2051");
    }

    @Test
    void swappedImageAndLabelFilesAreNamedAsSuch() {
        IdxWriter.write(dir.resolve(IMAGES), IdxWriter.labelsBytes(written));
        IdxWriter.write(dir.resolve(LABELS), IdxWriter.imagesBytes(written));
        rejected(IMAGES, "wrong magic number 2049", "swapped");
    }

    @Test
    void imageAndLabelCountsDiffer() {
        IdxWriter.writeSplit(dir, Split.TRAIN, written, false);
        IdxWriter.write(dir.resolve(LABELS), IdxWriter.labelsBytes(written.slice(0, 36)));
        DataFormatException e = rejected(IMAGES, "37 images", "36 labels");
        assertTrue(e.getMessage().contains(dir.resolve(LABELS).toString()), e.getMessage());
    }

    @Test
    void imagesOfTheWrongSize() {
        LabeledImages big = SyntheticImages.cycling(4, 1, 32, 32, 1);
        IdxWriter.writeSplit(dir, Split.TRAIN, big, false);
        rejected(IMAGES, "32x32", "28x28");
    }

    @Test
    void headerCountLargerThanTheFile() {
        IdxWriter.writeSplit(dir, Split.TRAIN, written, false);
        IdxWriter.write(dir.resolve(IMAGES), IdxWriter.withInt(IdxWriter.imagesBytes(written), 4, 60000));
        rejected(IMAGES, "truncated", "60000 images");
    }

    @Test
    void truncatedRawFile() {
        IdxWriter.writeSplit(dir, Split.TRAIN, written, false);
        byte[] full = IdxWriter.imagesBytes(written);
        IdxWriter.write(dir.resolve(IMAGES), Arrays.copyOf(full, full.length - 100));
        rejected(IMAGES, "truncated", String.valueOf(full.length - 100));
    }

    @Test
    void truncatedGzipFile() {
        IdxWriter.writeSplit(dir, Split.TRAIN, written, true);
        byte[] full = IdxWriter.gzip(Arrays.copyOf(IdxWriter.imagesBytes(written), 16 + 30 * 784));
        IdxWriter.write(dir.resolve(IMAGES + ".gz"), full);
        rejected(IMAGES + ".gz", "truncated");
    }

    @Test
    void cutGzipStream() {
        IdxWriter.writeSplit(dir, Split.TRAIN, written, true);
        byte[] gz = IdxWriter.gzip(IdxWriter.labelsBytes(written));
        IdxWriter.write(dir.resolve(LABELS + ".gz"), Arrays.copyOf(gz, gz.length - 12));
        rejected(LABELS + ".gz", "truncated");
    }

    @Test
    void trailingBytesBeyondTheHeaderCount() {
        IdxWriter.writeSplit(dir, Split.TRAIN, written, false);
        IdxWriter.write(dir.resolve(LABELS), IdxWriter.withInt(IdxWriter.labelsBytes(written), 4, 30));
        rejected(LABELS, "size mismatch", "30 labels");
    }

    @Test
    void trailingBytesAfterTheLastImage() {
        IdxWriter.writeSplit(dir, Split.TRAIN, written, true);
        byte[] images = IdxWriter.imagesBytes(written);
        IdxWriter.write(dir.resolve(IMAGES + ".gz"), IdxWriter.gzip(Arrays.copyOf(images, images.length + 784)));
        rejected(IMAGES + ".gz", "size mismatch", "37 images of 28x28");
    }

    @Test
    void labelOutOfRange() {
        IdxWriter.writeSplit(dir, Split.TRAIN, written, false);
        byte[] labels = IdxWriter.labelsBytes(written);
        labels[8 + 17] = 12;
        IdxWriter.write(dir.resolve(LABELS), labels);
        rejected(LABELS, "label out of range", "label 12", "index 17");
    }

    @Test
    void missingFileListsTheNamesLookedForAndHowToFetch() {
        IdxWriter.write(dir.resolve(IMAGES), IdxWriter.imagesBytes(written));
        DataFormatException e = assertThrows(DataFormatException.class, this::read);
        assertTrue(e.getMessage().contains(LABELS + ", " + LABELS + ".gz"), e.getMessage());
        assertTrue(e.getMessage().contains("sparkprune data fetch mnist"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void missingDirectoryIsSaidToBeMissing() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.readAll(
                DatasetName.FASHION_MNIST, dir.resolve("nope").toString(), Split.TEST, CONF));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("sparkprune data fetch fashion-mnist"), e.getMessage());
    }
}
