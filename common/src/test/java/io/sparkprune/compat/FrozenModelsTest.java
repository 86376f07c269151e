package io.sparkprune.compat;

import io.sparkprune.io.ModelFiles;
import io.sparkprune.model.LinearDecay;
import io.sparkprune.model.conv.FastConvolutionLayer;
import io.sparkprune.regularization.GroupLassoRegularization;
import io.sparkprune.regularization.NormRatioRegularization;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models saved by earlier versions keep loading and computing the same outputs (as DL4J's own
 * RegressionTest100b6 does for its releases): every fixture under {@code frozen-models/<version>/}
 * (see {@link FrozenModels} for how they were made) is restored with the current code, its custom
 * layers and penalties must come back as those classes, and its outputs on a fixed input and its
 * penalty must equal the ones recorded when it was saved.
 */
class FrozenModelsTest {
    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> versions = Files.list(FrozenModels.ROOT)) {
            List<Path> all = versions.flatMap(FrozenModelsTest::children).sorted().toList();
            assertTrue(all.size() >= FrozenModels.FIXTURES.size(), "fixtures found: " + all);
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void loadsAndComputesWhatItDidWhenSaved(Path fixture) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(fixture.resolve(FrozenModels.EXPECTED).toFile());
        MultiLayerNetwork net = ModelFiles.read(fixture.resolve(FrozenModels.MODEL).toString(), new Configuration());
        MultiLayerNetwork withUpdater = ModelSerializer.restoreMultiLayerNetwork(
                fixture.resolve(FrozenModels.MODEL).toFile(), true);

        Layer conv1 = net.getLayerWiseConfigurations().getConf(0).getLayer();
        assertInstanceOf(FastConvolutionLayer.class, conv1, "model.convolution = fast comes back");
        List<Regularization> penalty = conv1.getRegularizationByParam("W");
        assertEquals(1, penalty.size());
        String type = expected.get("config").get("regularizer.type").asText();
        Class<? extends Regularization> penaltyClass = type.equals("ssl") ? GroupLassoRegularization.class
                : NormRatioRegularization.class;
        assertTrue(penaltyClass.isInstance(penalty.get(0)), type + ": " + penalty.get(0));
        assertEquals(expected.get("regularization_score").asDouble(), net.calcRegularizationScore(true),
                1e-6 * Math.abs(expected.get("regularization_score").asDouble()), "the penalty's lambda and groups");
        if (expected.get("config").get("train.lr-schedule").asText().equals("linear")) {
            ISchedule schedule = ((Adam) ((BaseLayer) conv1).getIUpdater()).getLearningRateSchedule();
            assertInstanceOf(LinearDecay.class, schedule, "train.lr-schedule = linear comes back");
        }

        assertMatches(expected.get("hidden"), FrozenModels.hidden(net), fixture + " hidden");
        INDArray out = net.output(FrozenModels.input(), false);
        assertMatches(expected.get("outputs"), out, fixture + " outputs");
        assertEquals(out, withUpdater.output(FrozenModels.input(), false));
        withUpdater.fit(new DataSet(FrozenModels.input(), net.output(FrozenModels.input())));
        assertTrue(Double.isFinite(withUpdater.score()), "the saved updater state trains on");
    }

    /** Equal within float rounding: relative 1e-4, absolute 1e-6 near zero. */
    private static void assertMatches(JsonNode rows, INDArray actual, String what) {
        assertEquals(rows.size(), actual.rows(), what);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).size(), actual.columns(), what);
            for (int j = 0; j < rows.get(i).size(); j++) {
                double e = rows.get(i).get(j).asDouble();
                assertEquals(e, actual.getDouble(i, j), Math.max(1e-6, 1e-4 * Math.abs(e)), what + " [" + i + "," + j + "]");
            }
        }
    }

    /** Writes a new version's fixtures; runs only when asked (see {@link FrozenModels}). */
    @Test
    @EnabledIfSystemProperty(named = "sparkprune.freeze", matches = "\\d+\\.\\d+\\.\\d+")
    void generate() throws IOException {
        Path dir = FrozenModels.ROOT.resolve(System.getProperty("sparkprune.freeze"));
        assertTrue(!Files.exists(dir), dir + " exists: frozen fixtures are never overwritten");
        FrozenModels.write(dir);
    }

    private static Stream<Path> children(Path version) {
        try {
            return Files.list(version).filter(Files::isDirectory).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
