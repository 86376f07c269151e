package io.sparkprune.spark.train;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.CifarWriter;
import io.sparkprune.data.IdxWriter;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.data.Split;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** MNIST-format files of a learnable pattern dataset, and configs that train on them in seconds. */
public final class TrainJobFixtures {
    static final LabeledImages TRAIN = PatternImages.mnistShaped(640, 21);
    static final LabeledImages TEST = PatternImages.mnistShaped(200, 22);

    private TrainJobFixtures() {
    }

    /** The IDX files of both splits, by file name. */
    static Map<String, byte[]> idxFiles() {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>(IdxWriter.splitFiles(Split.TRAIN, TRAIN, true));
        files.putAll(IdxWriter.splitFiles(Split.TEST, TEST, false));
        return files;
    }

    public static void writeIdx(Path dir) {
        idxFiles().forEach((name, bytes) -> IdxWriter.write(dir.resolve(name), bytes));
    }

    static RunConfig config(String dataDir, String... sets) {
        List<String> all = new ArrayList<>(List.of("data.dir=\"" + dataDir + "\"", "model.width=0.5",
                "train.epochs=2", "train.batch-size=32", "train.lr=0.003", "regularizer.type=l1l2",
                "regularizer.lambda=0.001", "prune.threshold=0.2", "spark.averaging-frequency=2"));
        all.addAll(List.of(sets));
        return ConfigLoader.runConfig(ConfigLoader.load(null, all));
    }

    /** CIFAR-10 binary files of learnable colour pattern images in {@code dir}: {@code train} and {@code test} images. */
    static Path writeCifar(Path dir, int train, int test) {
        CifarWriter.writeSplit(dir, Split.TRAIN, PatternImages.of(train, 3, 32, 32, 31));
        CifarWriter.writeSplit(dir, Split.TEST, PatternImages.of(test, 3, 32, 32, 32));
        return dir;
    }

    /** The shipped {@code conf/vgg16-cifar10.conf} on the CIFAR files in {@code dataDir}, with {@code sets}. */
    static RunConfig vggConfig(Path dataDir, String... sets) {
        List<String> all = new ArrayList<>(List.of("data.dir=\"" + dataDir.toUri() + "\""));
        all.addAll(List.of(sets));
        return ConfigLoader.runConfig(ConfigLoader.load(Path.of("..", "conf", "vgg16-cifar10.conf"), all));
    }

    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
