package io.sparkprune.regularization;

import io.sparkprune.config.RegularizerConfig;
import io.sparkprune.config.RegularizerGroup;
import io.sparkprune.config.RegularizerType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code none} (or lambda 0) must leave training bit-identical to DL4J without regularization. */
class TrainingIdentityTest {

    private static float[] trainedParams(Function<LayerShape, List<Regularization>> penalties) {
        MultiLayerConfiguration conf = TinyNets.config(DataType.FLOAT, new Adam(1e-2), penalties);
        MultiLayerNetwork net = TinyNets.create(conf);
        DataSet ds = TinyNets.data(DataType.FLOAT, 16, 3);
        for (int i = 0; i < 5; i++) {
            net.fit(ds);
        }
        return net.params().toFloatVector();
    }

    private static Function<LayerShape, List<Regularization>> configured(RegularizerType t, double lambda) {
        return shape -> WeightPenalties.forShape(new RegularizerConfig(t, lambda, RegularizerGroup.FILTER, true), shape);
    }

    @Test
    void noneAndZeroLambdaTrainBitIdenticalToNoRegularization() {
        float[] plain = trainedParams(null);
        assertArrayEquals(plain, trainedParams(configured(RegularizerType.NONE, 0.1)), "type none");
        assertArrayEquals(plain, trainedParams(configured(RegularizerType.L1L2, 0.0)), "l1l2 at lambda 0");
        // a penalty object attached with lambda 0 (as a hand-built config could) is an exact no-op too
        assertArrayEquals(plain, trainedParams(shape -> List.of(
                NormRatioRegularization.l1OverL2(0.0, shape, Grouping.FILTER))), "attached, lambda 0");
    }

    @Test
    void aPositiveLambdaDoesChangeTraining() {
        float[] plain = trainedParams(null);
        float[] reg = trainedParams(configured(RegularizerType.L1L2, 0.1));
        assertFalse(java.util.Arrays.equals(plain, reg));
        assertTrue(reg.length == plain.length);
    }
}
