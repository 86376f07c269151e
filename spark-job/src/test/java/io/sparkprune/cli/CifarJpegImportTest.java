package io.sparkprune.cli;

import io.sparkprune.config.DatasetName;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Split;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CIFAR-10 from JPEGs as a user gets it: {@code data import cifar10} of a class-balanced slice of
 * the JPEG re-encoding (test resource, see cifar10-jpg-subset.md), then {@code train} with the
 * shipped VGG-16 config on what it wrote. Real images, so accuracy must beat chance (10%) widely.
 */
class CifarJpegImportTest {
    private static final Path SUBSET = Path.of("src", "test", "resources", "cifar10-jpg-subset.tar.gz");

    @TempDir
    Path dir;

    @Test
    void importedJpegSubsetTrainsASmallVggWellAboveChance() throws Exception {
        Path data = dir.resolve("cifar10");
        CliResult imported = CliResult.run("data", "import", "cifar10", "--from", SUBSET.toString(), "--dir",
                data.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("3,000 training and 1,000 test images"), imported.out());
        assertEquals(3000L * 3073 / 5, Files.size(data.resolve("data_batch_1.bin")), "balanced batch files");

        LabeledImages train = Datasets.readAll(DatasetName.CIFAR10, data.toString(), Split.TRAIN, new Configuration());
        assertArrayEquals(new int[] {300, 300, 300, 300, 300, 300, 300, 300, 300, 300}, train.classCounts());

        Path out = dir.resolve("run");
        CliResult trained = CliResult.run("train", "--config", Path.of("..", "conf", "vgg16-cifar10.conf").toString(),
                "--master", "local[2]", "--out", out.toString(), "--set", "data.dir=\"" + data + "\"",
                "--set", "model.width=0.0625", "--set", "train.epochs=8", "--set", "data.normalize=per-channel", "--set", "regularizer.lambda=0",
                "--set", "train.lr=0.003");
        assertEquals(0, trained.exitCode(), trained.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = new ObjectMapper().readValue(Files.readString(out.resolve("summary.json")),
                Map.class);
        double accuracy = ((Number) summary.get("accuracy_before_prune")).doubleValue();
        System.out.println("CIFAR-10 JPEG subset, VGG-16 width 0.0625: test accuracy " + accuracy);
        assertTrue(accuracy > 0.25, "a VGG trained on 3,000 real CIFAR-10 images beats chance (0.10) widely: "
                + accuracy);
    }
}
