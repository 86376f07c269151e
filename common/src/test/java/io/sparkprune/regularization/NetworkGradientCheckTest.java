package io.sparkprune.regularization;

import io.sparkprune.regularization.Variants.Variant;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's own network-level gradient check (score from {@code net.score()}, regularization applied by
 * the updater as in training) on a tiny conv net, each regularizer on conv and dense weights.
 */
class NetworkGradientCheckTest {
    private static DataType previousDefault;

    /** GradientCheckUtil insists on double as the global default type; restore it afterwards. */
    @BeforeAll
    static void doublePrecision() {
        previousDefault = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousDefault, previousDefault);
    }

    static Stream<Variant> variants() {
        return Variants.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void networkGradientIncludesTheRegularizerExactly(Variant v) {
        // lambda large enough that the penalty's gradient is a visible share of the total
        MultiLayerNetwork net = TinyNets.create(TinyNets.config(DataType.DOUBLE, new NoOp(),
                shape -> List.of(v.penalty(shape, 0.05))));
        assertTrue(net.calcRegularizationScore(true) > 0, v + " must contribute to the score");
        DataSet ds = TinyNets.data(DataType.DOUBLE, 4, 7);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(ds.getFeatures()).labels(ds.getLabels())
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertTrue(ok, v + ": DL4J gradient check failed");
    }
}
