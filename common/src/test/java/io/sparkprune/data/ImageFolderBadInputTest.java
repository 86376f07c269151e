package io.sparkprune.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static io.sparkprune.data.ImageFolderReadingTest.CONF;
import static io.sparkprune.data.ImageFolderReadingTest.config;
import static io.sparkprune.data.ImageFolderReadingTest.writeFolder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad image folder fails with one line naming the file and what is wrong. */
class ImageFolderBadInputTest {
    @TempDir
    Path dir;

    private DataFormatException failure(String location) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> {
            for (Split split : Split.values()) {
                Datasets.load(config(location), split, CONF);
            }
        });
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e;
    }

    private Path lastImage(String split, String cls) throws Exception {
        try (var files = Files.list(dir.resolve(split).resolve(cls))) {
            return files.sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    @Test
    void truncatedJpegNamesTheFile() throws Exception {
        writeFolder(dir, 3, 9, 1);
        BufferedImage image = ImageIO.read(lastImage("train", "moth").toFile());
        Path jpeg = dir.resolve("train/moth/9999.jpg");
        ImageIO.write(image, "jpg", jpeg.toFile());
        byte[] bytes = Files.readAllBytes(jpeg);
        Files.write(jpeg, Arrays.copyOf(bytes, bytes.length / 2));
        String m = failure(dir.toString()).getMessage();
        assertTrue(m.contains("train/moth/9999.jpg: corrupt image"), m);
    }

    @Test
    void truncatedPngNamesTheFile() throws Exception {
        writeFolder(dir, 3, 9, 2);
        Path png = lastImage("train", "zebra");
        byte[] bytes = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(bytes, bytes.length / 2));
        String m = failure(dir.toString()).getMessage();
        assertTrue(m.contains(png.getFileName().toString()) && m.contains("corrupt image"), m);
    }

    @Test
    void emptyClassFolderIsNamed() throws Exception {
        writeFolder(dir, 3, 9, 3);
        Files.createDirectories(dir.resolve("train/wasp"));
        String m = failure(dir.toString()).getMessage();
        assertTrue(m.contains("train/wasp") && m.contains("empty class folder"), m);
    }

    @Test
    void fileThatIsNotAnImageIsNamed() throws Exception {
        writeFolder(dir, 3, 9, 4);
        Files.writeString(dir.resolve("train/ant/notes.txt"), "not a picture");
        String m = failure(dir.toString()).getMessage();
        assertTrue(m.contains("notes.txt") && m.contains("not an image file"), m);
    }

    @Test
    void textNamedLikeAnImageIsNamed() throws Exception {
        writeFolder(dir, 3, 9, 5);
        Files.writeString(dir.resolve("train/ant/fake.png"), "not a picture either");
        String m = failure(dir.toString()).getMessage();
        assertTrue(m.contains("fake.png") && m.contains("not an image"), m);
    }

    @Test
    void mixedSizesNameTheOddImage() throws Exception {
        writeFolder(dir, 3, 9, 6);
        Path odd = dir.resolve("train/zebra/9999.png");
        ImageIO.write(new BufferedImage(11, 12, BufferedImage.TYPE_INT_RGB), "png", odd.toFile());
        String m = failure(dir.toString()).getMessage();
        assertTrue(m.contains("9999.png") && m.contains("mixed sizes") && m.contains("12x11"), m);
    }

    @Test
    void gzipThatIsNotATarIsNamed() throws Exception {
        Path fake = dir.resolve("images.tar.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(fake))) {
            out.write("just some text, not a tar archive\n".repeat(40).getBytes());
        }
        String m = failure(fake.toString()).getMessage();
        assertTrue(m.contains("images.tar.gz") && m.contains("not a") && m.contains("tar archive"), m);
    }

    @Test
    void bytesThatAreNotAnArchiveAreNamed() throws Exception {
        Path fake = dir.resolve("images.tar.gz");
        Files.writeString(fake, "hello");
        String m = failure(fake.toString()).getMessage();
        assertTrue(m.contains("images.tar.gz") && m.contains("tar archive"), m);
    }

    @Test
    void missingTestSplitIsNamed() throws Exception {
        writeFolder(dir, 3, 9, 7);
        try (var walk = Files.walk(dir.resolve("test"))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        String m = failure(dir.toString()).getMessage();
        assertTrue(m.contains("no test/ split"), m);
    }

    @Test
    void missingTrainSplitIsNamed() throws Exception {
        Path folder = dir.resolve("images");
        writeFolder(folder, 3, 9, 8);
        try (var walk = Files.walk(folder.resolve("train"))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Path tgz = dir.resolve("images.tar.gz");
        ImageFolderWriter.tar(folder, tgz, true);
        for (String location : List.of(folder.toString(), tgz.toString())) {
            String m = failure(location).getMessage();
            assertTrue(m.contains("no train/ split"), m);
        }
    }

    @Test
    void truncatedArchiveIsNamed() throws Exception {
        Path folder = dir.resolve("images");
        writeFolder(folder, 3, 30, 9);
        Path tgz = dir.resolve("images.tar.gz");
        ImageFolderWriter.tar(folder, tgz, true);
        byte[] bytes = Files.readAllBytes(tgz);
        Files.write(tgz, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        String m = failure(tgz.toString()).getMessage();
        assertTrue(m.contains("images.tar.gz") && (m.contains("truncated") || m.contains("not a readable tar")), m);
    }
}
