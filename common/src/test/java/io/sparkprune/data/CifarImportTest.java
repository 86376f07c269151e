package io.sparkprune.data;

import io.sparkprune.config.DatasetName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code data import cifar10}: an image folder of CIFAR-10's classes into the binary batches, pixel for pixel. */
class CifarImportTest {
    @TempDir
    Path dir;

    /** Every image as "label:pixels", sorted: the import reorders records on purpose. */
    private static List<String> contents(LabeledImages images) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < images.count(); i++) {
            byte[] p = new byte[images.pixelsPerImage()];
            int at = 0;
            for (int c = 0; c < images.channels(); c++) {
                for (int y = 0; y < images.height(); y++) {
                    for (int x = 0; x < images.width(); x++) {
                        p[at++] = (byte) images.pixel(i, c, y, x);
                    }
                }
            }
            all.add(images.label(i) + ":" + Arrays.toString(p));
        }
        all.sort(null);
        return all;
    }

    @Test
    void losslessImagesComeBackExactlyAsCifarBatches() throws Exception {
        LabeledImages train = PatternImages.of(53, 3, 32, 32, 1);
        LabeledImages test = PatternImages.of(20, 3, 32, 32, 2);
        Path images = dir.resolve("images");
        ImageFolderWriter.write(images, Split.TRAIN, train, CifarImport.CLASSES, "png");
        ImageFolderWriter.write(images, Split.TEST, test, CifarImport.CLASSES, "png");
        Path out = dir.resolve("cifar10");
        assertArrayEquals(new int[] {53, 20}, CifarImport.run(images.toString(), out, ImageFolderReadingTest.CONF));

        LabeledImages back = Datasets.readAll(DatasetName.CIFAR10, out.toString(), Split.TRAIN,
                ImageFolderReadingTest.CONF);
        assertEquals(contents(train), contents(back));
        assertEquals(contents(test), contents(Datasets.readAll(DatasetName.CIFAR10, out.toString(), Split.TEST,
                ImageFolderReadingTest.CONF)));
        assertEquals(11 * 3073L, Files.size(out.resolve("data_batch_1.bin")), "53 records over 5 batches: 11 each");
        assertEquals(9 * 3073L, Files.size(out.resolve("data_batch_5.bin")));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(6, files.count(), "the six batches, no work folder left");
        }
        int[] firstBatchLabels = new int[11];
        for (int i = 0; i < 11; i++) {
            firstBatchLabels[i] = back.label(i);
        }
        assertTrue(Arrays.stream(firstBatchLabels).distinct().count() > 3, "records are mixed, not class by class");
    }

    @Test
    void foldersThatAreNotCifarClassesAreRefused() throws Exception {
        Path images = dir.resolve("images");
        ImageFolderWriter.write(images, Split.TRAIN, PatternImages.of(12, 3, 32, 32, 3), List.of("a", "b", "c", "d",
                "e", "f", "g", "h", "i", "j"), "png");
        ImageFolderWriter.write(images, Split.TEST, PatternImages.of(12, 3, 32, 32, 4), CifarImport.CLASSES, "png");
        Path out = dir.resolve("cifar10");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CifarImport.run(images.toString(), out, ImageFolderReadingTest.CONF));
        assertTrue(e.getMessage().contains("not CIFAR-10"), e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void imagesThatAreNot32x32AreRefused() throws Exception {
        Path images = dir.resolve("images");
        ImageFolderWriter.write(images, Split.TRAIN, PatternImages.of(80, 3, 28, 28, 5), CifarImport.CLASSES, "png");
        ImageFolderWriter.write(images, Split.TEST, PatternImages.of(80, 3, 28, 28, 6), CifarImport.CLASSES, "png");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CifarImport.run(images.toString(), dir.resolve("out"), ImageFolderReadingTest.CONF));
        assertTrue(e.getMessage().contains("CIFAR-10") && e.getMessage().contains("32x32"), e.getMessage());
    }

    @Test
    void existingBatchesAreNotOverwritten() throws Exception {
        Path images = dir.resolve("images");
        ImageFolderWriter.write(images, Split.TRAIN, PatternImages.of(80, 3, 32, 32, 7), CifarImport.CLASSES, "png");
        ImageFolderWriter.write(images, Split.TEST, PatternImages.of(80, 3, 32, 32, 8), CifarImport.CLASSES, "png");
        Path out = Files.createDirectories(dir.resolve("cifar10"));
        Files.writeString(out.resolve("test_batch.bin"), "mine");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CifarImport.run(images.toString(), out, ImageFolderReadingTest.CONF));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("mine", Files.readString(out.resolve("test_batch.bin")));
    }
}
