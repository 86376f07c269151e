package io.sparkprune.data;

import io.sparkprune.config.Augmentation;
import io.sparkprune.config.DataConfig;
import io.sparkprune.config.DatasetName;
import io.sparkprune.config.Normalization;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Image folders read from a folder, .tar, .tar.gz and a file:// URI, grey and colour, and their bad inputs. */
class ImageFolderReadingTest {
    static final Configuration CONF = new Configuration();
    /** Deliberately not in sorted order: labels follow the sorted names. */
    static final List<String> NAMES = List.of("zebra", "ant", "moth");

    @TempDir
    Path dir;

    /** Images with labels 0..2, written under NAMES[label]; returns them relabelled to sorted-name order. */
    static LabeledImages writeFolder(Path root, int channels, int count, long seed) throws Exception {
        LabeledImages train = relabelled(PatternImages.of(count, channels, 12, 10, seed));
        LabeledImages test = relabelled(PatternImages.of(count / 2, channels, 12, 10, seed + 1));
        ImageFolderWriter.write(root, Split.TRAIN, train, NAMES, "png");
        ImageFolderWriter.write(root, Split.TEST, test, NAMES, "png");
        return train;
    }

    /** Labels k mod 3, three classes. */
    private static LabeledImages relabelled(LabeledImages images) {
        int ppi = images.pixelsPerImage();
        byte[] pixels = new byte[images.count() * ppi];
        byte[] labels = new byte[images.count()];
        for (int i = 0; i < images.count(); i++) {
            labels[i] = (byte) (images.label(i) % 3);
            for (int c = 0; c < images.channels(); c++) {
                for (int y = 0; y < images.height(); y++) {
                    for (int x = 0; x < images.width(); x++) {
                        pixels[i * ppi + (c * images.height() + y) * images.width() + x] = (byte) images.pixel(i, c, y, x);
                    }
                }
            }
        }
        return LabeledImages.of(pixels, labels, 3, images.channels(), images.height(), images.width());
    }

    static DataConfig config(String location) {
        return ImageFolderShape.resolve(new DataConfig(DatasetName.IMAGE_FOLDER, location, 0, 0), CONF);
    }

    @Test
    void colourFolderReadsEveryPixelWithLabelsInSortedClassOrder() throws Exception {
        LabeledImages written = writeFolder(dir, 3, 30, 1);
        DataConfig cfg = config(dir.toString());
        assertEquals(List.of("ant", "moth", "zebra"), cfg.classes());
        assertEquals(12, cfg.height());
        assertEquals(10, cfg.width());
        assertEquals(3, cfg.channels());
        LabeledImages read = Datasets.load(cfg, Split.TRAIN, CONF);
        assertEquals(30, read.count());
        assertEquals(3, read.numClasses());
        // Read back class by class, files sorted: compare each read image to the written one with its name.
        int[] expectedCounts = new int[3];
        for (int i = 0; i < written.count(); i++) {
            expectedCounts[sortedLabel(written.label(i))]++;
        }
        assertArrayEquals(expectedCounts, read.classCounts());
        List<Integer> order = writtenOrderAsRead(written);
        for (int i = 0; i < read.count(); i++) {
            int w = order.get(i);
            assertEquals(sortedLabel(written.label(w)), read.label(i));
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 12; y++) {
                    for (int x = 0; x < 10; x++) {
                        assertEquals(written.pixel(w, c, y, x), read.pixel(i, c, y, x));
                    }
                }
            }
        }
    }

    /** NAMES[label] is at sorted position: zebra -> 2, ant -> 0, moth -> 1. */
    private static int sortedLabel(int writtenLabel) {
        return List.of("ant", "moth", "zebra").indexOf(NAMES.get(writtenLabel));
    }

    /** The written image indices in the order the reader lists them: by sorted class, then file name (= index). */
    private static List<Integer> writtenOrderAsRead(LabeledImages written) {
        return java.util.stream.IntStream.range(0, written.count()).boxed()
                .sorted(java.util.Comparator.comparingInt((Integer i) -> sortedLabel(written.label(i)))
                        .thenComparing(i -> i))
                .toList();
    }

    @Test
    void greyFolderReadsOneChannel() throws Exception {
        writeFolder(dir, 1, 12, 2);
        DataConfig cfg = config(dir.toString());
        assertEquals(1, cfg.channels());
        LabeledImages read = Datasets.load(cfg, Split.TEST, CONF);
        assertEquals(6, read.count());
        assertEquals(1, read.channels());
    }

    @Test
    void tarTarGzAndUriGiveTheSameImagesAsTheFolder() throws Exception {
        Path folder = dir.resolve("images");
        writeFolder(folder, 3, 20, 3);
        Path tar = dir.resolve("images.tar");
        Path tgz = dir.resolve("images.tar.gz");
        ImageFolderWriter.tar(folder, tar, false);
        ImageFolderWriter.tar(folder, tgz, true);
        for (Split split : Split.values()) {
            LabeledImages expected = Datasets.load(config(folder.toString()), split, CONF);
            for (String location : List.of(tar.toString(), tgz.toString(), tgz.toUri().toString(),
                    folder.toUri().toString())) {
                LabeledImages read = Datasets.load(config(location), split, CONF);
                assertEquals(expected.toDataSet(), read.toDataSet(), location + " " + split);
            }
        }
    }

    @Test
    void archiveWithOneTopFolderReads() throws Exception {
        Path folder = dir.resolve("pack");
        writeFolder(folder.resolve("mydata"), 3, 9, 4);
        Path tgz = dir.resolve("pack.tgz");
        ImageFolderWriter.tar(folder, tgz, true);
        assertEquals(9, Datasets.load(config(tgz.toString()), Split.TRAIN, CONF).count());
    }

    @Test
    void jpegImagesDecode() throws Exception {
        LabeledImages images = PatternImages.of(10, 3, 32, 32, 5);
        ImageFolderWriter.write(dir, Split.TRAIN, images, CifarImport.CLASSES, "jpg");
        ImageFolderWriter.write(dir, Split.TEST, images, CifarImport.CLASSES, "jpg");
        LabeledImages read = Datasets.load(config(dir.toString()), Split.TRAIN, CONF);
        assertEquals(10, read.count());
        assertEquals(3, read.channels());
    }

    @Test
    void perChannelNormalizationCentresTrainingDataAndScalesTestAlike() throws Exception {
        writeFolder(dir, 3, 30, 6);
        DataConfig base = config(dir.toString());
        DataConfig cfg = new DataConfig(base.name(), base.dir(), 0, 0, 0, base.height(), base.width(), base.channels(),
                base.classes(), Augmentation.NONE, Normalization.PER_CHANNEL);
        LabeledImages train = Datasets.load(cfg, Split.TRAIN, CONF);
        var features = train.toDataSet().getFeatures();
        for (int c = 0; c < 3; c++) {
            var channel = features.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(c));
            assertEquals(0, channel.meanNumber().doubleValue(), 1e-4, "channel " + c + " mean");
            assertEquals(1, channel.stdNumber().doubleValue(), 1e-2, "channel " + c + " std");
        }
        LabeledImages test = Datasets.load(cfg, Split.TEST, CONF);
        assertEquals(train.scaling(), test.scaling(), "the test set is scaled with the training set's statistics");
        assertEquals(test.scaling(), Datasets.testFor(cfg, train, CONF).scaling());
    }

    @Test
    void testClassUnknownToTrainingIsAnError() throws Exception {
        writeFolder(dir, 3, 9, 7);
        Path stray = dir.resolve("test/wasp");
        Files.createDirectories(stray);
        Files.copy(Files.list(dir.resolve("test/ant")).findFirst().orElseThrow(), stray.resolve("x.png"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Datasets.load(config(dir.toString()), Split.TEST, CONF));
        assertTrue(e.getMessage().contains("'wasp'"), e.getMessage());
    }
}
