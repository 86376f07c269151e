package io.sparkprune.compat;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.PatternImages;
import io.sparkprune.model.Networks;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frozen model fixtures under {@code src/test/resources/frozen-models/<version>/}: small
 * LeNet-5s (width 0.25) with each custom penalty, the fast convolution and the linear learning-rate
 * schedule, trained one epoch on pattern images and saved as {@code train} saves them (with the
 * updater), each beside {@code expected.json}: its penalty, and on {@link #input()} its hidden
 * layer's activations (which the softmax outputs, nearly one-hot, would hide) and its outputs.
 * {@link FrozenModelsTest} loads them with the current code and compares.
 *
 * <p>Regenerate only when a release deliberately adds a version's set, into a new version folder
 * (never over an old one; an old folder is the point):
 * {@code mvn -B -ntp -o -pl common test -Dtest=FrozenModelsTest#generate -Dsparkprune.freeze=0.2.0}
 */
final class FrozenModels {
    static final Path ROOT = Path.of("src", "test", "resources", "frozen-models");
    static final String MODEL = "model.zip";
    static final String EXPECTED = "expected.json";
    /** conv, pool, conv, pool, dense: the dense layer's index. */
    static final int HIDDEN_LAYER = 4;

    /** Name -> the {@code --set} overrides of the run that produced it. */
    static final Map<String, List<String>> FIXTURES = fixtures();

    private FrozenModels() {
    }

    private static Map<String, List<String>> fixtures() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("lenet5-l1l2-filter", List.of("regularizer.type=l1l2", "regularizer.group=filter"));
        m.put("lenet5-l1l2-channel-dense", List.of("regularizer.type=l1l2", "regularizer.group=channel",
                "regularizer.dense=true"));
        m.put("lenet5-ssl-filter+channel", List.of("regularizer.type=ssl", "regularizer.group=filter+channel"));
        m.put("lenet5-hoyer-square-linear", List.of("regularizer.type=hoyer-square", "train.lr-schedule=linear",
                "train.epochs=2"));
        return m;
    }

    static RunConfig config(List<String> sets) {
        List<String> all = new java.util.ArrayList<>(List.of("model.arch=lenet5", "model.width=0.25",
                "model.convolution=fast", "regularizer.lambda=0.01", "train.lr=0.003", "train.seed=7"));
        all.addAll(sets);
        return ConfigLoader.runConfig(ConfigLoader.load(null, all));
    }

    /** Four MNIST-shaped images from a formula: the same in every version, whatever its data code does. */
    static INDArray input() {
        int n = 4;
        int side = 28;
        float[] pixels = new float[n * side * side];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    pixels[(i * side + y) * side + x] = ((i * 7919 + y * 31 + x * 17 + x * y) % 256) / 255f;
                }
            }
        }
        return Nd4j.create(pixels, new long[]{n, 1, side, side}, DataType.FLOAT);
    }

    /** The dense hidden layer's activations on {@link #input()}: every conv and pooling layer feeds them. */
    static INDArray hidden(MultiLayerNetwork net) {
        return net.feedForwardToLayer(HIDDEN_LAYER, input(), false).get(HIDDEN_LAYER + 1);
    }

    /** Trains and writes every fixture into {@code dir} (one folder each). */
    static void write(Path dir) throws IOException {
        for (Map.Entry<String, List<String>> f : FIXTURES.entrySet()) {
            RunConfig cfg = config(f.getValue());
            MultiLayerNetwork net = Networks.create(cfg);
            LocalTrainer.fit(net, PatternImages.mnistShaped(320, 11), cfg.train().epochs(), 32, cfg.train().seed());
            Path out = Files.createDirectories(dir.resolve(f.getKey()));
            ModelSerializer.writeModel(net, out.resolve(MODEL).toFile(), true);
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("config", cfg.toFlatMap());
            expected.put("regularization_score", net.calcRegularizationScore(true));
            expected.put("hidden", hidden(net).toFloatMatrix());
            expected.put("outputs", net.output(input(), false).toFloatMatrix());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(EXPECTED).toFile(), expected);
        }
    }
}
