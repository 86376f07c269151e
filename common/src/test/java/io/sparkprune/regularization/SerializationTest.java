package io.sparkprune.regularization;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.model.Networks;
import io.sparkprune.model.PenalizedBatchNormalization;
import io.sparkprune.regularization.Variants.Variant;
import org.apache.commons.lang3.SerializationUtils;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network configuration carrying each regularizer survives DL4J JSON, the model zip and Java
 * serialization (what Spark broadcasts) unchanged, and the restored network still trains.
 */
class SerializationTest {

    static Stream<Variant> variants() {
        return Variants.all().stream();
    }

    private static RunConfig config(Variant v) {
        return ConfigLoader.runConfig(ConfigLoader.load(null, List.of("model.arch=lenet5", "model.width=0.25",
                "regularizer.type=" + v.type().configName(), "regularizer.group=" + v.group().configName(),
                "regularizer.lambda=1e-3", "regularizer.dense=true")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void roundTripsThroughJsonZipAndJavaSerialization(Variant v, @TempDir Path dir) throws Exception {
        MultiLayerConfiguration conf = Networks.configuration(config(v));
        List<Regularization> convPenalty = conf.getConf(0).getLayer().getRegularizationByParam("W");
        assertEquals(1, convPenalty.size(), "conv weights carry the penalty");
        assertTrue(conf.getConf(0).getLayer().getRegularizationByParam("b").isEmpty(), "never on biases");

        String json = conf.toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        assertEquals(convPenalty, back.getConf(0).getLayer().getRegularizationByParam("W"));
        assertEquals(conf, SerializationUtils.clone(conf));

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        File zip = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, zip, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(zip, true);
        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(net.params(), restored.params());

        // the restored copy trains, and its reported score includes the penalty
        Nd4j.getRandom().setSeed(1);
        DataSet ds = new DataSet(Nd4j.rand(4, 1, 28, 28), Nd4j.eye(10).getRows(0, 1, 2, 3));
        var before = restored.params().dup();
        restored.fit(ds);
        assertTrue(Double.isFinite(restored.score()));
        assertTrue(restored.calcRegularizationScore(true) > 0);
        assertNotEquals(before, restored.params());
    }

    /** VGG's gamma penalty (target auto) survives JSON, zip and Java serialization; target weights keeps plain BN. */
    @org.junit.jupiter.api.Test
    void batchNormScalePenaltyRoundTrips(@TempDir Path dir) throws Exception {
        RunConfig cfg = ConfigLoader.runConfig(ConfigLoader.load(null, List.of("model.arch=vgg16", "data.name=cifar10",
                "model.width=0.0625", "regularizer.type=l1l2", "regularizer.lambda=0.01")));
        MultiLayerConfiguration conf = Networks.configuration(cfg);
        var bn = (PenalizedBatchNormalization) conf.getConf(1).getLayer();
        assertEquals(List.of(NormRatioRegularization.l1OverL2(0.01, LayerShape.scales(4), Grouping.FILTER)),
                bn.getRegularizationByParam("gamma"));
        assertNull(bn.getRegularizationByParam("beta"));
        assertTrue(conf.getConf(0).getLayer().getRegularizationByParam("W").isEmpty(), "auto: not on the conv weights");

        String json = conf.toJson();
        assertTrue(json.contains(PenalizedBatchNormalization.class.getName()), "the JSON names the class");
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        assertEquals(bn.getRegularizationByParam("gamma"), back.getConf(1).getLayer().getRegularizationByParam("gamma"));
        assertEquals(conf, SerializationUtils.clone(conf));

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        File zip = dir.resolve("vgg.zip").toFile();
        ModelSerializer.writeModel(net, zip, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(zip, true);
        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertTrue(restored.calcRegularizationScore(true) > 0, "the restored gamma penalty counts");

        // target = weights: the configuration DL4J's plain batch norm has always had (what old model.zip files hold;
        // model.convolution = fast now builds FastBatchNormalization there, dl4j still the plain class)
        MultiLayerConfiguration weights = Networks.configuration(ConfigLoader.withOverrides(cfg,
                List.of("regularizer.target=weights", "model.convolution=dl4j")));
        assertEquals(org.deeplearning4j.nn.conf.layers.BatchNormalization.class, weights.getConf(1).getLayer().getClass());
        MultiLayerNetwork plain = new MultiLayerNetwork(weights);
        plain.init();
        File old = dir.resolve("plain.zip").toFile();
        ModelSerializer.writeModel(plain, old, true);
        assertEquals(weights, ModelSerializer.restoreMultiLayerNetwork(old, true).getLayerWiseConfigurations());
    }
}
