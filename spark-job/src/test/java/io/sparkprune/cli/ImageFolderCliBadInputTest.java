package io.sparkprune.cli;

import io.sparkprune.data.ImageFolderWriter;
import io.sparkprune.data.Split;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each bad image folder makes {@code train} exit 2 with one line naming the file and what is
 * wrong, and nothing is written to --out.
 */
class ImageFolderCliBadInputTest {
    @TempDir
    Path dir;
    Path images;

    @BeforeEach
    void goodFolder() throws Exception {
        images = dir.resolve("images");
        ImageFolderWriter.write(images, Split.TRAIN, ImageFolderCommandsTest.fourClasses(40, 3),
                ImageFolderCommandsTest.CLASSES, "png");
        ImageFolderWriter.write(images, Split.TEST, ImageFolderCommandsTest.fourClasses(12, 4),
                ImageFolderCommandsTest.CLASSES, "png");
    }

    /** Runs train on {@code data}; checks exit 2, one line naming {@code named}, and an untouched OUT. */
    private String rejected(Path data, String named) throws Exception {
        Path out = dir.resolve("out");
        CliResult r = CliResult.run("train", "--master", "local[1]", "--config", write("data.dir = \"" + data + "\""),
                "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(named), r.err());
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.walk(out)) {
                assertEquals(1, files.count(), "nothing written to --out");
            }
        }
        return r.err();
    }

    private String write(String line) throws Exception {
        Path conf = dir.resolve("run.conf");
        Files.writeString(conf, "data.name = image-folder\nmodel.arch = lenet5\ntrain.epochs = 1\n" + line + "\n");
        return conf.toString();
    }

    private Path lastFile(String folder) throws Exception {
        try (Stream<Path> files = Files.list(images.resolve(folder))) {
            return files.max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    private static void deleteTree(Path p) throws Exception {
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    void corruptImage() throws Exception {
        Path png = lastFile("train/star");
        byte[] bytes = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(rejected(images, png.getFileName().toString()).contains("corrupt image"));
    }

    @Test
    void emptyClassFolder() throws Exception {
        Files.createDirectories(images.resolve("train/triangle"));
        assertTrue(rejected(images, "train/triangle").contains("empty class folder"));
    }

    @Test
    void fileThatIsNotAnImage() throws Exception {
        Files.writeString(images.resolve("train/cross/README.txt"), "drawn by hand");
        assertTrue(rejected(images, "README.txt").contains("not an image file"));
    }

    @Test
    void mixedSizes() throws Exception {
        Path odd = images.resolve("train/square/9999.png");
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY), "png", odd.toFile());
        assertTrue(rejected(images, "9999.png").contains("mixed sizes"));
    }

    @Test
    void tarGzThatIsNotAnArchive() throws Exception {
        Path fake = dir.resolve("images.tar.gz");
        Files.writeString(fake, "<html>404 Not Found</html>");
        assertTrue(rejected(fake, "images.tar.gz").contains("tar archive"));
    }

    @Test
    void missingTrainSplit() throws Exception {
        deleteTree(images.resolve("train"));
        assertTrue(rejected(images, "images").contains("no train/ split"));
    }

    @Test
    void missingTestSplit() throws Exception {
        deleteTree(images.resolve("test"));
        assertTrue(rejected(images, "images").contains("no test/ split"));
    }
}
