package io.sparkprune.cli;

import io.sparkprune.config.DatasetName;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Split;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.model.Networks;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CIFAR-10 from JPEGs as a user gets it: {@code data import cifar10} of a class-balanced slice of
 * the JPEG re-encoding (test resource, see cifar10-jpg-subset.md), then a small VGG-16 from the
 * shipped config trained on what it wrote. Real images, so accuracy must beat chance (10%) widely.
 */
class CifarJpegImportTest {
    private static final Path SUBSET = Path.of("src", "test", "resources", "cifar10-jpg-subset.tar.gz");
    private static final int EPOCHS = 5;

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

        // Train in this JVM (LocalTrainer: what a grid-parallel task runs): the shipped VGG-16 config,
        // smaller, on what the import wrote.
        RunConfig cfg = ConfigLoader.runConfig(ConfigLoader.load(Path.of("..", "conf", "vgg16-cifar10.conf"),
                List.of("data.dir=\"" + data + "\"", "model.width=0.125", "train.batch-size=32", "train.lr=0.002",
                        "data.normalize=per-channel", "regularizer.lambda=0")));
        LabeledImages images = Datasets.load(cfg.data(), Split.TRAIN, new Configuration());
        LabeledImages test = Datasets.testFor(cfg.data(), images, new Configuration());
        MultiLayerNetwork net = Networks.create(cfg);
        LocalTrainer.fit(net, images, EPOCHS, cfg.train().batchSize(), cfg.train().seed());
        double accuracy = LocalTrainer.accuracy(net, test, 250);
        System.out.println("CIFAR-10 JPEG subset (3,000 train / 1,000 test), VGG-16 width 0.125, " + EPOCHS
                + " epochs: test accuracy " + accuracy);
        assertTrue(accuracy > 0.25, "a VGG trained on 3,000 real CIFAR-10 images beats chance (0.10) widely: "
                + accuracy);
    }
}
