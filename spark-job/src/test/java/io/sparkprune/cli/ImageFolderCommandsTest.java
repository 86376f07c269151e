package io.sparkprune.cli;

import io.sparkprune.data.ImageFolderWriter;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.data.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code data.name = image-folder} through every command that trains or prunes, as a user runs
 * them: a .tar.gz of PNG files in four class folders (so four output units, not ten), augmented
 * with crop-flip and normalized per channel.
 */
class ImageFolderCommandsTest {
    static final List<String> CLASSES = List.of("circle", "cross", "square", "star");

    @TempDir
    static Path dir;
    static Path archive;
    static Path conf;

    /** Pattern images of classes 0..3 only: learnable, and four classes. */
    static LabeledImages fourClasses(int count, long seed) {
        LabeledImages all = PatternImages.of(count * 3, 1, 28, 28, seed);
        int[] keep = IntStream.range(0, all.count()).filter(i -> all.label(i) < 4).limit(count).toArray();
        LabeledImages kept = all.select(keep);
        byte[] pixels = new byte[kept.count() * kept.pixelsPerImage()];
        byte[] labels = new byte[kept.count()];
        for (int i = 0; i < kept.count(); i++) {
            labels[i] = (byte) kept.label(i);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    pixels[i * 784 + y * 28 + x] = (byte) kept.pixel(i, 0, y, x);
                }
            }
        }
        return LabeledImages.of(pixels, labels, 4, 1, 28, 28);
    }

    @BeforeAll
    static void writeImages() throws Exception {
        Path folder = dir.resolve("shapes");
        ImageFolderWriter.write(folder, Split.TRAIN, fourClasses(400, 1), CLASSES, "png");
        ImageFolderWriter.write(folder, Split.TEST, fourClasses(100, 2), CLASSES, "png");
        archive = dir.resolve("shapes.tar.gz");
        ImageFolderWriter.tar(folder, archive, true);
        conf = dir.resolve("shapes.conf");
        Files.writeString(conf, String.join("\n", "data.name = image-folder", "data.dir = \"" + archive + "\"",
                "data.augment = crop-flip", "data.normalize = per-channel", "model.arch = lenet5",
                "train.epochs = 2", "train.batch-size = 32", "train.lr = 0.003", "regularizer.type = none",
                "prune.threshold = 0.05"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Path file) throws Exception {
        return new ObjectMapper().readValue(Files.readString(file), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainRecordsClassesAndScalingThenPruneReadsTheRecord() throws Exception {
        Path out = dir.resolve("run");
        CliResult r = CliResult.run("train", "--config", conf.toString(), "--master", "local[2]", "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> summary = json(out.resolve("summary.json"));
        Map<String, Object> config = (Map<String, Object>) summary.get("config");
        assertEquals(CLASSES, config.get("data.classes"), "class ids recorded: sorted folder names");
        assertEquals(28, config.get("data.height"));
        assertEquals(1, config.get("data.channels"));
        Map<String, Object> data = (Map<String, Object>) summary.get("data");
        assertEquals(400, data.get("train_images"));
        assertEquals(1, ((List<?>) data.get("pixel_mean")).size());
        double mean = ((Number) ((List<?>) data.get("pixel_mean")).get(0)).doubleValue();
        assertTrue(mean > 0.05 && mean < 0.5, "mean of pixel/255 over the training images: " + mean);
        double accuracy = ((Number) summary.get("accuracy_before_prune")).doubleValue();
        assertTrue(accuracy > 0.5, "four learnable classes, chance 0.25: " + accuracy);

        CliResult pruned = CliResult.run("prune", "--model", out.resolve("model.zip").toString(), "--thresholds",
                "0.0,0.05");
        assertEquals(0, pruned.exitCode(), pruned.err());
        String csv = Files.readString(out.resolve("prune/prune-results.csv"));
        // tau = 0 keeps every filter: the pruned network is the trained one, on the same test images.
        assertTrue(csv.lines().skip(1).findFirst().orElseThrow().contains(String.valueOf(accuracy)),
                csv + " vs " + accuracy);
    }

    @Test
    void bothSweepModesTrainImageFolders() throws Exception {
        for (String mode : List.of("grid-parallel", "data-parallel")) {
            Path out = dir.resolve("sweep-" + mode);
            CliResult r = CliResult.run("sweep", "--config", conf.toString(), "--master", "local[2]", "--out",
                    out.toString(), "--set", "spark.mode=" + mode, "--set", "train.epochs=1",
                    "--set", "sweep.grid.train.seed=[1,2]", "--set", "sweep.grid.prune.threshold=[0,0.1]");
            assertEquals(0, r.exitCode(), mode + ": " + r.err());
            List<String> rows = Files.readAllLines(out.resolve("results.csv"));
            assertEquals(5, rows.size(), mode + ": header + 2 points x 2 thresholds");
            assertTrue(rows.stream().skip(1).noneMatch(l -> l.contains(",failed,")), String.join("\n", rows));
        }
    }
}
